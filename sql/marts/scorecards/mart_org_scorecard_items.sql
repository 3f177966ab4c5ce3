-- mart_org_scorecard_items: the bonus and deduction lines of every institution card.
-- grain: one row per org node × scoring period × item. keys: org_id, period, item_id.
-- formula: as int_org_scorecard_items_scored: points = round(points_per_unit × the metric, 2),
--   capped at the item's max for bonus items; the section cap is applied in mart_org_scorecards.
-- inputs: int_org_scorecard_items_scored, cfg_scheme_items.
with scored as (
  select period, org_id, scheme_id, section, item_id, ordinal, source, metric, quantity, raw_points, max_points, points,
  from int_org_scorecard_items_scored
),

items as (
  select scheme_id, item_id, label_zh, label_en, points_per_unit, note,
  from cfg_scheme_items
)

select
  scored.period,
  scored.org_id,
  scored.scheme_id,
  scored.section,
  scored.item_id,
  scored.ordinal,
  items.label_zh,
  items.label_en,
  scored.source,
  scored.metric,
  scored.quantity,
  items.points_per_unit,
  scored.raw_points,
  scored.max_points,
  scored.points,
  items.note,
from scored
join items on items.scheme_id = scored.scheme_id and items.item_id = scored.item_id

order by org_id, period, item_id
