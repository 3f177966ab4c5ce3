-- stg_extract__targets: targets and given base figures.
-- grain: one row per year × period × subject × metric. keys: year, period, subject_type, subject_id, metric.
-- formula: period_key turns (2026, 'Q1') into the warehouse's period key '2026-Q1' ('Y' -> '2026');
--   end_date = the period's last day (2026-Q1 -> 2026-03-31, H1 -> 06-30, Y -> 12-31).
-- inputs: raw_targets.
select
  year,
  period,
  case when period = 'Y' then cast(year as varchar) else cast(year as varchar) || '-' || period end as period_key,
  last_day(make_date(year, case period when 'Q1' then 3 when 'Q2' then 6 when 'H1' then 6 when 'Q3' then 9 else 12 end, 1)) as end_date,
  subject_type,
  subject_id,
  metric,
  base_value,
  target_value,
from raw_targets
