// `jixiao export risk`: whose clients turned non-performing — every manager of the subtree with a
// loan that turned non-performing in the period, charged both ways: as holder on that date (by share,
// turned_npl_*) and as originator (in full, originated_turned_npl_*), beside NPL balance and ratio
// (mart_manager_risk_period). Ordered by the two turned-NPL balances together, largest first.
import type { Warehouse } from '../db.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf, type Column } from '../../report/table.ts';

const keys = [
  'period', 'org_id', 'org_name', 'manager_id', 'manager_name', 'line', 'grade',
  'turned_npl_count', 'turned_npl_balance', 'originated_turned_npl_count', 'originated_turned_npl_balance',
  'loan_end_balance', 'npl_balance', 'npl_ratio', 'special_mention_balance',
  'originated_loan_end_balance', 'originated_npl_balance', 'originated_npl_ratio', 'warnings',
];

export const riskColumns: Column[] = columnsOf(keys).map((c) => (c.key === 'warnings' ? { ...c, kind: 'count' } : c));

const risk: ExportKind = {
  kind: 'risk',
  summary: 'managers whose loans turned non-performing: as holder (by share) and as originator, with NPL ratio',
  idColumn: 'manager_id',
  sheet: 'risk',
  async table(wh: Warehouse, req: ExportRequest) {
    const rows = await wh.query(
      `with subtree as (
         select org_id from int_org_ancestors where ancestor_id = $org
       )
       select r.period, r.org_id, o.org_name, r.manager_id, r.manager_name, r.line, r.grade,
         r.turned_npl_count, r.turned_npl_balance, r.originated_turned_npl_count, r.originated_turned_npl_balance,
         r.loan_end_balance, r.npl_balance, r.npl_ratio, r.special_mention_balance,
         r.originated_loan_end_balance, r.originated_npl_balance, r.originated_npl_ratio, r.warnings
       from mart_manager_risk_period as r
       left join stg_extract__orgs as o on o.org_id = r.org_id
       where r.period = $period
         and (r.turned_npl_count > 0 or r.originated_turned_npl_count > 0)
         and ($org::varchar is null or r.org_id in (select org_id from subtree))
       order by r.turned_npl_balance + r.originated_turned_npl_balance desc, r.manager_id`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns: riskColumns, rows };
  },
};
export default risk;
