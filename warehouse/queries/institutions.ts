// Institutions (机构考核): one node's figures, and the benchmark of a node's children side by side.
import type { Catalog } from './catalog.ts';
import { metricColumns, qualified } from './columns.ts';
import { sortAndPage, type Listed, type Paging } from './listing.ts';
import type { Reader } from './reader.ts';
import { nodeInScope, scopeParams, type Scope } from './scope.ts';
import { kindOf } from '../../report/table.ts';
import type { MetricFigure } from '../../contract/api.ts';

const orgKeys = ['managers'];

type BenchmarkRow = { org_id: string; metric: string; per_manager_money: string | null; per_manager_count: string | null; percentile: string | null };

export async function orgFigures(reader: Reader, catalog: Catalog, orgId: string, period: string) {
  const metrics = metricColumns(catalog, 'mart_org_period');
  const rows = await reader.query(`select ${qualified('m', metrics)} from mart_org_period m where m.org_id = $id and m.period = $period`, { id: orgId, period });
  return rows[0] ?? null;
}

export async function orgTrend(reader: Reader, catalog: Catalog, orgId: string, period: string) {
  const metrics = metricColumns(catalog, 'mart_org_period');
  return reader.query(
    `with target as (select year, end_date from mart_periods where period = $period)
     select m.period, ${qualified('m', metrics)}
     from mart_org_period m
     join mart_periods p on p.period = m.period and p.period_type = 'month'
     join target t on p.year = t.year and p.end_date <= t.end_date
     where m.org_id = $id
     order by m.period`,
    { id: orgId, period },
  );
}

export async function orgMetrics(reader: Reader, catalog: Catalog, orgId: string, period: string): Promise<MetricFigure[]> {
  return reader.query<MetricFigure>(
    `select metric, actual, base, target, achievement, growth from mart_org_metrics where org_id = $id and period = $period order by metric`,
    { id: orgId, period },
  );
}

/**
 * Benchmark columns. For each metric of mart_org_period (and mart_org_metrics, its long form):
 *   <metric>_per_manager = <metric> / managers of the node's subtree, rounded half away from zero
 *     (money to the fen with div_fen; counts with div_ratio); not for ratios.
 *   <metric>_percentile  = cume_dist among the siblings that have a value (share of them at or
 *     below; 1 = top); null when the node has no value.
 * Positions and averages over mart figures, worked out in SQL; no mart figure is recomputed.
 */
/** Each child's institution card beside its figures: the latest of the year up to the period (mart_org_scorecards). */
export const institutionScoreColumns = ['institution_score', 'institution_grade', 'institution_level_rank'] as const;

export function benchmarkColumns(catalog: Catalog): { keys: string[]; metrics: string[]; money: string[]; counts: string[] } {
  const metrics = metricColumns(catalog, 'mart_org_period').filter((m) => !orgKeys.includes(m));
  const money = metrics.filter((m) => kindOf(m) === 'money');
  const counts = metrics.filter((m) => kindOf(m) === 'count');
  const keys = [
    'org_id', 'org_name', 'level', 'managers',
    ...institutionScoreColumns,
    ...metrics,
    ...metrics.filter((m) => money.includes(m) || counts.includes(m)).map((m) => `${m}_per_manager`),
    ...metrics.map((m) => `${m}_percentile`),
  ];
  return { keys, metrics, money, counts };
}

/**
 * The children of a node, side by side. Two queries: the children's mart rows as built (wide,
 * from mart_org_period, which carries parent_id), and their per-manager averages and percentiles
 * in long form (mart_org_benchmark, worked out at build time over mart_org_metrics.actual: one
 * window over metric partitions, which DuckDB runs far faster than one window per wide column),
 * joined here by org and metric. A node has at most a few hundred children, so they are sorted and
 * paged here, exactly.
 */
export async function benchmark(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: { orgId: string; period: string },
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  const { keys, metrics, money, counts } = benchmarkColumns(catalog);
  const params = { ...scopeParams(scope), org_id: f.orgId, period: f.period };
  const wide = await reader.query<Record<string, unknown>>(
    `select m.org_id, m.org_name, m.level, m.managers, ${qualified('m', metrics)}
     from mart_org_period m
     where m.period = $period and m.parent_id = $org_id and ${nodeInScope}`,
    params,
  );
  if (wide.length === 0) return { rows: [], total: 0 };
  // Per-manager averages and percentiles as built (sql/marts/mart_org_benchmark.sql), a node's
  // children together in key order. Both roundings for every metric: the one that applies is
  // picked below.
  const long = await reader.query<BenchmarkRow>(
    `select x.org_id, x.metric, x.per_manager_fen as per_manager_money, x.per_manager_ratio as per_manager_count, x.percentile
     from mart_org_benchmark x
     where x.period = $period and x.parent_id = $org_id and ${nodeInScope}`,
    params,
  );
  // The children's institution cards: the latest scored period of the year ending by the period's end.
  const cards = await reader.query<{ org_id: string; institution_score: string; institution_grade: string; institution_level_rank: number }>(
    `select c.org_id, c.total_score as institution_score, c.grade as institution_grade, c.level_rank as institution_level_rank
     from mart_org_scorecards c
     join mart_periods asked on asked.period = $period
     join mart_periods p on p.period = c.period and p.year = asked.year and p.end_date <= asked.end_date
     where c.parent_id = $org_id and ${nodeInScope}
     qualify row_number() over (partition by c.org_id order by p.end_date desc) = 1`,
    params,
  );
  const byOrg = new Map(wide.map((r) => [r.org_id as string, r]));
  for (const card of cards) Object.assign(byOrg.get(card.org_id) ?? {}, card);
  for (const l of long) {
    const row = byOrg.get(l.org_id);
    if (!row || !metrics.includes(l.metric)) continue;
    if (money.includes(l.metric)) row[`${l.metric}_per_manager`] = l.per_manager_money;
    if (counts.includes(l.metric)) row[`${l.metric}_per_manager`] = l.per_manager_count;
    row[`${l.metric}_percentile`] = l.percentile;
  }
  // Key order as the columns list.
  const rows = wide.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));
  return sortAndPage(rows, paging, keys, 'org_id');
}
