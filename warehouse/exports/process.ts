// `jixiao export process`: process management per manager (mart_manager_process_period) — visits
// against the ceiling (44 a month) and good level (15 a month), audience, development against
// maintenance, conversion within 30 days, premium-client coverage. Ordered by visits per month.
import { columnsOf, type Column } from '../../report/table.ts';
import { martExport } from './_mart.ts';
import { managerMartRows } from '../queries/risk.ts';

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

export default martExport({
  kind: 'process',
  summary: 'visits per manager against the 44/15 a month levels, audience, development, conversion, coverage',
  idColumn: 'manager_id',
  sheet: 'process',
  columns,
  // The API's process view (GET /api/orgs/{org_id}/process), every row.
  rows: managerMartRows('mart_manager_process_period', keys),
  order: 'visits_per_month desc, manager_id',
});
