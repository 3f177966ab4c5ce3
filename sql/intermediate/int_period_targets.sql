-- int_period_targets: the targets file's given base and target of each subject and metric, by the
--   warehouse's period key.
-- grain: one row per period × subject × metric; keys: period, subject_type, subject_id, metric.
-- formula: each targets-file row under its own period key (2026-Q1, 2026-H1, 2026 …); a Q1, H1 or Y
--   row also under the year-to-date period with the same months: 03-ytd ← Q1, 06-ytd ← H1,
--   12-ytd ← Y.
-- inputs: stg_extract__targets.
with targets as (
  select year, period, period_key, subject_type, subject_id, metric, base_value, target_value,
  from stg_extract__targets
)
select period_key as period, subject_type, subject_id, metric, base_value, target_value,
from targets
union all
select
  cast(year as varchar) || case period when 'Q1' then '-03-ytd' when 'H1' then '-06-ytd' else '-12-ytd' end,
  subject_type, subject_id, metric, base_value, target_value,
from targets
where period in ('Q1', 'H1', 'Y')
