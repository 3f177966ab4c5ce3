-- stg_extract__visits: visit log.
-- grain: one row per visit. keys: visit_id. client_id null for a prospect.
-- formula: month_end = last_day(visit_date). inputs: raw_visits.
select
  visit_date,
  last_day(visit_date) as month_end,
  visit_id,
  manager_id,
  client_id,
  purpose,
  outcome,
from raw_visits
