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
--   manual            no figure: 0 points here, note 'not_entered'; the points people enter are
--                     added at request time (sql/live/scorecards_live.sql)
--   unavailable: the metric's ledger (config/glossary.json "ledger") was not delivered in the scoring
--     period (int_period_ledgers). The scheme's unavailable_indicators says what then happens:
--     'rescale' (default) leaves the indicator out (applied_weight 0, note 'not_delivered') and scales
--     every other indicator's weight by total_weight / (total_weight − Σ weights left out), 6
--     decimals; 'zero' scores it 0 (note 'not_delivered'). Otherwise applied_weight = weight.
--   points = round(capped_achievement × applied_weight, 2), 0 when the achievement is null: note says why
--   (no_data: no figure at all; no_actual: the mart could not compute it, e.g. net_deposit_increase
--   without the prior year-end; no_target; no_previous). Ratios are
--   rounded to 6 decimals (div_ratio, exact) before they are multiplied, so every point can be
--   recomputed by hand from the figures shown.
-- inputs: int_scorecard_schemes_resolved, int_scorecard_periods, cfg_scheme_indicators, cfg_schemes,
--   mart_manager_metrics, stg_extract__targets, int_period_ledgers.
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
  select i.scheme_id, i.indicator_id, i.ordinal, i.metric, i.weight, i.formula, i.cap, i.floor, i.basis, i.band_floor, i.band_full,
    i.threshold, i.direction, i.fallback_annual_pro_rata, i.fallback_base_growth, i.fallback_per_month, i.fallback_fixed,
    s.total_weight, s.unavailable_indicators,
    -- the ledger the metric is computed from (config/glossary.json)
    case i.metric
      {% for metric in manager %}
      all: when '{metric}' then '{ledger}'
      {% end %}
      else 'reference'
    end as ledger,
  from cfg_scheme_indicators as i
  join cfg_schemes as s on s.scheme_id = i.scheme_id
),

ledgers as (
  select period, deposits, loans, fees, sales, visits, business, from int_period_ledgers
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
    indicators.total_weight,
    indicators.unavailable_indicators,
    not coalesce(case indicators.ledger
      when 'deposits' then ledgers.deposits when 'loans' then ledgers.loans when 'fees' then ledgers.fees
      when 'sales' then ledgers.sales when 'visits' then ledgers.visits when 'business' then ledgers.business
      else true end, false) as unavailable,
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
  left join ledgers on ledgers.period = resolved.period
  left join metrics as ytd
    on ytd.period = resolved.period and ytd.manager_id = resolved.manager_id and ytd.metric = indicators.metric
  left join metrics as this_quarter
    on this_quarter.period = periods.quarter_period and this_quarter.manager_id = resolved.manager_id and this_quarter.metric = indicators.metric
  left join year_targets as whole_year
    on whole_year.year_period = periods.year_period and whole_year.manager_id = resolved.manager_id and whole_year.metric = indicators.metric
  left join metrics as previous_quarter
    on previous_quarter.period = periods.previous_quarter_period and previous_quarter.manager_id = resolved.manager_id and previous_quarter.metric = indicators.metric
),

targeted as (
  select
    * exclude (given_target, year_target, fallback_base_growth, fallback_per_month, fallback_fixed, months),
    case
      when formula = 'ratio_to_previous' then null
      when given_target > 0 then given_target
      when year_target > 0 then cast(div_units(year_target * months, 12, 6) * 0.000001 as decimal(24,6))
      when fallback_base_growth is not null and base > 0 then
        round(base * (1 + case when formula = 'lower_is_better' then -fallback_base_growth else fallback_base_growth end), 6)
      when fallback_per_month is not null then fallback_per_month * months
      when fallback_fixed is not null then fallback_fixed
    end as target,
    case
      when formula = 'ratio_to_previous' then null
      when given_target > 0 then 'targets'
      when year_target > 0 then 'annual_pro_rata'
      when fallback_base_growth is not null and base > 0 then 'base_growth'
      when fallback_per_month is not null then 'per_month'
      when fallback_fixed is not null then 'fixed'
    end as target_source,
  from figures
),

achieved as (
  select
    *,
    case formula
      when 'ratio_to_target' then case when target > 0 then div_ratio(actual, target) end
      when 'ratio_to_previous' then case when base > 0 then div_ratio(coalesce(actual, 0), base) end
      when 'lower_is_better' then
        case when target is null or target < 0 then null
             when coalesce(actual, 0) <= 0 then cap
             else div_ratio(target, actual) end
      else
        case when basis = 'actual' then cast(actual as decimal(18,6))
             when target > 0 then div_ratio(actual, target) end
    end as achievement,
  from targeted
),

weighted as (
  -- the weight an indicator counts with: 0 when left out, the rest scaled up to total_weight
  select
    *,
    sum(case when unavailable then weight else 0 end) over (partition by period, manager_id) as weight_left_out,
  from achieved
),

capped as (
  select
    *,
    cast(case
      when unavailable_indicators = 'rescale' and unavailable then 0
      when unavailable_indicators = 'rescale' and weight_left_out > 0 and total_weight > weight_left_out
        then div_ratio(weight * total_weight, total_weight - weight_left_out)
      when unavailable_indicators = 'rescale' and weight_left_out > 0 then 0
      else weight
    end as decimal(18,6)) as applied_weight,
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
  from weighted
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
  applied_weight,
  cap,
  floor,
  actual,
  base,
  cast(target as decimal(24,6)) as target,
  target_source,
  achievement,
  cast(capped_achievement as decimal(18,6)) as capped_achievement,
  cast(case when unavailable then 0 else coalesce(round(cast(capped_achievement as decimal(18,6)) * applied_weight, 2), 0) end as decimal(9,2)) as points,
  case
    when formula = 'manual' then 'not_entered'
    when unavailable then 'not_delivered'
    when formula = 'ratio_to_previous' and achievement is null then 'no_previous'
    when achievement is null and not has_ytd then 'no_data'
    when achievement is null and actual is null then 'no_actual'
    when achievement is null then 'no_target'
    when formula = 'lower_is_better' and coalesce(actual, 0) <= 0 then 'none_best'
    when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') and achievement > cap then 'capped'
    when formula in ('ratio_to_target', 'ratio_to_previous', 'lower_is_better') and achievement < floor then 'floored'
  end as note,
from capped
