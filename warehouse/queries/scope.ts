// The caller's scope, as data. Every query function takes one and binds it: the org subtree a
// user may see (rooted at scope_org; the whole bank when null) and, for a relationship manager,
// their own manager id. Nothing here comes from request text except through bound parameters.
import type { Params } from './reader.ts';

export interface Scope {
  /** Root of the visible subtree; null = the whole bank. */
  orgId: string | null;
  /** Set for a relationship manager: only this manager's figures and clients. */
  managerId: string | null;
}

export const wholeBank: Scope = { orgId: null, managerId: null };

/** The bound parameters every scoped query takes. */
export function scopeParams(scope: Scope): Params {
  return { scope_org: scope.orgId, scope_manager: scope.managerId };
}

/**
 * CTE `scope_orgs(org_id)`: the org ids in the caller's subtree. Put after `with recursive`.
 * The tree is read from the org reference table by parent links; depth is not fixed.
 */
export const scopeOrgsCte = `scope_orgs(org_id) as (
    select org_id from raw_orgs
    where case when $scope_org::varchar is null then parent_id is null else org_id = $scope_org::varchar end
    union all
    select o.org_id from raw_orgs o join scope_orgs s on o.parent_id = s.org_id
  )`;

/**
 * CTE `subtree_orgs(org_id)`: the subtree under a requested node ($org_id), cut to the caller's
 * scope (a node outside the scope yields no rows, which the routes turn into 404).
 */
export const subtreeOrgsCte = `subtree_orgs(org_id) as (
    select org_id from raw_orgs where org_id = $org_id::varchar and org_id in (select org_id from scope_orgs)
    union all
    select o.org_id from raw_orgs o join subtree_orgs s on o.parent_id = s.org_id
  )`;

/** Predicate on a manager-grain alias `m` (with org_id, manager_id columns). */
export function managerInScope(alias: string): string {
  return `${alias}.org_id in (select org_id from scope_orgs)
    and ($scope_manager::varchar is null or ${alias}.manager_id = $scope_manager::varchar)`;
}
