-- stg_extract__assignments: who looks after which client, with what share, when.
-- grain: one row per assignment interval. keys: client_id, manager_id, valid_from.
-- formula: valid_to null (still valid) becomes 9999-12-31 so that "in force on d" is
--   valid_from <= d and d <= valid_to (both ends included, as the contract says).
-- inputs: raw_assignments.
select
  client_id,
  manager_id,
  share,
  valid_from,
  coalesce(valid_to, date '9999-12-31') as valid_to,
from raw_assignments
