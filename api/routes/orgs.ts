// The org tree the caller may see, and the periods.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { orgTree } from '../../warehouse/queries/orgs.ts';
import type { OrgNode, PeriodsAnswer } from '../../contract/api.ts';

const none = z.strictObject({});

export function orgRoutes(docs: RouteDocs) {
  docs.add({ method: 'get', path: '/api/orgs', summary: 'The org tree within the caller’s scope', area: 'org', query: none, response: '{ rows: [{ org_id, parent_id, org_name, level, depth, managers }] } depth-first; depth 0 is the scope’s root' });
  docs.add({ method: 'get', path: '/api/periods', summary: 'Periods with figures, newest first', area: 'org', query: none, response: '{ latest_month, rows: [{ period, period_type, year, start_date, end_date, days }] }' });
  const tree = new Hono<AppEnv>().get('/', requireArea('org'), v('query', none), async (c) => {
    const answer: { rows: OrgNode[] } = { rows: await orgTree(c.var.deps.reader, c.var.scope) };
    return c.json(answer, 200);
  });
  const periods = new Hono<AppEnv>().get('/', requireArea('org'), v('query', none), (c) => {
    const rows = c.var.deps.periods;
    const months = rows.filter((p) => p.period_type === 'month').map((p) => p.period).sort();
    const answer: PeriodsAnswer = { latest_month: months.at(-1) ?? null, rows };
    return c.json(answer, 200);
  });
  return { tree, periods };
}
