// Node-scoped views: one org node's figures, the benchmark of its children, and the league table
// of the managers in its subtree. The node must be inside the caller's subtree, else 404.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { idString, leagueFilters, listParams, periodKey, type OrgSummary } from '../../contract/api.ts';
import { pagingOf, sendList } from '../respond.ts';
import { HttpProblem } from '../problem.ts';
import { resolvePeriod } from '../periods.ts';
import { orgInScope } from '../../warehouse/queries/orgs.ts';
import { benchmark, benchmarkColumns, orgFigures, orgMetrics, orgTrend } from '../../warehouse/queries/institutions.ts';
import { leagueColumns, leagueTable, schemeStatus } from '../../warehouse/queries/managers.ts';
import { indicatorAchievement } from '../../contract/metrics.ts';
import { leagueIndicators, orgIndicatorCandidates, orgIndicators } from '../../warehouse/queries/main-indicators.ts';
import { metricColumns } from '../../warehouse/queries/columns.ts';
import { orgUnassigned, unassignedLeading } from '../../warehouse/queries/unassigned.ts';
import { sortAndPage } from '../../warehouse/queries/listing.ts';
import type { Scope } from '../../warehouse/queries/scope.ts';
import { standingFiles } from './managers.ts';
import { ledgersNotDelivered } from '../../warehouse/queries/delivery.ts';
import { unavailableColumns } from '../../contract/unavailable.ts';

export const orgParam = z.strictObject({ org_id: idString });

export async function scopedOrg(deps: Deps, scope: Scope, orgId: string) {
  const org = await orgInScope(deps.reader, scope, orgId);
  if (!org) throw new HttpProblem(404, `org ${orgId} not found`);
  return org;
}

const asTuple = (keys: string[]): [string, ...string[]] => (keys.length ? (keys as [string, ...string[]]) : ['org_id']);

export function institutionRoutes(docs: RouteDocs, deps: Deps) {
  const summaryQuery = z.strictObject({ period: periodKey.optional() });
  const bKeys = benchmarkColumns(deps.catalog).keys;
  const benchmarkQuery = z.strictObject({
    period: periodKey.optional(),
    ...listParams(asTuple(bKeys), bKeys.includes('profit_contribution') ? 'profit_contribution' : bKeys[0]!),
  });
  const lKeys = leagueColumns(deps.catalog);
  const leagueMetrics = metricColumns(deps.catalog, 'mart_manager_period');
  const leagueQuery = z.strictObject({
    ...leagueFilters,
    ...listParams(asTuple(lKeys), lKeys.includes('profit_contribution') ? 'profit_contribution' : lKeys[0]!),
  });

  const uKeys = [...unassignedLeading.filter((k) => k !== 'period'), ...deps.catalog.metrics('mart_org_unassigned_period')];
  const unassignedQuery = z.strictObject({
    period: periodKey.optional(),
    ...listParams(asTuple(uKeys), uKeys.includes('profit_contribution') ? 'profit_contribution' : uKeys[0]!),
  });

  docs.add({ method: 'get', path: '/api/orgs/{org_id}', summary: 'One org node: its figures, metrics against base and target, monthly trend', area: 'institutions', params: orgParam, query: summaryQuery, response: '{ org, period, figures, metrics, trend }' });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/benchmark', summary: 'The children of a node side by side: every metric, per-manager averages, percentiles among siblings', area: 'institutions', params: orgParam, query: benchmarkQuery, list: true, response: `list of { ${bKeys.slice(0, 6).join(', ')}, … }` });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/unassigned', summary: 'The unassigned bucket (未分配): each node of the subtree with business no manager held, that business summed over the node’s own subtree; the node’s row plus its managers add up to the node', area: 'institutions', params: orgParam, query: unassignedQuery, list: true, response: `list of { ${uKeys.slice(0, 8).join(', ')}, … }` });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/managers', summary: 'League table of the managers in a node’s subtree', area: 'performance', params: orgParam, query: leagueQuery, list: true, response: `list of { ${lKeys.slice(0, 10).join(', ')}, … }` });

  return new Hono<AppEnv>()
    .get('/:org_id', requireArea('institutions'), v('param', orgParam), v('query', summaryQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
      const period = resolvePeriod(d, c.req.valid('query').period);
      const [figures, metrics, trend, notDelivered, candidates] = await Promise.all([
        orgFigures(d.reader, d.catalog, org.org_id, period),
        orgMetrics(d.reader, org.org_id, period),
        orgTrend(d.reader, d.catalog, org.org_id, period),
        ledgersNotDelivered(d.reader, period),
        orgIndicatorCandidates(d.reader, period, org.org_id),
      ]);
      const unavailable = unavailableColumns([...metrics.map((m) => m.metric), ...Object.keys(figures ?? {})], notDelivered);
      // a tile for the main indicators with a figure, as the league's columns
      const indicators = orgIndicators(candidates, (m) => metrics.some((f) => f.metric === m && f.actual !== null));
      const answer: OrgSummary = { org, period, figures, metrics, indicators, unavailable, trend };
      return c.json(answer, 200);
    })
    .get('/:org_id/benchmark', requireArea('institutions'), v('param', orgParam), v('query', benchmarkQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
      const q = c.req.valid('query');
      const period = resolvePeriod(d, q.period);
      const listed = await benchmark(d.reader, d.catalog, scope, { orgId: org.org_id, period }, pagingOf(q));
      return sendList(c, q, 'benchmark', { meta: { period, org_id: org.org_id, org_name: org.org_name }, keys: bKeys, ...listed });
    })
    .get('/:org_id/unassigned', requireArea('institutions'), v('param', orgParam), v('query', unassignedQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
      const q = c.req.valid('query');
      const period = resolvePeriod(d, q.period);
      const rows = await orgUnassigned(d.reader, scope, { orgId: org.org_id, period });
      const listed = sortAndPage(rows.map((r) => Object.fromEntries(uKeys.map((k) => [k, r[k] ?? null]))), pagingOf(q), uKeys, 'org_id');
      return sendList(c, q, 'unassigned', { meta: { period, org_id: org.org_id, org_name: org.org_name }, keys: uKeys, ...listed });
    })
    .get('/:org_id/managers', requireArea('performance'), v('param', orgParam), v('query', leagueQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
      const q = c.req.valid('query');
      const period = resolvePeriod(d, q.period);
      // the main indicators of the schemes in force under the node: their achievement beside the figures
      const indicators = await leagueIndicators(d.reader, leagueMetrics, period, { orgId: org.org_id, line: q.line });
      const metrics = indicators.map((i) => i.metric);
      const [listed, scheme] = await Promise.all([
        leagueTable(d.reader, d.catalog, scope, { orgId: org.org_id, period, line: q.line, grade: q.grade, q: q.q, indicators: metrics }, pagingOf(q), standingFiles(d, period)),
        schemeStatus(d.reader, d.periods, period, { orgId: org.org_id }),
      ]);
      return sendList(c, q, 'league', {
        meta: { period, org_id: org.org_id, org_name: org.org_name, line: q.line ?? null, grade: q.grade ?? null, q: q.q ?? null, scheme, indicators },
        keys: [...lKeys, ...metrics.map(indicatorAchievement)],
        ...listed,
      });
    });
}
