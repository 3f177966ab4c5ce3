// One manager: scorecard with the per-indicator explanation, figures against base and target,
// monthly trend, process and risk figures, pay. Out of scope (another branch's manager, or any
// other manager for a `manager` user) is a 404.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env.ts';
import type { Scope } from '../../warehouse/queries/scope.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { exportOnly, idString, periodKey, type ManagerPage } from '../../contract/api.ts';
import { MEASURES } from '../../contract/metrics.ts';
import { keysOf, sendTable } from '../respond.ts';
import { HttpProblem } from '../problem.ts';
import { resolvePeriod } from '../periods.ts';
import { managerFigures, managerInScope, managerMetrics, managerOrgHistory, managerPageParts, managerScorecard, managerTrend, periodsUpTo, schemeStatus, type StandingFiles } from '../../warehouse/queries/managers.ts';
import { liveScorecard } from '../../warehouse/queries/entries.ts';
import { withLock } from './reviews.ts';
import { ledgersNotDelivered } from '../../warehouse/queries/delivery.ts';
import { unavailableColumns } from '../../contract/unavailable.ts';

export const managerParam = z.strictObject({ manager_id: idString });

/** The manager if the caller may see them; else a 404 (out of scope and unknown look the same). */
export async function scopedManager(deps: Deps, scope: Scope, managerId: string) {
  const manager = await managerInScope(deps.reader, scope, managerId);
  if (!manager) throw new HttpProblem(404, `manager ${managerId} not found`);
  return manager;
}


/**
 * The card with what people entered on it (issue 21): recomputed from the built points and the
 * entries file when some entry concerns its scoring period; otherwise the built card is the answer
 * (the same by construction: tests/scorecards/manual-entries.test.ts).
 */
export async function withEntries<S extends { period: string } | null>(deps: Deps, managerId: string, scorecard: S): Promise<S> {
  if (!scorecard || !deps.entries.touches(scorecard.period)) return scorecard;
  const live = await liveScorecard(deps.reader, deps.catalog, deps.entries.path, managerId, scorecard.period);
  return (live ? { ...scorecard, ...live } : scorecard) as S;
}

/**
 * The server's files a list of cards (the league) reads for a period: when an entry concerns a
 * scoring period of its year up to its end, or the reviews file has a line (a lock may stand).
 * Undefined otherwise: the cards as built are the answer (the same rows by construction:
 * tests/scorecards/standing-cards.test.ts), read without the files.
 */
export function standingFiles(deps: Deps, period: string): StandingFiles | undefined {
  const entered = periodsUpTo(deps.periods, period).some((p) => deps.entries.touches(p));
  if (!entered && deps.reviews.generation() === 0) return undefined;
  return { entriesFile: deps.entries.path, reviewsFile: deps.reviews.path };
}

export function managerRoutes(docs: RouteDocs) {
  // format=csv|xlsx downloads one sub-table (`table`): the scorecard's indicators or its items.
  const query = z.strictObject({
    period: periodKey.optional(),
    table: z.enum(['scorecard', 'scorecard_items', 'metrics']).optional().meta({ description: 'With format=csv|xlsx: the sub-table to download' }),
    ...exportOnly,
  });
  docs.add({ method: 'get', path: '/api/managers/{manager_id}', summary: 'One manager: figures, metrics vs base and target, scorecard with explanation, pay, trend, process and risk figures', area: 'performance', params: managerParam, query, response: 'JSON: { manager, org_history (the orgs the manager belonged to, oldest first: org_id, org_name, line, grade, valid_from, valid_to, is_current), period, figures, metrics, scorecard: { period, card, indicators, items, pay } | null, scheme: { period, in_force, reason } | null (the scoring period that applies: whether a scheme was in force for the manager), trend, process, risk, concentration }; with format=csv|xlsx and table=scorecard|scorecard_items|metrics, that sub-table as a download' });

  return new Hono<AppEnv>().get('/:manager_id', requireArea('performance'), v('param', managerParam), v('query', query), async (c) => {
    const { deps: d, scope } = c.var;
    const { manager_id } = c.req.valid('param');
    const manager = await scopedManager(d, scope, manager_id);
    const q = c.req.valid('query');
    const period = resolvePeriod(d, q.period);
    if (q.format !== 'json') {
      if (!q.table) throw new HttpProblem(400, 'table: a download names its sub-table (scorecard, scorecard_items or metrics)', { invalid_params: [{ name: 'table', in: 'query', reason: 'required with format=csv|xlsx' }] });
      const format = q.format;
      if (q.table === 'metrics') {
        const rows = await managerMetrics(d.reader, manager_id, period);
        return sendTable(c, { format, lang: q.lang }, 'metrics', { manager_id, period }, ['metric', 'actual', ...MEASURES], rows);
      }
      const card = await withLock(d, manager_id, await withEntries(d, manager_id, await managerScorecard(d.reader, d.catalog, manager_id, period, d.periods)));
      const rows = ((q.table === 'scorecard' ? card?.indicators : card?.items) ?? []) as Record<string, unknown>[];
      return sendTable(c, { format, lang: q.lang }, q.table, { manager_id, period: card?.period ?? period }, keysOf(rows), rows);
    }
    // A month's figures are the trend's last row: one query fewer for the commonest request.
    const isMonth = d.periods.some((p) => p.period === period && p.period_type === 'month');
    // The card, pay, process, risk and concentration rows come in one row of mart_manager_page.
    const [periodFigures, metrics, trend, { scorecard: built, process, risk, concentration }, scheme, notDelivered, orgHistory] = await Promise.all([
      isMonth ? null : managerFigures(d.reader, d.catalog, manager_id, period),
      managerMetrics(d.reader, manager_id, period),
      managerTrend(d.reader, d.catalog, manager_id, period, d.periods),
      managerPageParts(d.reader, d.catalog, manager_id, period),
      schemeStatus(d.reader, d.periods, period, { managerId: manager_id }),
      ledgersNotDelivered(d.reader, period),
      managerOrgHistory(d.reader, manager_id),
    ]);
    const scorecard = await withLock(d, manager_id, await withEntries(d, manager_id, built));
    const monthRow = isMonth ? trend.find((r) => (r as { period?: unknown }).period === period) : undefined;
    const figures = isMonth ? (monthRow ? Object.fromEntries(Object.entries(monthRow).filter(([k]) => k !== 'period')) : null) : periodFigures;
    const shown = [...metrics.map((m) => m.metric), ...[figures, process, risk].flatMap((r) => Object.keys(r ?? {}))];
    const unavailable = unavailableColumns(shown, notDelivered);
    const answer: ManagerPage = { manager, org_history: orgHistory, period, figures, metrics, scorecard, scheme, unavailable, trend, process, risk, concentration };
    return c.json(answer, 200);
  });
}
