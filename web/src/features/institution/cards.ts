// Pure shaping of the institution page's scorecard part: which cascade rows and cards it shows.
import type { Row } from '../../lib/api.ts';
import { kindOf, type ColumnDef } from '../../lib/table.ts';

/** Columns of these keys, each of the kind its name says; `text` ones shown as (coded) words. */
const columnsOf = (keys: readonly string[], text: readonly string[] = []): ColumnDef[] =>
  keys.map((key) => ({ key, kind: text.includes(key) ? 'text' : kindOf(key) }));

/**
 * A node's institution card beside its figures (the children table, the benchmarking page): the
 * score, grade and rank in the level of the card that applies to the period; sortable by score.
 */
export const INSTITUTION_CARD_COLUMNS: readonly ColumnDef[] = columnsOf(['institution_score', 'institution_grade', 'institution_level_rank']);

/** The subtree's cards: who, score and grade (a badge), ranks, then the card's sections. */
export const CARD_COLUMNS: readonly ColumnDef[] = columnsOf([
  'org_name', 'level', 'total_score', 'grade', 'level_rank', 'sibling_rank', 'indicator_points', 'bonus_points', 'deduction_points',
]).map((c) => (c.key === 'grade' ? { ...c, custom: true } : c));

/** The cascade table: each node's target, what its children and managers carry, and whether it is a gap (yes/no). */
export const CASCADE_COLUMNS: readonly ColumnDef[] = columnsOf(
  ['org_name', 'metric', 'target', 'target_derived', 'children_target', 'children_gap', 'managers_target', 'managers_gap', 'carried_target', 'is_gap'],
  ['is_gap'],
);

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
