// Institution cards and the target cascade under an org node (issue 24): the subtree's cards for a
// scoring period, one node's card with every point explained, and the cascade of a targets period.
// Each list and its `jixiao export` kind read through the same MartRows (warehouse/queries/org-scorecards.ts).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import type { Deps } from '../env.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { cascadeFilters, listParams, orgScorecardFilters, periodKey, type OrgScorecardAnswer } from '../../contract/api.ts';
import { pagingOf, sendList } from '../respond.ts';
import { HttpProblem } from '../problem.ts';
import { resolvePeriod } from '../periods.ts';
import { orgParam, scopedOrg } from './institutions.ts';
import { martList } from '../../warehouse/queries/mart-rows.ts';
import {
  cascadePeriods,
  cascadeRows,
  cascadeTable,
  columnsOf,
  orgCard,
  orgSchemeStatus,
  orgScoredPeriods,
  orgScorecardRows,
  orgScorecardTable,
  scoredOrgPeriod,
} from '../../warehouse/queries/org-scorecards.ts';

const tuple = (k: string[]) => (k.length ? k : ['org_id']) as [string, ...string[]];

export function orgScorecardRoutes(docs: RouteDocs, deps: Deps) {
  const cardCols = columnsOf(deps.catalog, orgScorecardTable);
  const cardsQuery = z.strictObject({ ...orgScorecardFilters, ...listParams(tuple(cardCols), 'total_score') });
  const cascadeCols = columnsOf(deps.catalog, cascadeTable);
  const cascadeQuery = z.strictObject({ ...cascadeFilters, ...listParams(tuple(cascadeCols), 'org_id', 'asc') });
  const cardQuery = z.strictObject({ period: periodKey.optional() });

  docs.add({ method: 'get', path: '/api/orgs/{org_id}/scorecards', summary: 'Institution cards of the nodes of a subtree, those of the latest scoring period of the year up to the period: points, bonus, deductions, total, grade, rank among siblings and the level', area: 'institutions', params: orgParam, query: cardsQuery, list: true, response: `list of { ${cardCols.join(', ')} }` });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/scorecard', summary: 'One node’s institution card, the latest of the year up to the period, every point explained', area: 'institutions', params: orgParam, query: cardQuery, response: '{ org, period, scorecard: { period, card, indicators, items } | null, scheme: { period, in_force, reason } | null }' });
  docs.add({ method: 'get', path: '/api/orgs/{org_id}/target-cascade', summary: 'The target cascade of a subtree for a period of the targets file: own, derived, children’s and managers’ targets and the gaps', area: 'institutions', params: orgParam, query: cascadeQuery, list: true, response: `list of { ${cascadeCols.join(', ')} }` });

  return new Hono<AppEnv>()
    .get('/:org_id/scorecards', requireArea('institutions'), v('param', orgParam), v('query', cardsQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
      const q = c.req.valid('query');
      const period = q.period ? await scoredOrgPeriod(d.reader, q.period) : ((await orgScoredPeriods(d.reader))[0] ?? null);
      if (!period) throw new HttpProblem(404, `no institution cards for ${q.period ?? 'any period'}: scoring runs at quarter ends on year-to-date figures (2026-Q2 means 2026-06-ytd)`);
      const listed = await martList(d.reader, d.catalog, orgScorecardRows(cardCols, { level: q.level }), { scope, orgId: org.org_id, period }, pagingOf(q), {
        sortable: cardCols,
        tiebreak: ['org_id'],
      });
      return sendList(c, q, 'org-scorecards', { meta: { period, org_id: org.org_id, org_name: org.org_name, level: q.level ?? null }, keys: cardCols, ...listed });
    })
    .get('/:org_id/scorecard', requireArea('institutions'), v('param', orgParam), v('query', cardQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
      const period = resolvePeriod(d, c.req.valid('query').period);
      const [scorecard, scheme] = await Promise.all([orgCard(d.reader, scope, org.org_id, period), orgSchemeStatus(d.reader, d.periods, org.org_id, period)]);
      const answer: OrgScorecardAnswer = { org, period, scorecard, scheme };
      return c.json(answer, 200);
    })
    .get('/:org_id/target-cascade', requireArea('institutions'), v('param', orgParam), v('query', cascadeQuery), async (c) => {
      const { deps: d, scope } = c.var;
      const org = await scopedOrg(d, scope, c.req.valid('param').org_id);
      const q = c.req.valid('query');
      const known = await cascadePeriods(d.reader);
      // default: the latest year the targets file plans (the periods sort with years first)
      const period = q.period ?? known.find((p) => /^\d{4}$/.test(p)) ?? known[0];
      if (!period || !known.includes(period)) throw new HttpProblem(404, `no targets for period ${q.period ?? '(none loaded)'}`);
      const listed = await martList(d.reader, d.catalog, cascadeRows(cascadeCols, { metric: q.metric }), { scope, orgId: org.org_id, period }, pagingOf(q), {
        sortable: cascadeCols,
        tiebreak: ['org_id', 'metric'],
      });
      return sendList(c, q, 'target-cascade', { meta: { period, org_id: org.org_id, org_name: org.org_name, metric: q.metric ?? null }, keys: cascadeCols, ...listed });
    });
}
