-- int_org_scorecard_items_scored: the bonus and deduction items of every institution card.
-- grain: one row per org node × scoring period × item of the node's scheme; keys: org_id, period, item_id.
-- formula: institution items are metric items (the adjustments file is per manager):
--   raw_points = round(points_per_unit × the node's year-to-date actual of the metric, 2), 0 without it;
--   points = least(raw_points, max) for a bonus item with a max; deductions have no floor. The bonus
--   section cap is applied in mart_org_scorecards. quantity = the metric's actual.
-- inputs: int_org_scorecard_schemes_resolved, cfg_scheme_items, mart_org_metrics.
with resolved as (
  select period, org_id, scheme_id,
  from int_org_scorecard_schemes_resolved
  where scheme_id is not null
),

items as (
  select scheme_id, section, item_id, ordinal, source, metric, points_per_unit, max_points,
  from cfg_scheme_items
),

metrics as (
  select period, org_id, metric, actual,
  from mart_org_metrics
),

raw as (
  select
    resolved.period,
    resolved.org_id,
    resolved.scheme_id,
    items.section,
    items.item_id,
    items.ordinal,
    items.source,
    items.metric,
    cast(metrics.actual as decimal(24,6)) as quantity,
    cast(coalesce(round(items.points_per_unit * metrics.actual, 2), 0) as decimal(9,2)) as raw_points,
    items.max_points,
  from resolved
  join items on items.scheme_id = resolved.scheme_id
  left join metrics on metrics.period = resolved.period and metrics.org_id = resolved.org_id and metrics.metric = items.metric
)

select
  period,
  org_id,
  scheme_id,
  section,
  item_id,
  ordinal,
  source,
  metric,
  quantity,
  raw_points,
  max_points,
  cast(case when section = 'bonus' and max_points is not null then least(raw_points, max_points) else raw_points end as decimal(9,2)) as points,
from raw
