// `jixiao export client-segments`: every manager's portfolio at the period's end, clients ranked by
// contribution, with loyalty and the segment to act on (mart_client_portfolio_period, read as
// GET /api/managers/{manager_id}/portfolio reads it). --org keeps the managers of the subtree.
// Segments exist for every quarter, half and year, and the latest month.
import type { Warehouse } from '../db.ts';
import { ExportRequestError } from './_kind.ts';
import { columnsOf, type Column } from '../../report/table.ts';
import { segmentRows } from '../queries/clients.ts';
import { martExport } from './_mart.ts';

const keys = [
  'period', 'org_id', 'manager_id', 'manager_name', 'contribution_rank', 'client_id', 'client_name', 'client_type', 'share',
  'profit_contribution', 'contribution_share', 'deposit_avg_balance', 'loan_end_balance',
  'tenure_months', 'products_held', 'opening_balance', 'closing_balance', 'balance_change_ratio',
  'value_tier', 'trend', 'segment',
];
const overrides: Record<string, Column['kind']> = { contribution_rank: 'count', tenure_months: 'count', products_held: 'count' };

export default martExport({
  kind: 'client-segments',
  summary: "managers' portfolios ranked by contribution, with tenure, products, balance trend and segment",
  idColumn: 'client_id',
  sheet: 'segments',
  columns: columnsOf(keys).map((c) => ({ ...c, kind: overrides[c.key] ?? c.kind })),
  rows: segmentRows(keys),
  order: 'org_id, manager_id, contribution_rank',
  async check(wh: Warehouse, period: string) {
    const built = await wh.query(`select 1 from mart_client_portfolio_period where period = $period limit 1`, { period });
    if (built.length === 0) throw new ExportRequestError(`client segments are built for quarters, halves, years and the latest month, not ${period}`);
  },
});
