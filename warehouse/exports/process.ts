// `jixiao export process`: process management per manager (mart_manager_process_period) — visits
// against the ceiling (44 a month) and good level (15 a month), audience, development against
// maintenance, conversion within 30 days, premium-client coverage. Ordered by visits per month.
import type { Warehouse } from '../db.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf, type Column } from '../../report/table.ts';

const keys = [
  'period', 'org_id', 'org_name', 'manager_id', 'manager_name', 'line', 'grade', 'months',
  'visits', 'visits_per_month', 'visit_ceiling', 'visit_good_level', 'visit_level',
  'development_visits', 'maintenance_visits', 'collection_visits', 'other_visits',
  'new_or_prospect_visits', 'new_or_prospect_share', 'development_share', 'development_to_maintenance',
  'convertible_visits', 'converted_visits', 'conversion_rate', 'sales_after_visits',
  'premium_client_quarters', 'upkept_client_quarters', 'maintenance_coverage',
];
const overrides: Record<string, Column['kind']> = {
  months: 'count', visits_per_month: 'number', visit_ceiling: 'count', visit_good_level: 'count',
  sales_after_visits: 'count', premium_client_quarters: 'count', upkept_client_quarters: 'count',
};
const columns: Column[] = columnsOf(keys).map((c) => ({ ...c, kind: overrides[c.key] ?? c.kind }));

const processKind: ExportKind = {
  kind: 'process',
  summary: 'visits per manager against the 44/15 a month levels, audience, development, conversion, coverage',
  idColumn: 'manager_id',
  sheet: 'process',
  async table(wh: Warehouse, req: ExportRequest) {
    const rows = await wh.query(
      `with subtree as (
         select org_id from int_org_ancestors where ancestor_id = $org
       )
       select ${keys.map((k) => (k === 'org_name' ? 'o.org_name' : `x.${k}`)).join(', ')}
       from mart_manager_process_period as x
       left join stg_extract__orgs as o on o.org_id = x.org_id
       where x.period = $period and ($org::varchar is null or x.org_id in (select org_id from subtree))
       order by x.visits_per_month desc, x.manager_id`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns, rows };
  },
};
export default processKind;
