// `jixiao export risk`: whose clients turned non-performing — every manager of the subtree with a
// loan that turned non-performing in the period, charged both ways: as holder on that date (by share,
// turned_npl_*) and as originator (in full, originated_turned_npl_*), beside NPL balance and ratio
// (mart_manager_risk_period). Ordered by the two turned-NPL balances together, largest first.
import { columnsOf, type Column } from '../../report/table.ts';
import { martExport } from './_mart.ts';
import { managerMartRows } from '../queries/risk.ts';

const keys = [
  'period', 'org_id', 'org_name', 'manager_id', 'manager_name', 'line', 'grade',
  'turned_npl_count', 'turned_npl_balance', 'originated_turned_npl_count', 'originated_turned_npl_balance',
  'loan_end_balance', 'npl_balance', 'npl_ratio', 'special_mention_balance',
  'originated_loan_end_balance', 'originated_npl_balance', 'originated_npl_ratio', 'warnings',
];

export const riskColumns: Column[] = columnsOf(keys).map((c) => (c.key === 'warnings' ? { ...c, kind: 'count' } : c));

// The API's turned-NPL view (GET /api/orgs/{org_id}/risk/turned-npl), both attributions side by
// side, the managers with a loan turned in the period.
const turned = managerMartRows('mart_manager_risk_period', keys);

export default martExport({
  kind: 'risk',
  summary: 'managers whose loans turned non-performing: as holder (by share) and as originator, with NPL ratio',
  idColumn: 'manager_id',
  sheet: 'risk',
  columns: riskColumns,
  rows: { ...turned, where: `${turned.where} and (m.turned_npl_count > 0 or m.originated_turned_npl_count > 0)` },
  order: 'turned_npl_balance + originated_turned_npl_balance desc, manager_id',
});
