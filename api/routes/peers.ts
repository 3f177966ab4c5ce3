// The head office's benchmarking: every node of one level under a node, side by side bank-wide
// (filter by level, parent and size group), from mart_org_peers. The node must be in the caller's
// subtree, else 404.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { listParams, peerFilters } from '../../contract/api.ts';
import { pagingOf, sendList } from '../respond.ts';
import { resolvePeriod } from '../periods.ts';
import { peerColumns, peerTable } from '../../warehouse/queries/peers.ts';
import { orgParam, scopedOrg } from './institutions.ts';

export function peerRoutes(docs: RouteDocs) {
  const keys = [...peerColumns];
  const query = z.strictObject({ ...peerFilters, ...listParams(keys as [string, ...string[]], 'profit_contribution_per_manager') });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/peers', summary: 'Every node of one level under a node, side by side: size group, profit against target, per manager and its percentile in the level, NPL ratio and its change', area: 'institutions', params: orgParam, query, list: true, response: `list of { ${keys.slice(0, 8).join(', ')}, … }` });
  return new Hono<AppEnv>().get('/:org_id/peers', requireArea('institutions'), v('param', orgParam), v('query', query), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const f = { orgId: org.org_id, period, level: q.level, parentId: q.parent_id, sizeBy: q.size_by, size: q.size };
    const listed = await peerTable(d.reader, scope, f, pagingOf(q));
    return sendList(c, q, 'peers', {
      meta: { period, org_id: org.org_id, org_name: org.org_name, level: q.level, parent_id: q.parent_id ?? null, size_by: q.size_by, size: q.size ?? null },
      keys,
      ...listed,
    });
  });
}
