// The public pool screen's pure parts (issue 22): who may allocate an org's pool (its department
// head: the branch president of that org, as the server checks) and the recipients to offer (the
// managers with a card for the period in the org's subtree, by name). Tested in
// tests/web-unit/review.test.ts.
import type { Me } from '../../../../contract/api.ts';

export function mayAllocatePool(me: Pick<Me, 'role' | 'org_id'> | null, orgId: string): boolean {
  return me?.role === 'branch_president' && me.org_id === orgId;
}

export function poolRecipients(cards: { manager_id: string; manager_name: string; org_name: string }[]) {
  return [...new Map(cards.map((c) => [c.manager_id, { manager_id: c.manager_id, text: `${c.manager_name} · ${c.org_name}` }])).values()]
    .sort((a, b) => a.manager_id.localeCompare(b.manager_id));
}
