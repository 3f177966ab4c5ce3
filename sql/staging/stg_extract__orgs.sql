-- stg_extract__orgs: the organisation tree as delivered.
-- grain: one row per org node. keys: org_id. parent_id null at the root.
-- formula: rename and cast only. inputs: raw_orgs.
select
  org_id,
  parent_id,
  org_name,
  level,
from raw_orgs
