-- stg_extract__adjustments: manual bonus and deduction entries.
-- grain: one row per entry. keys: year, period, manager_id, item, line_no.
-- formula: period_key as in stg_extract__targets. inputs: raw_adjustments.
select
  year,
  period,
  case when period = 'Y' then cast(year as varchar) else cast(year as varchar) || '-' || period end as period_key,
  manager_id,
  item,
  points,
  note,
  entered_by,
  line_no,
from raw_adjustments
