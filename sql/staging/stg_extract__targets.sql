-- stg_extract__targets: targets and given base figures.
-- grain: one row per year × period × subject × metric. keys: year, period, subject_type, subject_id, metric.
-- formula: period_key turns (2026, 'Q1') into the warehouse's period key '2026-Q1' ('Y' -> '2026').
-- inputs: raw_targets.
select
  year,
  period,
  case when period = 'Y' then cast(year as varchar) else cast(year as varchar) || '-' || period end as period_key,
  subject_type,
  subject_id,
  metric,
  base_value,
  target_value,
from raw_targets
