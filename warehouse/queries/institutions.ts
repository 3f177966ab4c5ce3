// Institutions (机构考核): one node's figures, and the benchmark of a node's children side by side.
import type { Catalog } from './catalog.ts';
import { metricColumns, qualified } from './columns.ts';
import type { Listed, Paging } from './listing.ts';
import { martList, type MartRows } from './mart-rows.ts';
import type { Reader } from './reader.ts';
import type { Scope } from './scope.ts';
import type { MetricFigure } from '../../contract/api.ts';
import { metricFigures } from './metric-figures.ts';

const orgKeys = ['managers'];

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

/** Every metric of a node against base and target (mart_org_metrics), a month's pace beside. */
export async function orgMetrics(reader: Reader, orgId: string, period: string): Promise<MetricFigure[]> {
  return metricFigures(reader, 'org', orgId, period);
}

/**
 * Benchmark columns: identity, every metric of mart_org_period, then the per-manager averages and
 * the percentiles among siblings that mart_org_league carries (sql/marts/mart_org_league.sql: money
 * to the fen, counts and units to 6 places, none for ratios; none for the head count itself), and
 * each child's institution card that applies to the period (score, grade, rank in the level).
 */
export function benchmarkColumns(catalog: Catalog): { keys: string[] } {
  const metrics = metricColumns(catalog, 'mart_org_period').filter((m) => !orgKeys.includes(m));
  const league = new Set(catalog.columns('mart_org_league').map((c) => c.name));
  const keys = [
    'org_id', 'org_name', 'level', 'managers',
    'institution_score', 'institution_grade', 'institution_level_rank',
    ...metrics,
    ...metrics.map((m) => `${m}_per_manager`).filter((c) => league.has(c)),
    ...metrics.map((m) => `${m}_percentile`).filter((c) => league.has(c)),
  ];
  return { keys };
}

/** The children of a node, side by side: their rows of mart_org_league. */
export function benchmark(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: { orgId: string; period: string },
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  const { keys } = benchmarkColumns(catalog);
  const children: MartRows = { table: 'mart_org_league', columns: keys, managerColumn: null, where: 'm.period = $period and m.parent_id = $org_id::varchar', params: {} };
  return martList(reader, catalog, children, { scope, orgId: f.orgId, period: f.period }, paging, { sortable: keys, tiebreak: ['org_id'] });
}
