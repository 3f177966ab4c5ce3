-- int_org_ancestors: the org tree flattened for roll-ups.
-- grain: one row per org node × each of its ancestors, itself included (depth 0). keys: org_id, ancestor_id.
-- formula: walk parent links upwards; a node's figures = Σ over rows whose org_id has it as ancestor.
--   The walk stops at 64 levels so that a cycle in a bad delivery cannot run forever.
-- inputs: stg_extract__orgs.
with recursive walk(org_id, ancestor_id, depth) as (
  select org_id, org_id, 0 from stg_extract__orgs
  union all
  select w.org_id, o.parent_id, w.depth + 1
  from walk as w
  join stg_extract__orgs as o on o.org_id = w.ancestor_id
  where o.parent_id is not null and w.depth < 64
)
select
  org_id,
  ancestor_id,
  cast(depth as integer) as depth,
from walk
