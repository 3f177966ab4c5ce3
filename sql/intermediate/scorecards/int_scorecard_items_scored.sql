-- int_scorecard_items_scored: the bonus and deduction items of every manager's scorecard.
-- grain: one row per manager × scoring period × item (every item of the manager's scheme, plus
--   'unlisted_bonus' / 'unlisted_deduction' when adjustments name items the scheme does not list).
--   keys: manager_id, period, item_id.
-- formula:
--   adjustment items: the adjustments of the scoring year whose period ends on or before the
--     scoring period's end (year-to-date, so the year-end score covers the whole year) and whose
--     item is one of the scheme item's adjustment_items; each entry counts points_each when the
--     scheme fixes it (−5 per complaint), else the points entered. Entries the scheme does not
--     list are not dropped: they count as entered, under unlisted_bonus (> 0) or
--     unlisted_deduction (< 0).
--   rule premium_client_upkeep: raw_points = round(max × coverage, 2) (int_premium_client_upkeep).
--   metric items: raw_points = round(points_per_unit × the metric's ytd actual, 2).
--   points = least(raw_points, max_points) for bonus items with a max; deductions have no floor
--     (the macro scorecard_item_points, sql/macros/scorecards.sql).
--   The bonus section cap is applied in mart_scorecards.
-- inputs: int_scorecard_schemes_resolved, int_scorecard_periods, int_periods, cfg_scheme_items,
--   cfg_scheme_adjustment_items, stg_extract__adjustments, int_premium_client_upkeep, mart_manager_metrics.
with resolved as (
  select period, manager_id, scheme_id,
  from int_scorecard_schemes_resolved
  where scheme_id is not null
),

scoring_periods as (
  select period, year, end_date,
  from int_scorecard_periods
),

period_ends as (
  select period, end_date,
  from int_periods
),

items as (
  select scheme_id, section, item_id, ordinal, source, rule, metric, points_per_unit, max_points,
  from cfg_scheme_items
),

adjustment_items as (
  select scheme_id, item_id, adjustment_item, points_each,
  from cfg_scheme_adjustment_items
),

adjustments as (
  select year, period_key, manager_id, item, points,
  from stg_extract__adjustments
),

upkeep as (
  select period, manager_id, item_id, premium_client_quarters, upkept_client_quarters, coverage,
  from int_premium_client_upkeep
),

metrics as (
  select period, manager_id, metric, actual,
  from mart_manager_metrics
),

-- adjustments counted in each manager's scoring period, with the scheme item they belong to
counted_adjustments as (
  select
    resolved.period,
    resolved.manager_id,
    resolved.scheme_id,
    coalesce(adjustment_items.item_id, case when adjustments.points >= 0 then 'unlisted_bonus' else 'unlisted_deduction' end) as item_id,
    coalesce(adjustment_items.points_each, adjustments.points) as points,
  from resolved
  join scoring_periods on scoring_periods.period = resolved.period
  join adjustments on adjustments.manager_id = resolved.manager_id and adjustments.year = scoring_periods.year
  join period_ends on period_ends.period = adjustments.period_key and period_ends.end_date <= scoring_periods.end_date
  left join adjustment_items
    on adjustment_items.scheme_id = resolved.scheme_id and adjustment_items.adjustment_item = adjustments.item
),

adjustment_totals as (
  select period, manager_id, item_id, count(*) as entries, sum(points) as raw_points,
  from counted_adjustments
  group by period, manager_id, item_id
),

scheme_items as (
  select
    resolved.period,
    resolved.manager_id,
    resolved.scheme_id,
    items.section,
    items.item_id,
    items.ordinal,
    items.source,
    items.metric,
    items.points_per_unit,
    items.max_points,
  from resolved
  join items on items.scheme_id = resolved.scheme_id
),

scored_scheme_items as (
  select
    scheme_items.period,
    scheme_items.manager_id,
    scheme_items.scheme_id,
    scheme_items.section,
    scheme_items.item_id,
    scheme_items.ordinal,
    scheme_items.source,
    case scheme_items.source
      when 'adjustment' then cast(coalesce(adjustment_totals.entries, 0) as decimal(24,6))
      when 'rule' then cast(upkeep.coverage as decimal(24,6))
      when 'metric' then cast(metrics.actual as decimal(24,6))
    end as quantity,
    upkeep.premium_client_quarters,
    upkeep.upkept_client_quarters,
    case scheme_items.source
      when 'adjustment' then coalesce(adjustment_totals.raw_points, 0)
      when 'rule' then coalesce(round(scheme_items.max_points * upkeep.coverage, 2), 0)
      when 'metric' then coalesce(round(scheme_items.points_per_unit * metrics.actual, 2), 0)
    end as raw_points,
    scheme_items.max_points,
  from scheme_items
  -- plain equi-joins (a filter on the left side in a left join's condition makes DuckDB loop):
  -- only adjustment items share ids with adjustment_totals, only rules with upkeep, only metric
  -- items have a metric.
  left join adjustment_totals
    on adjustment_totals.period = scheme_items.period
   and adjustment_totals.manager_id = scheme_items.manager_id
   and adjustment_totals.item_id = scheme_items.item_id
  left join upkeep
    on upkeep.period = scheme_items.period
   and upkeep.manager_id = scheme_items.manager_id
   and upkeep.item_id = scheme_items.item_id
  left join metrics
    on metrics.period = scheme_items.period
   and metrics.manager_id = scheme_items.manager_id
   and metrics.metric = scheme_items.metric
),

unlisted as (
  select
    adjustment_totals.period,
    adjustment_totals.manager_id,
    resolved.scheme_id,
    case adjustment_totals.item_id when 'unlisted_bonus' then 'bonus' else 'deduction' end as section,
    adjustment_totals.item_id,
    1000 as ordinal,
    'adjustment' as source,
    cast(adjustment_totals.entries as decimal(24,6)) as quantity,
    cast(null as bigint) as premium_client_quarters,
    cast(null as bigint) as upkept_client_quarters,
    adjustment_totals.raw_points,
    cast(null as decimal(9,2)) as max_points,
  from adjustment_totals
  join resolved on resolved.period = adjustment_totals.period and resolved.manager_id = adjustment_totals.manager_id
  where adjustment_totals.item_id in ('unlisted_bonus', 'unlisted_deduction')
),

all_items as (
  select * from scored_scheme_items
  union all by name
  select * from unlisted
)

select
  period,
  manager_id,
  scheme_id,
  section,
  item_id,
  ordinal,
  source,
  quantity,
  premium_client_quarters,
  upkept_client_quarters,
  cast(raw_points as decimal(9,2)) as raw_points,
  max_points,
  scorecard_item_points(section, raw_points, max_points) as points,
from all_items
