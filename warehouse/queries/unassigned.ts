// The unassigned bucket (未分配), per org node: business no manager held, booked in the node's subtree
// (mart_org_unassigned_period). One read function for the API route and `jixiao export unassigned`,
// so both show the same rows: a node's managers plus its row here add up to the node.
import type { Reader } from './reader.ts';
import { scopeOrgsCte, scopeParams, type Scope } from './scope.ts';

/** Columns before the metrics, in this order. */
export const unassignedLeading = ['period', 'org_id', 'org_name', 'parent_id', 'level'] as const;

/**
 * The nodes of `orgId`'s subtree (the whole bank when null) with unassigned business in `period`,
 * each with the unassigned figures of its own subtree, depth first (the node itself first). Only
 * nodes inside the caller's scope; a manager's scope sees none (no unassigned business is theirs).
 */
export async function orgUnassigned(reader: Reader, scope: Scope, f: { orgId: string | null; period: string }): Promise<Record<string, unknown>[]> {
  return reader.query(
    `with recursive ${scopeOrgsCte},
     paths(org_id, path) as (
       select org_id, org_id from stg_extract__orgs where parent_id is null
       union all
       select o.org_id, p.path || '/' || o.org_id
       from stg_extract__orgs as o join paths as p on o.parent_id = p.org_id
       where length(p.path) < 4000
     )
     select u.*
     from mart_org_unassigned_period as u
     left join paths on paths.org_id = u.org_id
     where u.period = $period
       and ($org_id::varchar is null or u.org_id in (select org_id from mart_org_ancestors where ancestor_id = $org_id::varchar))
       and u.org_id in (select org_id from scope_orgs)
       and $scope_manager::varchar is null
     order by paths.path, u.org_id`,
    { ...scopeParams(scope), org_id: f.orgId, period: f.period },
  );
}
