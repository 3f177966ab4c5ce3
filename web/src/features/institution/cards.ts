// Pure shaping of the institution page's scorecard part: which cascade rows and cards it shows.
import type { Row } from '../../lib/api.ts';
import type { ColumnDef } from '../../lib/table.ts';

/**
 * A node's institution card beside its figures (the children table, the benchmarking page): the
 * score, grade and rank in the level of the card that applies to the period; sortable by score.
 */
export const INSTITUTION_CARD_COLUMNS: readonly ColumnDef[] = [
  { key: 'institution_score', kind: 'number' },
  { key: 'institution_grade', kind: 'text' },
  { key: 'institution_level_rank', kind: 'count' },
];

/** The money metrics the page shows the cascade of (the download holds every metric, units too). */
export const CASCADE_METRICS: readonly string[] = ['profit_contribution', 'net_deposit_increase', 'deposit_avg_balance', 'loan_avg_balance', 'fee_income'];

/** The cascade rows shown on a node's page: the node itself first, then its children; money metrics only. */
export function cascadeRowsOf(rows: Row[], orgId: string): Row[] {
  const shown = rows.filter((r) => CASCADE_METRICS.includes(String(r.metric)));
  return [...shown.filter((r) => r.org_id === orgId), ...shown.filter((r) => r.parent_id === orgId)];
}

/** The cards of the subtree other than the node's own (the node's is shown above them). */
export function subtreeCards(rows: Row[], orgId: string): Row[] {
  return rows.filter((r) => r.org_id !== orgId);
}
