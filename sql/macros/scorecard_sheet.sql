-- The scorecards sheet (`jixiao export scorecards`), defined once for the build
-- (mart_scorecard_sheet, over the marts) and for the server's cards as they stand
-- (scorecard_sheet_standing_in, sql/live/scorecards_standing.sql: entered points, locked cards).
-- The table macro reads its inputs by name (query_table), so each caller passes its own tables or CTEs.
--
--   scorecard_sheet(cards, lines, pays, pools): cards has mart_scorecards' columns, lines
--     mart_scorecard_indicators', pays mart_pay's, pools mart_pay_pool_org's.
--   grain: one row per card × indicator line of the card (long form: the indicators depend on the
--     scheme, a mart's columns cannot); a card without an indicator line has one row with
--     indicator_id null. keys: period, manager_id, indicator_id.
--   columns: the card's period, org_id, manager_id, manager_name, line, scheme_id; the line's
--     indicator_id, ordinal and points; the card's indicator_points, bonus_points,
--     deduction_points, total_score, grade_by_threshold, score_grade (= grade), forced_down,
--     peer_group, peer_rank, peer_group_size, percentile; the pay's efficiency_pay,
--     management_score, earned_efficiency_pay, base_pay, actual_pay, pool_contribution, paid_pay;
--     pool_total = pool_total of mart_pay_pool_org for the card's org node and period (the pool of the
--     manager's org: the export's org_pool_total).
--   No figure is computed here: every column is its input's.
create or replace macro scorecard_sheet(cards, lines, pays, pools) as table
select
  c.period,
  c.org_id,
  c.manager_id,
  c.manager_name,
  c.line,
  c.scheme_id,
  i.indicator_id,
  i.ordinal,
  i.points,
  c.indicator_points,
  c.bonus_points,
  c.deduction_points,
  c.total_score,
  c.grade_by_threshold,
  c.grade as score_grade,
  c.forced_down,
  c.peer_group,
  c.peer_rank,
  c.peer_group_size,
  c.percentile,
  y.efficiency_pay,
  y.management_score,
  y.earned_efficiency_pay,
  y.base_pay,
  y.actual_pay,
  y.pool_contribution,
  y.paid_pay,
  pool.pool_total,
from query_table(cards) as c
left join query_table(lines) as i on i.period = c.period and i.manager_id = c.manager_id
left join query_table(pays) as y on y.period = c.period and y.manager_id = c.manager_id
left join query_table(pools) as pool on pool.period = c.period and pool.org_id = c.org_id;
