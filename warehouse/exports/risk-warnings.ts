// `jixiao export risk-warnings`: the early warnings dated within the period (special mention, overdue
// days rising, deposit outflow, client gone), each with its loan or client, manager, date and figures
// (mart_risk_warnings). --org keeps the warnings whose holder belongs to the subtree.
import type { Warehouse } from '../db.ts';
import type { ExportKind, ExportRequest } from './_kind.ts';
import { columnsOf, type Column } from '../../report/table.ts';

const keys = [
  'warning', 'as_of_date', 'loan_id', 'client_id', 'client_name', 'manager_id', 'manager_name', 'holder_org_id', 'share',
  'five_class', 'previous_five_class', 'overdue_days', 'previous_overdue_days', 'earlier_overdue_days',
  'balance', 'previous_balance', 'change_ratio',
];
const counts = new Set(['overdue_days', 'previous_overdue_days', 'earlier_overdue_days']);
const columns: Column[] = columnsOf(keys).map((c) => (counts.has(c.key) ? { ...c, kind: 'count' } : c));

const riskWarnings: ExportKind = {
  kind: 'risk-warnings',
  summary: 'early warnings of the period: special mention, overdue rising, deposit outflow, client gone',
  idColumn: 'client_id',
  sheet: 'warnings',
  async table(wh: Warehouse, req: ExportRequest) {
    const rows = await wh.query(
      `with subtree as (
         select org_id from int_org_ancestors where ancestor_id = $org
       ),
       period as (
         select start_date, end_date from int_periods where period = $period
       )
       select ${keys.map((k) => `w.${k}`).join(', ')}
       from mart_risk_warnings as w
       join period as p on w.as_of_date between p.start_date and p.end_date
       where $org::varchar is null or w.holder_org_id in (select org_id from subtree)
       order by w.as_of_date, w.warning, w.manager_id nulls last, w.client_id, w.loan_id`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns, rows };
  },
};
export default riskWarnings;
