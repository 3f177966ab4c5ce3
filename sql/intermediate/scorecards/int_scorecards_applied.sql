-- int_scorecards_applied: which scorecard applies to a manager for a period, defined once for the
--   marts that show it beside a period's figures (mart_manager_page, mart_manager_league).
-- grain: one row per period × manager who has a scorecard that applies to it; keys: period, manager_id.
-- formula: scored_period = the latest period of the same year ending on or before the period's end
--   at which the manager has a card (mart_scorecards); the macro scorecard_applied
--   (sql/macros/scorecards.sql), as for institution cards. Scoring runs quarterly on year-to-date
--   figures (int_scorecard_periods), so a month, a quarter or a half shows the latest card of its
--   year up to its end; at the same end date the types go month, ytd, quarter, half, year (the
--   order of the API's period list). No row while the manager has no card of that year yet.
-- inputs: int_periods, mart_scorecards.
with periods as (
  select period, period_type, year, end_date from int_periods
),
cards as (
  select period, manager_id as subject_id from mart_scorecards
)
select
  period,
  subject_id as manager_id,
  scored_period,
from scorecard_applied('periods', 'cards')
