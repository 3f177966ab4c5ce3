// `jixiao export risk-warnings`: the early warnings dated within the period (special mention, overdue
// days rising, deposit outflow, client gone), each with its loan or client, manager, date and figures
// (mart_risk_warnings). --org keeps the warnings whose holder belongs to the subtree.
import { columnsOf, type Column } from '../../report/table.ts';
import { martExport } from './_mart.ts';
import { warningRows } from '../queries/risk.ts';

const keys = [
  'warning', 'as_of_date', 'loan_id', 'client_id', 'client_name', 'manager_id', 'manager_name', 'holder_org_id', 'share',
  'five_class', 'previous_five_class', 'overdue_days', 'previous_overdue_days', 'earlier_overdue_days',
  'balance', 'previous_balance', 'change_ratio',
];
const counts = new Set(['overdue_days', 'previous_overdue_days', 'earlier_overdue_days']);
const columns: Column[] = columnsOf(keys).map((c) => (counts.has(c.key) ? { ...c, kind: 'count' } : c));

export default martExport({
  kind: 'risk-warnings',
  summary: 'early warnings of the period: special mention, overdue rising, deposit outflow, client gone',
  idColumn: 'client_id',
  sheet: 'warnings',
  columns,
  // The API's warnings view (GET /api/orgs/{org_id}/risk/warnings), every row.
  rows: warningRows(keys),
  order: 'as_of_date, warning, manager_id nulls last, client_id, loan_id',
});
