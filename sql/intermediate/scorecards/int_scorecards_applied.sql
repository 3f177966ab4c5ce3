-- int_scorecards_applied: which scorecard applies to a manager for a period, defined once for the
--   marts that show it beside a period's figures (mart_manager_page, mart_manager_league).
-- grain: one row per period × manager who has a scorecard that applies to it; keys: period, manager_id.
-- formula: scored_period = the latest period of the same year ending on or before the period's end
--   at which the manager has a card (mart_scorecards). Scoring runs quarterly on year-to-date
--   figures (int_scorecard_periods), so a month, a quarter or a half shows the latest card of its
--   year up to its end; at the same end date the types go month, ytd, quarter, half, year (the
--   order of the API's period list). No row while the manager has no card of that year yet.
-- inputs: int_periods, mart_scorecards.
with periods as (
  select period, period_type, year, end_date from int_periods
),
cards as (
  select period, manager_id from mart_scorecards
),
latest_card as (
  select p.period, s.manager_id, c.period as scored_period,
  from periods as p
  join periods as c on c.year = p.year and c.end_date <= p.end_date
  join cards as s on s.period = c.period
  qualify row_number() over (
    partition by p.period, s.manager_id
    order by c.end_date desc,
      case c.period_type when 'month' then 0 when 'ytd' then 1 when 'quarter' then 2 when 'half' then 3 else 4 end
  ) = 1
)
select
  period,
  manager_id,
  scored_period,
from latest_card
