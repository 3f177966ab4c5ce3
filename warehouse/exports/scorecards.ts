// `jixiao export scorecards --period P`: one row per manager for a scoring period (a quarter-end
// year-to-date: 2026-06-ytd; 2026-Q2 and 2026 are accepted for their year-to-date): the points of
// each indicator, bonus, deductions, total, grade before and after forced distribution, rank and
// percentile among peers (mart_scorecards, mart_scorecard_indicators), the pay (mart_pay) and the
// common pool of the manager's org node (mart_pay_pool_org). Nothing is computed here.
import type { Warehouse } from '../db.ts';
import type { Column, ColumnKind } from '../../report/table.ts';
import { scoringPeriodOf } from '../../contract/periods.ts';
import { ExportRequestError, type ExportKind, type ExportRequest } from './_kind.ts';

const leading: [string, ColumnKind][] = [
  ['period', 'id'],
  ['org_id', 'id'],
  ['org_name', 'text'],
  ['manager_id', 'id'],
  ['manager_name', 'text'],
  ['line', 'text'],
  ['scheme_id', 'id'],
];
const trailing: [string, ColumnKind][] = [
  ['indicator_points', 'number'],
  ['bonus_points', 'number'],
  ['deduction_points', 'number'],
  ['total_score', 'number'],
  ['grade_by_threshold', 'text'],
  ['score_grade', 'text'],
  ['forced_down', 'text'],
  ['peer_group', 'text'],
  ['peer_rank', 'count'],
  ['peer_group_size', 'count'],
  ['percentile', 'ratio'],
  ['efficiency_pay', 'money'],
  ['management_score', 'number'],
  ['earned_efficiency_pay', 'money'],
  ['base_pay', 'money'],
  ['actual_pay', 'money'],
  ['pool_contribution', 'money'],
  ['paid_pay', 'money'],
  ['org_pool_total', 'money'],
];

async function scoredPeriod(wh: Warehouse, asked: string): Promise<string> {
  const period = scoringPeriodOf(asked);
  const scored = (await wh.query<{ period: string }>(`select distinct period from mart_scorecards order by period`)).map((r) => r.period);
  if (!period || !scored.includes(period)) {
    throw new ExportRequestError(
      `no scorecards for ${asked}: scoring runs at quarter ends on year-to-date figures` +
        (scored.length ? ` (scored: ${scored.join(', ')}; 2026-Q2 means 2026-06-ytd, 2026 means 2026-12-ytd)` : ' (none built)'),
    );
  }
  return period;
}

const scorecards: ExportKind = {
  kind: 'scorecards',
  summary: 'one row per manager: points per indicator, bonus, deductions, total, grade, rank, pay (quarter-end ytd)',
  idColumn: 'manager_id',
  sheet: 'scorecards',
  async table(wh: Warehouse, req: ExportRequest) {
    const period = await scoredPeriod(wh, req.period);
    const params = { period, org: req.org ?? null };
    // The indicators scored in the period, in the card's order (schemes by id, then ordinal).
    const indicators = await wh.query<{ indicator_id: string }>(
      `select indicator_id from mart_scorecard_indicators where period = $period
       group by indicator_id order by min(scheme_id), min(ordinal), indicator_id`,
      { period },
    );
    const pivot = indicators.map((_, k) => `max(i.points) filter (where i.indicator_id = $i${k}) as p${k}`);
    const indicatorParams = Object.fromEntries(indicators.map((r, k) => [`i${k}`, r.indicator_id]));
    const rows = await wh.query(
      `with subtree as (
         select org_id from mart_org_ancestors where ancestor_id = $org
       ),
       points as (
         select i.manager_id${pivot.length ? ', ' + pivot.join(', ') : ''}
         from mart_scorecard_indicators as i
         where i.period = $period
         group by i.manager_id
       )
       select s.period, s.org_id, o.org_name, s.manager_id, s.manager_name, s.line, s.scheme_id,
         ${indicators.map((_, k) => `points.p${k},`).join(' ')}
         s.indicator_points, s.bonus_points, s.deduction_points, s.total_score,
         s.grade_by_threshold, s.grade as score_grade, s.forced_down::varchar as forced_down,
         s.peer_group, s.peer_rank, s.peer_group_size, s.percentile,
         y.efficiency_pay, y.management_score, y.earned_efficiency_pay, y.base_pay, y.actual_pay,
         y.pool_contribution, y.paid_pay, pool.pool_total as org_pool_total
       from mart_scorecards as s
       left join stg_extract__orgs as o on o.org_id = s.org_id
       left join points on points.manager_id = s.manager_id
       left join mart_pay as y on y.period = s.period and y.manager_id = s.manager_id
       left join mart_pay_pool_org as pool on pool.period = s.period and pool.org_id = s.org_id
       where s.period = $period and ($org::varchar is null or s.org_id in (select org_id from subtree))
       order by s.line, s.total_score desc, s.manager_id`,
      { ...params, ...indicatorParams },
    );
    // Indicator columns are keyed <indicator_id>_points (labels from the glossary where present).
    const renamed = rows.map((row) => {
      const out: Record<string, unknown> = { ...row };
      indicators.forEach((r, k) => {
        out[`${r.indicator_id}_points`] = row[`p${k}`];
        delete out[`p${k}`];
      });
      return out;
    });
    const columns: Column[] = [
      ...leading.map(([key, kind]) => ({ key, kind })),
      ...indicators.map((r) => ({ key: `${r.indicator_id}_points`, kind: 'number' as const })),
      ...trailing.map(([key, kind]) => ({ key, kind })),
    ];
    return { columns, rows: renamed };
  },
};
export default scorecards;
