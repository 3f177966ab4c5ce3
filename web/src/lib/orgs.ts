// The org tree as the API gives it (depth-first rows with parent links), for breadcrumbs.
import type { OrgNode } from './api.ts';

/** The nodes from the root of the user's scope down to `orgId` (empty if outside the scope). */
export function orgPath(nodes: OrgNode[], orgId: string | null): OrgNode[] {
  if (!orgId) return [];
  const byId = new Map(nodes.map((n) => [n.org_id, n]));
  const path: OrgNode[] = [];
  let cur = byId.get(orgId);
  const seen = new Set<string>();
  while (cur && !seen.has(cur.org_id)) {
    seen.add(cur.org_id);
    path.unshift(cur);
    cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
  }
  return path;
}

export function childrenOf(nodes: OrgNode[], orgId: string): OrgNode[] {
  return nodes.filter((n) => n.parent_id === orgId);
}
