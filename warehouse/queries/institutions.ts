// Institutions (机构考核): one node's figures, and the benchmark of a node's children side by side.
import type { Catalog } from './catalog.ts';
import { metricColumns, qualified } from './columns.ts';
import { runList, type Listed, type Paging } from './listing.ts';
import type { Reader } from './reader.ts';
import { scopeOrgsCte, scopeParams, type Scope } from './scope.ts';
import { kindOf } from '../../report/table.ts';

const orgKeys = ['managers'];

export async function orgFigures(reader: Reader, catalog: Catalog, orgId: string, period: string) {
  const metrics = metricColumns(catalog, 'mart_org_period');
  const rows = await reader.query(`select ${qualified('m', metrics)} from mart_org_period m where m.org_id = $id and m.period = $period`, { id: orgId, period });
  return rows[0] ?? null;
}

export async function orgTrend(reader: Reader, catalog: Catalog, orgId: string, period: string) {
  const metrics = metricColumns(catalog, 'mart_org_period');
  return reader.query(
    `with target as (select year, end_date from int_periods where period = $period)
     select m.period, ${qualified('m', metrics)}
     from mart_org_period m
     join int_periods p on p.period = m.period and p.period_type = 'month'
     join target t on p.year = t.year and p.end_date <= t.end_date
     where m.org_id = $id
     order by m.period`,
    { id: orgId, period },
  );
}

export async function orgMetrics(reader: Reader, catalog: Catalog, orgId: string, period: string) {
  if (!catalog.has('mart_org_metrics')) return [];
  return reader.query(
    `select metric, actual, base, target, achievement, growth from mart_org_metrics where org_id = $id and period = $period order by metric`,
    { id: orgId, period },
  );
}

/**
 * Benchmark columns. For each metric of mart_org_period:
 *   <metric>_per_manager = <metric> / managers of the node's subtree, rounded half away from zero
 *     (money to the fen with div_fen; counts to 6 places with div_ratio); not for ratios.
 *   <metric>_percentile  = cume_dist among the siblings (share of the children at or below; 1 = top).
 * These two are positions and averages over mart figures, not new metrics: no figure is recomputed.
 */
export function benchmarkColumns(catalog: Catalog): { keys: string[]; select: string } {
  const metrics = metricColumns(catalog, 'mart_org_period').filter((m) => !orgKeys.includes(m));
  const parts: string[] = [];
  const keys: string[] = ['org_id', 'org_name', 'level', 'managers'];
  for (const m of metrics) {
    keys.push(m);
    parts.push(`m."${m}"`);
  }
  for (const m of metrics) {
    const kind = kindOf(m);
    if (kind === 'money' || kind === 'count') {
      keys.push(`${m}_per_manager`);
      parts.push(`${kind === 'money' ? 'div_fen' : 'div_ratio'}(m."${m}", m.managers) as "${m}_per_manager"`);
    }
  }
  for (const m of metrics) {
    keys.push(`${m}_percentile`);
    parts.push(`cast(cume_dist() over (order by m."${m}") as decimal(18,6)) as "${m}_percentile"`);
  }
  return { keys, select: parts.join(',\n        ') };
}

export async function benchmark(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: { orgId: string; period: string },
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  const cols = benchmarkColumns(catalog);
  const managers = catalog.hasColumn('mart_org_period', 'managers')
    ? 'm.managers'
    : `(select count(*) from raw_managers x join int_org_ancestors a on a.org_id = x.org_id where a.ancestor_id = o.org_id)`;
  return runList(reader, {
    ctes: `${scopeOrgsCte},
      children as (
        select o.org_id, o.org_name, o.level from raw_orgs o
        where o.parent_id = $org_id and o.org_id in (select org_id from scope_orgs)
      ),
      figures as (
        select c.org_id, c.org_name, c.level, ${managers} as managers, ${qualified('m', metricColumns(catalog, 'mart_org_period').filter((x) => x !== 'managers'))}
        from children c join raw_orgs o on o.org_id = c.org_id
        join mart_org_period m on m.org_id = c.org_id and m.period = $period
      )`,
    select: `select m.org_id, m.org_name, m.level, m.managers, ${cols.select} from figures m`,
    params: { ...scopeParams(scope), org_id: f.orgId, period: f.period },
    paging,
    sortable: cols.keys,
    tiebreak: ['org_id'],
  });
}
