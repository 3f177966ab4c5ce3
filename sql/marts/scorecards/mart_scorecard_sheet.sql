-- mart_scorecard_sheet: the scorecards sheet of `jixiao export scorecards` in long form, read
--   through the one list function over marts (warehouse/queries/mart-rows.ts) and turned into one
--   row per card (an indicator's points per column) by the export.
-- grain: one row per card (manager × scoring period of mart_scorecards) × indicator line of the
--   card; a card without indicator lines has one row with indicator_id null.
--   keys: period, manager_id, indicator_id.
-- formula: none of its own: scorecard_sheet (sql/macros/scorecard_sheet.sql) over the marts — the
--   card's columns, the indicator line's indicator_id, ordinal and points, the pay's columns and
--   the pool of the card's org node.
-- inputs: mart_scorecards, mart_scorecard_indicators, mart_pay, mart_pay_pool_org.
with cards as (
  select * from mart_scorecards
),

lines as (
  select * from mart_scorecard_indicators
),

pays as (
  select * from mart_pay
),

pools as (
  select * from mart_pay_pool_org
)

select * from scorecard_sheet('cards', 'lines', 'pays', 'pools')

order by period, manager_id, ordinal, indicator_id
