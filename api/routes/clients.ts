// Portfolios (a manager's, an org node's) and one client's ledger history. A `manager` user sees
// only their own portfolio and clients; a risk officer the clients in their subtree.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { clientFilters, exportOnly, idString, listParams, segmentFilters, type ClientPage } from '../../contract/api.ts';
import { keysOf, pagingOf, sendList, sendTable } from '../respond.ts';
import { HttpProblem } from '../problem.ts';
import { resolvePeriod } from '../periods.ts';
import { orgParam, scopedOrg } from './institutions.ts';
import { managerParam, scopedManager } from './managers.ts';
import { unavailableIn } from '../../warehouse/queries/delivery.ts';
import {
  clientHistory,
  clientHolders,
  clientInScope,
  clientLedgers,
  managerPortfolio,
  managerSegments,
  orgPortfolio,
  portfolioColumns,
} from '../../warehouse/queries/clients.ts';

const clientParam = z.strictObject({ client_id: idString });
const tuple = (k: string[]) => k as [string, ...string[]];

export function clientRoutes(docs: RouteDocs, deps: Deps) {
  const mKeys = portfolioColumns(deps.catalog, 'manager');
  const oKeys = portfolioColumns(deps.catalog, 'org');
  const sortDefault = (keys: string[]) => (keys.includes('profit_contribution') ? 'profit_contribution' : keys[0]!);
  const managerQuery = z.strictObject({ ...clientFilters, ...listParams(tuple(mKeys), sortDefault(mKeys)) });
  const orgQuery = z.strictObject({ ...clientFilters, ...listParams(tuple(oKeys), sortDefault(oKeys)) });
  // format=csv|xlsx downloads one sub-table (`table`) of the client page.
  const oneQuery = z.strictObject({
    table: z.enum(['holders', 'history', 'deposits', 'loans', 'held']).optional().meta({ description: 'With format=csv|xlsx: the sub-table to download (held = the latest month of each ledger)' }),
    ...exportOnly,
  });

  docs.add({ method: 'get', path: '/api/managers/{manager_id}/clients', summary: 'A manager’s portfolio at the period’s end: clients, share, figures', area: 'clients', params: managerParam, query: managerQuery, list: true, response: `list of { ${mKeys.slice(0, 8).join(', ')}, … }` });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/clients', summary: 'Clients held in a node’s subtree at the period’s end, with figures', area: 'clients', params: orgParam, query: orgQuery, list: true, response: `list of { ${oKeys.slice(0, 8).join(', ')}, … }` });
  docs.add({ method: 'get', path: '/api/clients/{client_id}', summary: 'One client: identity, holders (assignment history), monthly figures, deposit and loan ledger rows', area: 'clients', params: clientParam, query: oneQuery, response: '{ client, holders, history, ledgers: { deposits, loans } }; with format=csv|xlsx and table=…, that sub-table as a download' });

  // The segmented portfolio (客户分层), when the clients mart is built.
  const segTable = 'mart_client_portfolio_period';
  // the manager's own org and name are the page's, not the list's
  const segCols = deps.catalog.columns(segTable).map((x) => x.name).filter((n) => !['period', 'manager_id', 'org_id', 'manager_name'].includes(n) && /^[a-z][a-z0-9_]*$/.test(n));
  const segQuery = z.strictObject({
    ...segmentFilters,
    ...listParams(tuple(segCols.length ? segCols : ['client_id']), segCols.includes('contribution_rank') ? 'contribution_rank' : 'client_id', 'asc'),
  });
  docs.add({ method: 'get', path: '/api/managers/{manager_id}/portfolio', summary: 'A manager’s portfolio ranked by contribution (× share), with loyalty and segment (quarters, halves, years and the latest month)', area: 'clients', params: managerParam, query: segQuery, list: true, response: `list of { ${segCols.join(', ')} }` });

  const byManager = new Hono<AppEnv>()
    .get('/:manager_id/portfolio', requireArea('clients'), v('param', managerParam), v('query', segQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const { manager_id } = c.req.valid('param');
      const manager = await scopedManager(d, scope, manager_id);
      const q = c.req.valid('query');
      const period = resolvePeriod(d, q.period);
      const listed = await managerSegments(d.reader, d.catalog, scope, segCols, { managerId: manager_id, orgId: manager.org_id, period, segment: q.segment, q: q.q }, pagingOf(q));
      return sendList(c, q, 'segments', { meta: { period, manager_id, manager_name: manager.manager_name, segment: q.segment ?? null, q: q.q ?? null }, keys: segCols, ...listed });
    })
    .get('/:manager_id/clients', requireArea('clients'), v('param', managerParam), v('query', managerQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const { manager_id } = c.req.valid('param');
    const manager = await scopedManager(d, scope, manager_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await managerPortfolio(d.reader, d.catalog, scope, { managerId: manager_id, orgId: manager.org_id, period, q: q.q }, pagingOf(q));
    return sendList(c, q, 'portfolio', { meta: { period, manager_id, manager_name: manager.manager_name, q: q.q ?? null }, keys: mKeys, ...listed });
  });

  const byOrg = new Hono<AppEnv>().get('/:org_id/clients', requireArea('clients'), v('param', orgParam), v('query', orgQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await orgPortfolio(d.reader, d.catalog, scope, { orgId: org.org_id, period, q: q.q }, pagingOf(q));
    return sendList(c, q, 'clients', { meta: { period, org_id: org.org_id, org_name: org.org_name, q: q.q ?? null }, keys: oKeys, ...listed });
  });

  const one = new Hono<AppEnv>().get('/:client_id', requireArea('clients'), v('param', clientParam), v('query', oneQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const { client_id } = c.req.valid('param');
    const client = await clientInScope(d.reader, scope, client_id);
    if (!client) throw new HttpProblem(404, `client ${client_id} not found`);
    const [holders, history, ledgers] = await Promise.all([
      clientHolders(d.reader, client_id),
      clientHistory(d.reader, d.catalog, client_id),
      clientLedgers(d.reader, client_id),
    ]);
    const q = c.req.valid('query');
    const months = history.map((r) => String((r as { period?: unknown }).period));
    if (q.format !== 'json') {
      if (!q.table) throw new HttpProblem(400, 'table: a download names its sub-table (holders, history, deposits, loans or held)', { invalid_params: [{ name: 'table', in: 'query', reason: 'required with format=csv|xlsx' }] });
      // held: each ledger's latest month-end, as the page's "products held" shows them.
      const latest = (rows: Record<string, unknown>[]) => {
        const last = rows.reduce((m, r) => (String(r.as_of_date ?? '') > m ? String(r.as_of_date) : m), '');
        return rows.filter((r) => String(r.as_of_date ?? '') === last);
      };
      const rows = (q.table === 'held' ? [...latest(ledgers.deposits), ...latest(ledgers.loans)] : q.table === 'deposits' || q.table === 'loans' ? ledgers[q.table] : q.table === 'holders' ? holders : history) as Record<string, unknown>[];
      return sendTable(c, { format: q.format, lang: q.lang }, `client-${q.table}`, { client_id, ...(q.table === 'history' ? { periods: months } : {}) }, keysOf(rows), rows);
    }
    const answer: ClientPage = { client, holders, history, unavailable: await unavailableIn(d.reader, keysOf(history), months), ledgers };
    return c.json(answer, 200);
  });

  return { byManager, byOrg, one };
}
