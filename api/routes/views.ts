// Manager lists cut to one concern: process figures (visits) and risk (loans turned
// non-performing). Same query as the league table, with the concern's mart columns only.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { lineParam, listParams, periodKey, searchParam, type ListQuery } from '../params.ts';
import { pagingOf, sendList } from '../respond.ts';
import { requireMart, resolvePeriod } from '../periods.ts';
import { orgParam, scopedOrg } from './institutions.ts';
import { leagueColumns, leagueTable } from '../../warehouse/queries/managers.ts';
import type { Area } from '../auth/access.ts';

export const processMetrics = ['visits', 'development_visits', 'maintenance_coverage', 'clients', 'new_clients'] as const;
export const riskMetrics = ['turned_npl_count', 'turned_npl_balance', 'npl_balance', 'npl_ratio', 'loan_end_balance', 'expected_loss', 'risk_adjusted_contribution'] as const;

function managerView(docs: RouteDocs, deps: Deps, spec: { path: string; name: string; area: Area; summary: string; metrics: readonly string[]; sort: string }) {
  const keys = deps.catalog.has('mart_manager_period') ? leagueColumns(deps.catalog, spec.metrics, true) : ['manager_id'];
  const query = z.strictObject({
    period: periodKey.optional(),
    line: lineParam.optional(),
    q: searchParam.optional(),
    ...listParams(keys as [string, ...string[]], keys.includes(spec.sort) ? spec.sort : keys[0]!),
  });
  docs.add({ method: 'get', path: `/api/orgs/{org_id}${spec.path}`, summary: spec.summary, area: spec.area, params: orgParam, query, list: true, response: `list of { ${keys.join(', ')} }` });
  return new Hono<AppEnv>().get(`/:org_id${spec.path}`, requireArea(spec.area), v('param', orgParam), v('query', query), async (c) => {
    const { deps: d, scope } = c.var;
    requireMart(d, 'mart_manager_period');
    const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    const listed = await leagueTable(
      d.reader,
      d.catalog,
      scope,
      { orgId: org.org_id, period, line: q.line, q: q.q, metrics: spec.metrics, noScores: true },
      pagingOf(q as ListQuery),
    );
    return sendList(c, q as ListQuery, spec.name, { meta: { period, org_id: org.org_id, org_name: org.org_name, line: q.line ?? null, q: q.q ?? null }, keys, ...listed });
  });
}

export function viewRoutes(docs: RouteDocs, deps: Deps) {
  const process = managerView(docs, deps, {
    path: '/process',
    name: 'process',
    area: 'process',
    summary: 'Process figures per manager in a node’s subtree: visits, development visits, premium-client coverage, clients won',
    metrics: processMetrics,
    sort: 'visits',
  });
  const turnedNpl = managerView(docs, deps, {
    path: '/risk/turned-npl',
    name: 'turned-npl',
    area: 'risk',
    summary: 'Managers ranked by loans that turned non-performing in the period (held by them then), with NPL balance and ratio',
    metrics: riskMetrics,
    sort: 'turned_npl_balance',
  });
  return { process, turnedNpl };
}
