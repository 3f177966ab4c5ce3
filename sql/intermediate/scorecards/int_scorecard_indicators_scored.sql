-- int_scorecard_indicators_scored: the points of every indicator of every manager's scorecard.
-- grain: one row per manager × scoring period × indicator of the manager's scheme.
--   keys: manager_id, period, indicator_id.
-- formula (actual, base, target are the year-to-date figures of mart_manager_metrics unless said):
--   ratio_to_target   achievement = actual / target (target > 0, else null: 'no_target')
--   ratio_to_previous actual = the scoring quarter's figure, base = the previous quarter's;
--                     achievement = actual / base (base > 0, else null: 'no_previous')
--   lower_is_better   achievement = target / actual; actual <= 0 (none at all) earns the cap
--   ratio formulas:   capped_achievement = least(greatest(achievement, floor), cap)
--   banded_linear     x = achievement or actual (basis); capped_achievement =
--                     0 below band_floor, 1 at or above band_full, (x - band_floor) / (band_full - band_floor) between
--   pass_fail         capped_achievement = 1 when x >= threshold (at_least) or x <= threshold (at_most), else 0
--   points = round(capped_achievement × weight, 2), 0 when the achievement is null. Ratios are
--   rounded to 6 decimals (div_ratio, exact) before they are multiplied, so every point can be
--   recomputed by hand from the figures shown.
-- inputs: int_scorecard_schemes_resolved, int_scorecard_periods, cfg_scheme_indicators, mart_manager_metrics.
with resolved as (
  select period, manager_id, scheme_id,
  from int_scorecard_schemes_resolved
  where scheme_id is not null
),

periods as (
  select period, quarter_period, previous_quarter_period,
  from int_scorecard_periods
),

indicators as (
  select scheme_id, indicator_id, ordinal, metric, weight, formula, cap, floor, basis, band_floor, band_full, threshold, direction,
  from cfg_scheme_indicators
),

metrics as (
  select period, manager_id, metric, actual, base, target,
  from mart_manager_metrics
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
    cast(case when indicators.formula = 'ratio_to_previous' then null else ytd.target end as decimal(24,6)) as target,
  from resolved
  join periods on periods.period = resolved.period
  join indicators on indicators.scheme_id = resolved.scheme_id
  left join metrics as ytd
    on ytd.period = resolved.period and ytd.manager_id = resolved.manager_id and ytd.metric = indicators.metric
  left join metrics as this_quarter
    on this_quarter.period = periods.quarter_period and this_quarter.manager_id = resolved.manager_id and this_quarter.metric = indicators.metric
  left join metrics as previous_quarter
    on previous_quarter.period = periods.previous_quarter_period and previous_quarter.manager_id = resolved.manager_id and previous_quarter.metric = indicators.metric
),

achieved as (
  select
    *,
    case formula
      when 'ratio_to_target' then case when target > 0 then div_ratio(coalesce(actual, 0), target) end
      when 'ratio_to_previous' then case when base > 0 then div_ratio(coalesce(actual, 0), base) end
      when 'lower_is_better' then
        case when target is null or target < 0 then null
             when coalesce(actual, 0) <= 0 then cap
             else div_ratio(target, actual) end
      else
        case when basis = 'actual' then cast(coalesce(actual, 0) as decimal(18,6))
             when target > 0 then div_ratio(coalesce(actual, 0), target) end
    end as achievement,
  from figures
),

capped as (
  select
    *,
    case
      when achievement is null then null
      when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') then least(greatest(achievement, floor), cap)
      when formula = 'banded_linear' then
        case when achievement <= band_floor then 0
             when achievement >= band_full then 1
             else div_ratio(achievement - band_floor, band_full - band_floor) end
      when formula = 'pass_fail' then
        case when (direction = 'at_least' and achievement >= threshold) or (direction = 'at_most' and achievement <= threshold) then 1 else 0 end
    end as capped_achievement,
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
  target,
  achievement,
  cast(capped_achievement as decimal(18,6)) as capped_achievement,
  cast(coalesce(round(cast(capped_achievement as decimal(18,6)) * weight, 2), 0) as decimal(9,2)) as points,
  case
    when formula = 'ratio_to_previous' and achievement is null then 'no_previous'
    when achievement is null and not has_ytd then 'no_data'
    when achievement is null then 'no_target'
    when formula = 'lower_is_better' and coalesce(actual, 0) <= 0 then 'none_best'
    when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') and achievement > cap then 'capped'
    when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') and achievement < floor then 'floored'
  end as note,
from capped
