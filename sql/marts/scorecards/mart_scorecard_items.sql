-- mart_scorecard_items: the bonus and deduction lines of every scorecard.
-- grain: one row per manager × scoring period × item. keys: manager_id, period, item_id.
-- formula: as int_scorecard_items_scored: points = the item's raw points, capped at its max for
--   bonus items; the bonus section cap is applied in mart_scorecards (bonus_points).
--   quantity: entries counted (adjustment items), coverage (upkeep rule), metric actual (metric items).
-- inputs: int_scorecard_items_scored, cfg_scheme_items.
with scored as (
  select period, manager_id, scheme_id, section, item_id, ordinal, source, quantity,
    premium_client_quarters, upkept_client_quarters, raw_points, max_points, points,
  from int_scorecard_items_scored
),

items as (
  select scheme_id, item_id, label_zh, label_en, note,
  from cfg_scheme_items
)

select
  scored.period,
  scored.manager_id,
  scored.scheme_id,
  scored.section,
  scored.item_id,
  scored.ordinal,
  coalesce(items.label_zh, case scored.item_id when 'unlisted_bonus' then '其他加分' when 'unlisted_deduction' then '其他扣分' end) as label_zh,
  coalesce(items.label_en, case scored.item_id when 'unlisted_bonus' then 'Other bonus' when 'unlisted_deduction' then 'Other deductions' end) as label_en,
  scored.source,
  scored.quantity,
  scored.premium_client_quarters,
  scored.upkept_client_quarters,
  scored.raw_points,
  scored.max_points,
  scored.points,
  items.note,
from scored
left join items on items.scheme_id = scored.scheme_id and items.item_id = scored.item_id

-- written in manager order: the API reads one manager at a time (sql/README.md, "Row order")
order by manager_id, period, item_id
