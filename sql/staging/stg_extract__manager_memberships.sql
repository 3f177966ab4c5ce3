-- stg_extract__manager_memberships: every version of a manager's org, line and grade, as the ingest
--   kept them (ingest/memberships.ts).
-- grain: one row per manager × span. keys: manager_id, valid_from.
-- formula: rename and cast only; valid_from null = from the start (the manager's first row),
--   valid_to null = still in force (both ends included). inputs: raw_manager_memberships.
select
  manager_id,
  org_id,
  line,
  grade,
  valid_from,
  valid_to,
from raw_manager_memberships
