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
 * CTE `scope_orgs(org_id)`: the org ids in the caller's subtree (every org for the whole bank).
 * Read from mart_org_ancestors (the tree flattened by the build: one row per node × ancestor, itself
 * included), so no recursion runs per request.
 */
export const scopeOrgsCte = `scope_orgs(org_id) as (
    select org_id from stg_extract__orgs where $scope_org::varchar is null
    union all
    select org_id from mart_org_ancestors where ancestor_id = $scope_org::varchar
  )`;

/**
 * CTE `subtree_orgs(org_id)`: the subtree under a requested node ($org_id), empty when that node
 * is outside the caller's scope (the routes turn that into a 404 before asking).
 */
export const subtreeOrgsCte = `subtree_orgs(org_id) as (
    select org_id from mart_org_ancestors
    where ancestor_id = $org_id::varchar and $org_id::varchar in (select org_id from scope_orgs)
  )`;

/** Predicate on a manager-grain alias `m` (with org_id, manager_id columns). */
export function managerInScope(alias: string): string {
  return `${alias}.org_id in (select org_id from scope_orgs)
    and ($scope_manager::varchar is null or ${alias}.manager_id = $scope_manager::varchar)`;
}

/**
 * Predicate: the requested node ($org_id) lies in the caller's subtree. Uncorrelated, so DuckDB
 * evaluates it once; cheaper than carrying a scope CTE through the joins of a wide query.
 */
export const nodeInScope = `exists (
    select 1 from mart_org_ancestors s
    where s.org_id = $org_id::varchar and ($scope_org::varchar is null or s.ancestor_id = $scope_org::varchar)
  )`;

/** Join restricting `alias.org_id` to the subtree of the requested node ($org_id). */
export function inSubtree(alias: string): string {
  return `join mart_org_ancestors sub on sub.org_id = ${alias}.org_id and sub.ancestor_id = $org_id::varchar`;
}
