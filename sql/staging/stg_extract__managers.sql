-- stg_extract__managers: relationship managers.
-- grain: one row per manager. keys: manager_id. org_id: the node the manager belongs to (current).
-- formula: rename and cast only. inputs: raw_managers.
select
  manager_id,
  manager_name,
  org_id,
  line,
  grade,
  hire_date,
  leave_date,
from raw_managers
