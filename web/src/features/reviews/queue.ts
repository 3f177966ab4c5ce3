// The counts of cards by state per branch as a table: one row per branch, one column per state
// that occurs, in the cycle's order. Pure: tested in tests/web-unit/review.test.ts.
import { REVIEW_STATES, type ReviewState } from '../../../../contract/review.ts';

export function countsTable(counts: { org_id: string; org_name: string; state: ReviewState; cards: string }[]) {
  const states = REVIEW_STATES.filter((s) => counts.some((c) => c.state === s));
  const rows = new Map<string, { org_id: string; org_name: string; cards: Partial<Record<ReviewState, string>> }>();
  for (const c of counts) {
    const row = rows.get(c.org_id) ?? { org_id: c.org_id, org_name: c.org_name, cards: {} };
    row.cards[c.state] = c.cards;
    rows.set(c.org_id, row);
  }
  return { states, rows: [...rows.values()] };
}
