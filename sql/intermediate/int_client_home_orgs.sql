-- int_client_home_orgs: the org each client's unassigned business falls back to.
-- grain: one row per client. keys: client_id.
-- formula: home_org_id = the client's org_id when it is a node of the tree, else the root (the
--   node without parent; the smallest id if a delivery has several), so nothing drops out of the tree.
-- inputs: stg_extract__clients, stg_extract__orgs.
with clients as (
  select client_id, org_id from stg_extract__clients
),
orgs as (
  select org_id, parent_id from stg_extract__orgs
),
root as (
  select min(org_id) as root_org_id from orgs where parent_id is null
)
select
  c.client_id,
  coalesce(o.org_id, r.root_org_id) as home_org_id,
from clients as c
cross join root as r
left join orgs as o on o.org_id = c.org_id
