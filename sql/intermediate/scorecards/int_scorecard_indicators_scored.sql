-- int_scorecard_indicators_scored: the points of every indicator of every manager's scorecard.
-- grain: one row per manager × scoring period × indicator of the manager's scheme.
--   keys: manager_id, period, indicator_id.
-- formula (actual, base, target are the year-to-date figures of mart_manager_metrics unless said):
--   target: the targets file's (through mart_manager_metrics) when positive; else the scheme's
--     target_fallback, in order: the year's target × months elapsed / 12 (annual_pro_rata,
--     按时间进度; the year's target read from the targets file itself, since mart_manager_metrics
--     has the year's row only once all twelve months are loaded and this fallback is for the
--     quarters before), base × (1 + from_base_growth) (lower_is_better: × (1 − it)) when the base is
--     positive, per_month × months in the period, fixed. target_source says which.
--   ratio_to_target   achievement = actual / target (target > 0, else null: 'no_target')
--   ratio_to_previous actual = the scoring quarter's figure, base = the previous quarter's;
--                     achievement = actual / base (base > 0, else null: 'no_previous')
--   lower_is_better   achievement = target / actual; actual <= 0 (none at all) earns the cap
--   ratio formulas:   capped_achievement = least(greatest(achievement, floor), cap)
--   banded_linear     x = achievement or actual (basis); capped_achievement =
--                     0 below band_floor, 1 at or above band_full, (x - band_floor) / (band_full - band_floor) between
--   pass_fail         capped_achievement = 1 when x >= threshold (at_least) or x <= threshold (at_most), else 0
--   points = round(capped_achievement × weight, 2), 0 when the achievement is null: note says why
--   (no_data: no figure at all; no_actual: the mart could not compute it, e.g. net_deposit_increase
--   without the prior year-end; no_target; no_previous). Ratios are
--   rounded to 6 decimals (div_ratio, exact) before they are multiplied, so every point can be
--   recomputed by hand from the figures shown. The rules are the macros of sql/macros/scorecard.sql.
-- inputs: int_scorecard_schemes_resolved, int_scorecard_periods, cfg_scheme_indicators, mart_manager_metrics,
--   stg_extract__targets.
with resolved as (
  select period, manager_id, scheme_id,
  from int_scorecard_schemes_resolved
  where scheme_id is not null
),

periods as (
  select period, cast(year as varchar) as year_period, months, quarter_period, previous_quarter_period,
  from int_scorecard_periods
),

indicators as (
  select scheme_id, indicator_id, ordinal, metric, weight, formula, cap, floor, basis, band_floor, band_full, threshold, direction,
    fallback_annual_pro_rata, fallback_base_growth, fallback_per_month, fallback_fixed,
  from cfg_scheme_indicators
),

metrics as (
  -- only the metrics some scheme scores, in the periods a scoring period reads (itself, its quarter,
  -- the quarter before: about a third of the periods): the three joins below then build hash
  -- tables of a fraction of the long mart instead of all of it
  select m.period, m.manager_id, m.metric, m.actual, m.base, m.target,
  from mart_manager_metrics as m
  semi join (select distinct metric from cfg_scheme_indicators) as used on used.metric = m.metric
  semi join (
    select period from periods
    union select quarter_period from periods
    union select previous_quarter_period from periods
  ) as read on read.period = m.period
),

year_targets as (
  -- the year's target of each manager and metric, as the targets file gives it (period Y)
  select period_key as year_period, subject_id as manager_id, metric, target_value as target,
  from stg_extract__targets
  where subject_type = 'manager' and period = 'Y'
),

figures as (
  select
    resolved.period,
    resolved.manager_id,
    resolved.scheme_id,
    indicators.indicator_id,
    indicators.ordinal,
    indicators.metric,
    indicators.weight,
    indicators.formula,
    indicators.cap,
    indicators.floor,
    indicators.basis,
    indicators.band_floor,
    indicators.band_full,
    indicators.threshold,
    indicators.direction,
    ytd.manager_id is not null as has_ytd,
    cast(case when indicators.formula = 'ratio_to_previous' then this_quarter.actual else ytd.actual end as decimal(24,6)) as actual,
    cast(case when indicators.formula = 'ratio_to_previous' then previous_quarter.actual else ytd.base end as decimal(24,6)) as base,
    cast(case when indicators.formula = 'ratio_to_previous' then null else ytd.target end as decimal(24,6)) as given_target,
    case when indicators.fallback_annual_pro_rata then cast(whole_year.target as decimal(24,6)) end as year_target,
    indicators.fallback_base_growth,
    indicators.fallback_per_month,
    indicators.fallback_fixed,
    periods.months,
  from resolved
  join periods on periods.period = resolved.period
  join indicators on indicators.scheme_id = resolved.scheme_id
  left join metrics as ytd
    on ytd.period = resolved.period and ytd.manager_id = resolved.manager_id and ytd.metric = indicators.metric
  left join metrics as this_quarter
    on this_quarter.period = periods.quarter_period and this_quarter.manager_id = resolved.manager_id and this_quarter.metric = indicators.metric
  left join year_targets as whole_year
    on whole_year.year_period = periods.year_period and whole_year.manager_id = resolved.manager_id and whole_year.metric = indicators.metric
  left join metrics as previous_quarter
    on previous_quarter.period = periods.previous_quarter_period and previous_quarter.manager_id = resolved.manager_id and previous_quarter.metric = indicators.metric
),

-- the scoring rules themselves: sql/macros/scorecard.sql (one definition for every card)
targeted as (
  select
    * exclude (given_target, year_target, fallback_base_growth, fallback_per_month, fallback_fixed, months),
    scorecard_target(formula, given_target, year_target, months, base, fallback_base_growth, fallback_per_month, fallback_fixed) as target,
    scorecard_target_source(formula, given_target, year_target, base, fallback_base_growth, fallback_per_month, fallback_fixed) as target_source,
  from figures
),

achieved as (
  select
    *,
    scorecard_achievement(formula, actual, target, base, cap, basis) as achievement,
  from targeted
),

capped as (
  select
    *,
    scorecard_capped(formula, achievement, floor, cap, band_floor, band_full, threshold, direction) as capped_achievement,
  from achieved
)

select
  period,
  manager_id,
  scheme_id,
  indicator_id,
  ordinal,
  metric,
  formula,
  weight,
  cap,
  floor,
  actual,
  base,
  cast(target as decimal(24,6)) as target,
  target_source,
  achievement,
  cast(capped_achievement as decimal(18,6)) as capped_achievement,
  scorecard_points(capped_achievement, weight) as points,
  scorecard_note(formula, achievement, has_ytd, actual, cap, floor) as note,
from capped
