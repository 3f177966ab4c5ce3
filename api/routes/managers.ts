// One manager: scorecard with the per-indicator explanation, figures against base and target,
// monthly trend, process and risk figures, pay. Out of scope (another branch's manager, or any
// other manager for a `manager` user) is a 404.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { idString, periodKey } from '../params.ts';
import { HttpProblem } from '../problem.ts';
import { requireMart, resolvePeriod } from '../periods.ts';
import { managerFigures, managerInScope, managerMetrics, managerScorecard, managerTrend } from '../../warehouse/queries/managers.ts';
import { managerMartRow } from '../../warehouse/queries/risk.ts';

export const managerParam = z.strictObject({ manager_id: idString });

const processKeys = /^(visits|development_visits|maintenance_coverage|new_clients|clients)$/;
const riskKeys = /^(npl_balance|npl_ratio|turned_npl_count|turned_npl_balance|expected_loss|risk_adjusted_contribution|loan_end_balance)$/;

export function managerRoutes(docs: RouteDocs) {
  const query = z.strictObject({ period: periodKey.optional() });
  docs.add({ method: 'get', path: '/api/managers/{manager_id}', summary: 'One manager: figures, metrics vs base and target, scorecard with explanation, pay, trend, process and risk figures', area: 'performance', params: managerParam, query, response: '{ manager, period, figures, metrics, scorecard: { period, card, indicators, items, pay } | null, trend, process, risk, concentration }' });

  return new Hono<AppEnv>().get('/:manager_id', requireArea('performance'), v('param', managerParam), v('query', query), async (c) => {
    const { deps: d, scope } = c.var;
    requireMart(d, 'mart_manager_period');
    const { manager_id } = c.req.valid('param');
    const manager = await managerInScope(d.reader, scope, manager_id);
    if (!manager) throw new HttpProblem(404, `manager ${manager_id} not found`);
    const period = resolvePeriod(d, c.req.valid('query').period);
    // A month's figures are the trend's last row: one query fewer for the commonest request.
    const isMonth = d.periods.some((p) => p.period === period && p.period_type === 'month');
    const [periodFigures, metrics, trend, scorecard, process, risk, concentration] = await Promise.all([
      isMonth ? null : managerFigures(d.reader, d.catalog, manager_id, period),
      managerMetrics(d.reader, d.catalog, manager_id, period),
      managerTrend(d.reader, d.catalog, manager_id, period),
      managerScorecard(d.reader, d.catalog, manager_id, period),
      managerMartRow(d.reader, d.catalog, 'mart_manager_process_period', manager_id, period),
      managerMartRow(d.reader, d.catalog, 'mart_manager_risk_period', manager_id, period),
      managerMartRow(d.reader, d.catalog, 'mart_manager_client_concentration', manager_id, period),
    ]);
    const monthRow = isMonth ? trend.find((r) => (r as { period?: unknown }).period === period) : undefined;
    const figures = isMonth ? (monthRow ? Object.fromEntries(Object.entries(monthRow).filter(([k]) => k !== 'period')) : null) : periodFigures;
    // Before the process and risk marts are built, their columns of mart_manager_period stand in.
    const pick = (re: RegExp) => (figures ? Object.fromEntries(Object.entries(figures).filter(([k]) => re.test(k))) : null);
    return c.json({ manager, period, figures, metrics, scorecard, trend, process: process ?? pick(processKeys), risk: risk ?? pick(riskKeys), concentration }, 200);
  });
}
