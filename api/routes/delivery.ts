// What the figures rest on: the ledgers delivered in a period (every signed-in user with the org
// area: the institution page names them), the reporting currency (labels of amounts), and the
// build's warnings (head office and admins: the banner).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { periodFilter } from '../../contract/api.ts';
import { resolvePeriod } from '../periods.ts';
import { buildWarnings, ledgerCoverage, reportingCurrency } from '../../warehouse/queries/delivery.ts';

const none = z.strictObject({});
const coverageQuery = z.strictObject(periodFilter);

export function deliveryRoutes(docs: RouteDocs) {
  docs.add({ method: 'get', path: '/api/ledgers', summary: 'Which ledgers were delivered for a period (the figures rest on them)', area: 'org', query: coverageQuery, response: '{ period, rows: [{ ledger, ledger_kind, months, delivered_months, ledger_rows, coverage }] }' });
  docs.add({ method: 'get', path: '/api/currency', summary: 'The bank’s reporting currency and the labels of its units', area: 'org', query: none, response: '{ code, name: { zh, en }, units: { yuan, wan, yi } }' });
  docs.add({ method: 'get', path: '/api/warnings', summary: 'The build’s warnings: what each flags, item by item', area: 'warnings', query: none, response: '{ build_id, rows: [{ warning, path, title_zh, title_en, item, detail }] }' });
  const ledgers = new Hono<AppEnv>().get('/', requireArea('org'), v('query', coverageQuery), async (c) => {
    const period = resolvePeriod(c.var.deps, c.req.valid('query').period);
    return c.json({ period, rows: await ledgerCoverage(c.var.deps.reader, period) }, 200);
  });
  const currency = new Hono<AppEnv>().get('/', requireArea('org'), v('query', none), async (c) => c.json(await reportingCurrency(c.var.deps.reader), 200));
  const warnings = new Hono<AppEnv>().get('/', requireArea('warnings'), v('query', none), async (c) =>
    c.json({ build_id: c.var.deps.build?.build_id ?? null, rows: await buildWarnings(c.var.deps.reader) }, 200),
  );
  return { ledgers, currency, warnings };
}
