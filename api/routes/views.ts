// Process and risk views under an org node: managers ranked on one concern, the loans and
// warnings behind the figures, class migration and vintages. Each reads its mart in sql/marts/risk.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import {
  lineParam,
  listParams,
  migrationLoanFilters,
  periodKey,
  riskLoanFilters,
  searchParam,
  turnedNplFilters,
  vintageLoanFilters,
  warningFilters,
} from '../../contract/api.ts';
import { pagingOf, sendList } from '../respond.ts';
import { resolvePeriod } from '../periods.ts';
import { HttpProblem } from '../problem.ts';
import { orgParam, scopedOrg } from './institutions.ts';
import { managerIdentity } from '../../warehouse/queries/managers.ts';
import { childOrgList, detailList, managerMartList, martColumns, nodeOrOwnRows, warningRows } from '../../warehouse/queries/risk.ts';
import { martList } from '../../warehouse/queries/mart-rows.ts';
import { migrationLoanColumns, migrationLoans, vintageLoanColumns, vintageLoans } from '../../warehouse/queries/cells.ts';

const tuple = (k: string[]) => (k.length ? k : ['manager_id']) as [string, ...string[]];
const identity = ['period', 'manager_id', 'manager_name', 'org_id', 'line', 'grade'];

/** Columns of the manager-grain risk mart, split by who is charged. */
export const heldRisk = ['loan_end_balance', 'npl_balance', 'npl_ratio', 'special_mention_balance', 'turned_npl_count', 'turned_npl_balance', 'warnings'];
export const originatedRisk = ['originated_turned_npl_count', 'originated_turned_npl_balance', 'originated_loan_end_balance', 'originated_npl_balance', 'originated_npl_ratio'];

export function viewRoutes(docs: RouteDocs, deps: Deps) {
  const cat = deps.catalog;
  const app = new Hono<AppEnv>();

  // --- process: visits per manager -------------------------------------------------------
  const processTable = 'mart_manager_process_period';
  const processCols = martColumns(cat, processTable, identity);
  const processQuery = z.strictObject({
    period: periodKey.optional(),
    line: lineParam.optional(),
    q: searchParam.optional(),
    ...listParams(tuple([...managerIdentity, ...processCols]), processCols.includes('visits') ? 'visits' : 'manager_id'),
  });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/process', summary: 'Process figures per manager in a node’s subtree: visits, their quality, premium-client upkeep', area: 'process', params: orgParam, query: processQuery, list: true, response: `list of { ${[...managerIdentity, ...processCols].join(', ')} }` });
  app.get('/:org_id/process', requireArea('process'), v('param', orgParam), v('query', processQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await managerMartList(d.reader, d.catalog, scope, { table: processTable, orgId: org.org_id, period, line: q.line, q: q.q, columns: processCols }, pagingOf(q));
    return sendList(c, q, 'process', { meta: { period, org_id: org.org_id, org_name: org.org_name, line: q.line ?? null, q: q.q ?? null }, keys: [...managerIdentity, ...processCols], ...listed });
  });

  // --- risk: managers ranked by turned-NPL, held now or originated ------------------------
  const riskTable = 'mart_manager_risk_period';
  const riskHeld = heldRisk;
  const riskOrig = originatedRisk;
  const riskAll = [...riskHeld, ...riskOrig];
  // Ties on the ranked measure (the many managers with no loan turned NPL) are ranked here, not in
  // the page: by the NPL balance on the same basis, then the loan book (largest first), then id.
  const riskTiebreak = {
    current: ['npl_balance desc', 'loan_end_balance desc', 'manager_id'],
    originating: ['originated_npl_balance desc', 'originated_loan_end_balance desc', 'manager_id'],
  } as const;
  const turnedQuery = z.strictObject({
    ...turnedNplFilters,
    ...listParams(tuple([...managerIdentity, ...riskAll]), 'turned_npl_balance'),
  });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/turned-npl', summary: 'Managers ranked by loans that turned non-performing in the period, charged to the holder (by=current) or the originator (by=originating); ties on the sort column ranked by NPL balance, then loan balance (largest first, on the same basis), then manager_id', area: 'risk', params: orgParam, query: turnedQuery, list: true, response: `list of { ${managerIdentity.join(', ')}, ${riskHeld.join(', ')} } (by=current) or { …, ${riskOrig.join(', ')} } (by=originating)` });
  app.get('/:org_id/risk/turned-npl', requireArea('risk'), v('param', orgParam), v('query', turnedQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const columns = q.by === 'current' ? riskHeld : riskOrig;
    // The default sort follows `by`; an explicit sort must be one of that view's columns.
    const sort = q.sort === 'turned_npl_balance' && q.by === 'originating' ? 'originated_turned_npl_balance' : q.sort;
    if (![...managerIdentity, ...columns].includes(sort)) {
      throw new HttpProblem(400, `sort: '${sort}' is not a column of by=${q.by}`, { invalid_params: [{ name: 'sort', in: 'query', reason: `not a column of by=${q.by}: ${[...managerIdentity, ...columns].join(', ')}` }] });
    }
    const paging = { ...pagingOf(q), sort };
    const listed = await managerMartList(d.reader, d.catalog, scope, { table: riskTable, orgId: org.org_id, period, line: q.line, q: q.q, columns, tiebreak: riskTiebreak[q.by] }, paging);
    return sendList(c, { ...(q), sort: paging.sort }, `turned-npl-${q.by}`, { meta: { period, org_id: org.org_id, org_name: org.org_name, by: q.by, line: q.line ?? null, q: q.q ?? null }, keys: [...managerIdentity, ...columns], ...listed });
  });

  // --- the loans behind the turned-NPL figures ---------------------------------------------
  const loansTable = 'mart_turned_npl_loans';
  const loanCols = martColumns(cat, loansTable);
  const loansQuery = z.strictObject({
    ...riskLoanFilters,
    ...listParams(tuple(loanCols), loanCols.includes('turned_npl_balance') ? 'turned_npl_balance' : loanCols[0] ?? 'loan_id'),
  });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/loans', summary: 'The loans behind the turned-NPL figures: loan, client, classes before and after, overdue days, charged manager and share', area: 'risk', params: orgParam, query: loansQuery, list: true, response: `list of { ${loanCols.join(', ')} }` });
  app.get('/:org_id/risk/loans', requireArea('risk'), v('param', orgParam), v('query', loansQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await detailList(
      d.reader,
      d.catalog,
      scope,
      { table: loansTable, columns: loanCols, where: `m.period = $period and m.attribution = $attribution`, tiebreak: ['loan_id', 'as_of_date', 'manager_id'] },
      { orgId: org.org_id, period, managerId: q.manager_id, extra: { attribution: q.by } },
      pagingOf(q),
    );
    return sendList(c, q, `turned-npl-loans-${q.by}`, { meta: { period, org_id: org.org_id, by: q.by, manager_id: q.manager_id ?? null }, keys: loanCols, ...listed });
  });

  // --- early warnings ---------------------------------------------------------------------
  const warnTable = 'mart_risk_warnings';
  const warnCols = martColumns(cat, warnTable);
  const warnQuery = z.strictObject({
    ...warningFilters,
    ...listParams(tuple(warnCols), warnCols.includes('balance') ? 'balance' : warnCols[0] ?? 'loan_id'),
  });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/warnings', summary: 'Early warnings dated within the period: special-mention loans, rising overdue days, deposit outflows, lost clients', area: 'risk', params: orgParam, query: warnQuery, list: true, response: `list of { ${warnCols.join(', ')} }` });
  app.get('/:org_id/risk/warnings', requireArea('risk'), v('param', orgParam), v('query', warnQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await martList(d.reader, d.catalog, warningRows(warnCols, { managerId: q.manager_id, warning: q.warning }), { scope, orgId: org.org_id, period }, pagingOf(q), {
      sortable: warnCols,
      tiebreak: ['warning', 'as_of_date', 'client_id', 'loan_id', 'manager_id'],
    });
    return sendList(c, q, 'warnings', { meta: { period, org_id: org.org_id, warning: q.warning ?? null, manager_id: q.manager_id ?? null }, keys: warnCols, ...listed });
  });

  // --- migration matrix and vintages --------------------------------------------------------
  const periodOnly = z.strictObject({ period: periodKey.optional() });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/migration', summary: 'Migration matrix: loans and balances moving from each class at the period start to each class at its end (a manager user: their own)', area: 'risk', params: orgParam, query: periodOnly, response: '{ period, org_id, columns, rows: [{ from_class, to_class, loans, opening_balance, closing_balance, … }] }' });
  app.get('/:org_id/risk/migration', requireArea('risk'), v('param', orgParam), v('query', periodOnly), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const period = resolvePeriod(d, c.req.valid('query').period);
    const out = await nodeOrOwnRows(d.reader, d.catalog, scope, { orgTable: 'mart_org_risk_migration', managerTable: 'mart_risk_migration', managerKey: 'manager_id', managerOrgKey: 'holder_org_id', where: 'm.period = $period', order: 'from_class, to_class' }, { orgId: org.org_id, period });
    return c.json({ period, org_id: org.org_id, ...out }, 200);
  });

  const vintageQuery = z.strictObject({});
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/vintage', summary: 'Vintages: loans by origination quarter × months on book, with NPL balance and ratio (a manager user: the loans they booked)', area: 'risk', params: orgParam, query: vintageQuery, response: '{ org_id, columns, rows: [{ origination_quarter, months_on_book, loans, balance, npl_loans, npl_balance, npl_ratio, … }] }' });
  app.get('/:org_id/risk/vintage', requireArea('risk'), v('param', orgParam), v('query', vintageQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const out = await nodeOrOwnRows(d.reader, d.catalog, scope, { orgTable: 'mart_org_risk_vintage', managerTable: 'mart_risk_vintage', managerKey: 'originating_manager_id', managerOrgKey: 'originating_org_id', where: 'true', order: 'origination_quarter, months_on_book' }, { orgId: org.org_id });
    return c.json({ org_id: org.org_id, ...out }, 200);
  });

  // --- the loans behind a migration cell and a vintage point --------------------------------
  const migrationLoansQuery = z.strictObject({
    ...migrationLoanFilters,
    ...listParams(tuple([...migrationLoanColumns]), 'opening_balance'),
  });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/migration/loans', summary: 'The loans behind a migration-matrix cell: each loan with its holder, share and balances at the period’s start and end', area: 'risk', params: orgParam, query: migrationLoansQuery, list: true, response: `list of { ${migrationLoanColumns.join(', ')} }` });
  app.get('/:org_id/risk/migration/loans', requireArea('risk'), v('param', orgParam), v('query', migrationLoansQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await migrationLoans(d.reader, scope, { orgId: org.org_id, period, fromClass: q.from_class, toClass: q.to_class }, pagingOf(q));
    return sendList(c, q, 'migration-loans', { meta: { period, org_id: org.org_id, from_class: q.from_class ?? null, to_class: q.to_class ?? null }, keys: [...migrationLoanColumns], ...listed });
  });

  const vintageLoansQuery = z.strictObject({
    ...vintageLoanFilters,
    ...listParams(tuple([...vintageLoanColumns]), 'balance'),
  });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/vintage/loans', summary: 'The loans behind a vintage point: the snapshots of one origination quarter (at one age when months_on_book is given)', area: 'risk', params: orgParam, query: vintageLoansQuery, list: true, response: `list of { ${vintageLoanColumns.join(', ')} }` });
  app.get('/:org_id/risk/vintage/loans', requireArea('risk'), v('param', orgParam), v('query', vintageLoansQuery), async (c) => {
    const { deps: d, scope } = c.var;
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const listed = await vintageLoans(d.reader, scope, { orgId: org.org_id, originationQuarter: q.origination_quarter, monthsOnBook: q.months_on_book }, pagingOf(q));
    return sendList(c, q, 'vintage-loans', { meta: { org_id: org.org_id, origination_quarter: q.origination_quarter, months_on_book: q.months_on_book ?? null }, keys: [...vintageLoanColumns], ...listed });
  });

  // --- risk by institution: the children of a node ------------------------------------------
  const orgRiskTable = 'mart_org_risk_period';
  const orgRiskCols = martColumns(cat, orgRiskTable, ['period', 'org_id', 'org_name', 'parent_id', 'level']);
  const orgRiskKeys = ['org_id', 'org_name', 'level', ...orgRiskCols];
  const orgRiskQuery = z.strictObject({ period: periodKey.optional(), ...listParams(tuple(orgRiskKeys), orgRiskKeys.includes('npl_ratio') ? 'npl_ratio' : 'org_id') });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/risk/institutions', summary: 'Asset quality of the children of a node: NPL balance and ratio, special mention, turned-NPL held and originated', area: 'risk', params: orgParam, query: orgRiskQuery, list: true, response: `list of { ${orgRiskKeys.join(', ')} }` });
  app.get('/:org_id/risk/institutions', requireArea('risk'), v('param', orgParam), v('query', orgRiskQuery), async (c) => {
    const { deps: d, scope } = c.var;
    if (scope.managerId) throw new HttpProblem(403, 'a manager sees their own risk figures, not institutions’');
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await childOrgList(d.reader, d.catalog, scope, { table: orgRiskTable, columns: orgRiskCols, orgId: org.org_id, period }, pagingOf(q));
    return sendList(c, q, 'risk-institutions', { meta: { period, org_id: org.org_id, org_name: org.org_name }, keys: orgRiskKeys, ...listed });
  });

  return app;
}
