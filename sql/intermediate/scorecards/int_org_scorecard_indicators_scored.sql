-- int_org_scorecard_indicators_scored: the points of every indicator of every institution card.
-- grain: one row per org node × scoring period × indicator of the node's scheme.
--   keys: org_id, period, indicator_id.
-- formula: as the managers' cards (int_scorecard_indicators_scored), with the node's figures of
--   mart_org_metrics (the node and its whole subtree) in place of a manager's, and the same rules
--   (sql/macros/scorecard.sql): target from the targets file when positive, else the scheme's
--   fallbacks (the year's org target × months / 12, base × (1 ± g), per month, fixed); ratio,
--   lower-is-better, banded and pass/fail achievements; points = round(capped × weight, 2).
--   per_manager indicators (人均): actual ÷ managers employed at the period's end, base ÷ managers
--   at the base period's end (mart_org_period.managers; 6 decimals, div_ratio); the target is the
--   level's figure per manager (同级人均: Σ actual ÷ Σ managers over every node of the same level
--   with managers, 6 decimals), target_source 'level_per_manager' — the targets file holds a
--   node's targets, not per head, and productivity is judged against peers.
-- inputs: int_org_scorecard_schemes_resolved, int_scorecard_periods, int_periods,
--   cfg_scheme_indicators, cfg_org_scheme_indicators, mart_org_metrics, mart_org_period,
--   stg_extract__targets.
with resolved as (
  select period, org_id, scheme_id,
  from int_org_scorecard_schemes_resolved
  where scheme_id is not null
),

periods as (
  select s.period, cast(s.year as varchar) as year_period, s.months, s.quarter_period, s.previous_quarter_period, p.base_period,
  from int_scorecard_periods as s
  join int_periods as p on p.period = s.period
),

indicators as (
  select i.scheme_id, i.indicator_id, i.ordinal, i.metric, i.weight, i.formula, i.cap, i.floor, i.basis, i.band_floor,
    i.band_full, i.threshold, i.direction, i.fallback_annual_pro_rata, i.fallback_base_growth, i.fallback_per_month,
    i.fallback_fixed, o.per_manager,
  from cfg_scheme_indicators as i
  join cfg_org_scheme_indicators as o on o.scheme_id = i.scheme_id and o.indicator_id = i.indicator_id
),

metrics as (
  select period, org_id, metric, actual, base, target,
  from mart_org_metrics
  semi join (select distinct metric from indicators) as used using (metric)
),

managers as (
  select period, org_id, level, managers,
  from mart_org_period
),

level_per_manager as (
  select metrics.period, managers.level, metrics.metric, div_ratio(sum(metrics.actual), sum(managers.managers)) as target,
  from metrics
  join managers on managers.period = metrics.period and managers.org_id = metrics.org_id
  where managers.managers > 0
    and metrics.metric in (select metric from indicators where per_manager)
  group by metrics.period, managers.level, metrics.metric
),

year_targets as (
  select period_key as year_period, subject_id as org_id, metric, target_value as target,
  from stg_extract__targets
  where subject_type = 'org' and period = 'Y'
),

figures as (
  select
    resolved.period,
    resolved.org_id,
    resolved.scheme_id,
    indicators.indicator_id,
    indicators.ordinal,
    indicators.metric,
    indicators.per_manager,
    indicators.weight,
    indicators.formula,
    indicators.cap,
    indicators.floor,
    indicators.basis,
    indicators.band_floor,
    indicators.band_full,
    indicators.threshold,
    indicators.direction,
    ytd.org_id is not null as has_ytd,
    case when indicators.formula = 'ratio_to_previous' then this_quarter.actual else ytd.actual end as actual,
    case when indicators.formula = 'ratio_to_previous' then previous_quarter.actual else ytd.base end as base,
    case when indicators.formula = 'ratio_to_previous' then null
         when indicators.per_manager then level_per_manager.target
         else ytd.target end as given_target,
    case when indicators.fallback_annual_pro_rata and not indicators.per_manager then whole_year.target end as year_target,
    now_managers.managers as managers,
    -- ratio_to_previous compares two quarters of the node: the base is the previous quarter's managers
    case when indicators.formula = 'ratio_to_previous' then previous_managers.managers else base_managers.managers end as base_managers,
    indicators.fallback_base_growth,
    indicators.fallback_per_month,
    indicators.fallback_fixed,
    periods.months,
  from resolved
  join periods on periods.period = resolved.period
  join indicators on indicators.scheme_id = resolved.scheme_id
  left join metrics as ytd
    on ytd.period = resolved.period and ytd.org_id = resolved.org_id and ytd.metric = indicators.metric
  left join metrics as this_quarter
    on this_quarter.period = periods.quarter_period and this_quarter.org_id = resolved.org_id and this_quarter.metric = indicators.metric
  left join metrics as previous_quarter
    on previous_quarter.period = periods.previous_quarter_period and previous_quarter.org_id = resolved.org_id and previous_quarter.metric = indicators.metric
  left join year_targets as whole_year
    on whole_year.year_period = periods.year_period and whole_year.org_id = resolved.org_id and whole_year.metric = indicators.metric
  left join managers as now_managers
    on now_managers.period = resolved.period and now_managers.org_id = resolved.org_id
  left join managers as base_managers
    on base_managers.period = periods.base_period and base_managers.org_id = resolved.org_id
  left join managers as previous_managers
    on previous_managers.period = periods.previous_quarter_period and previous_managers.org_id = resolved.org_id
  left join level_per_manager
    on level_per_manager.period = resolved.period and level_per_manager.level = now_managers.level and level_per_manager.metric = indicators.metric
),

per_head as (
  select
    * exclude (actual, base),
    cast(case when per_manager then div_ratio(actual, managers) else actual end as decimal(24,6)) as actual,
    cast(case when per_manager then div_ratio(base, base_managers) else base end as decimal(24,6)) as base,
  from figures
),

-- the scoring rules: sql/macros/scorecard.sql, the managers' cards' own
targeted as (
  select
    * exclude (given_target, year_target, fallback_base_growth, fallback_per_month, fallback_fixed, months),
    scorecard_target(formula, given_target, year_target, months, base, fallback_base_growth, fallback_per_month, fallback_fixed) as target,
    case when per_manager and given_target > 0 and formula <> 'ratio_to_previous' then 'level_per_manager'
         else scorecard_target_source(formula, given_target, year_target, base, fallback_base_growth, fallback_per_month, fallback_fixed)
    end as target_source,
  from per_head
),

achieved as (
  select *, scorecard_achievement(formula, actual, target, base, cap, basis) as achievement,
  from targeted
),

capped as (
  select *, scorecard_capped(formula, achievement, floor, cap, band_floor, band_full, threshold, direction) as capped_achievement,
  from achieved
)

select
  period,
  org_id,
  scheme_id,
  indicator_id,
  ordinal,
  metric,
  per_manager,
  formula,
  weight,
  cap,
  floor,
  cast(managers as bigint) as managers,
  actual,
  base,
  cast(target as decimal(24,6)) as target,
  target_source,
  achievement,
  cast(capped_achievement as decimal(18,6)) as capped_achievement,
  scorecard_points(capped_achievement, weight) as points,
  scorecard_note(formula, achievement, has_ytd, actual, cap, floor) as note,
from capped
