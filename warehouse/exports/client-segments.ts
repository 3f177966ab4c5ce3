// `jixiao export client-segments`: every manager's portfolio at the period's end, clients ranked by
// contribution, with loyalty and the segment to act on (mart_client_portfolio_period). --org keeps
// the managers of the subtree. Segments exist for every quarter, half and year, and the latest month.
import type { Warehouse } from '../db.ts';
import { ExportRequestError, type ExportKind, type ExportRequest } from './_kind.ts';
import { columnsOf, type Column } from '../../report/table.ts';

const keys = [
  'period', 'org_id', 'manager_id', 'manager_name', 'contribution_rank', 'client_id', 'client_name', 'client_type', 'share',
  'profit_contribution', 'contribution_share', 'deposit_avg_balance', 'loan_end_balance',
  'tenure_months', 'products_held', 'opening_balance', 'closing_balance', 'balance_change_ratio',
  'value_tier', 'trend', 'segment',
];
const overrides: Record<string, Column['kind']> = { contribution_rank: 'count', tenure_months: 'count', products_held: 'count' };
const columns: Column[] = columnsOf(keys).map((c) => ({ ...c, kind: overrides[c.key] ?? c.kind }));

const clientSegments: ExportKind = {
  kind: 'client-segments',
  summary: "managers' portfolios ranked by contribution, with tenure, products, balance trend and segment",
  idColumn: 'client_id',
  sheet: 'segments',
  async table(wh: Warehouse, req: ExportRequest) {
    const built = await wh.query(`select 1 from mart_client_portfolio_period where period = $period limit 1`, { period: req.period });
    if (built.length === 0) {
      throw new ExportRequestError(`client segments are built for quarters, halves, years and the latest month, not ${req.period}`);
    }
    const rows = await wh.query(
      `with subtree as (
         select org_id from mart_org_ancestors where ancestor_id = $org
       )
       select ${keys.map((k) => (k === 'org_id' ? 'm.org_id' : k === 'manager_name' ? 'm.manager_name' : `c.${k}`)).join(', ')}
       from mart_client_portfolio_period as c
       join stg_extract__managers as m on m.manager_id = c.manager_id
       where c.period = $period and ($org::varchar is null or m.org_id in (select org_id from subtree))
       order by m.org_id, c.manager_id, c.contribution_rank`,
      { period: req.period, org: req.org ?? null },
    );
    return { columns, rows };
  },
};
export default clientSegments;
