// The row "未分配 / Unassigned" under a list of managers: the node's own row of the unassigned
// bucket (the business of its subtree no manager held), so that the managers above plus this row
// add up to the node. Shaping only: the figures are the API's.
import type { Listed, Row } from '../../lib/api.ts';

/** Its label in both languages, as the issue names it. */
export const unassignedLabel = '未分配 / Unassigned';

/** The node's row, or null when its subtree has no unassigned business. */
export function unassignedRow(list: Listed<Row> | null, orgId: string): Row | null {
  return list?.rows.find((r) => r.org_id === orgId) ?? null;
}
