-- int_scorecard_periods: the periods scorecards are computed for.
-- grain: one row per scoring period. keys: period.
-- formula: scoring runs quarterly on year-to-date figures: the ytd periods that end at a quarter
--   end (Q1 -> 2026-03-ytd, Q2 -> 2026-06-ytd, …). quarter_period is the quarter the ytd period
--   ends with (2026-Q2) and previous_quarter_period the one before it (2026-Q1; Q1 -> last year's
--   Q4), for indicators scored against the previous period. months = months in the ytd period.
--   The annual result is the year-end (Q4) score, which covers the quarters before it.
-- inputs: int_periods.
with periods as (
  select period, period_type, year, start_date, end_date, months,
  from int_periods
),

ytd_at_quarter_end as (
  select
    period,
    year,
    cast(month(end_date) / 3 as integer) as quarter,
    start_date,
    end_date,
    months,
  from periods
  where period_type = 'ytd'
    and month(end_date) in (3, 6, 9, 12)
)

select
  period,
  year,
  quarter,
  start_date,
  end_date,
  months,
  cast(year as varchar) || '-Q' || cast(quarter as varchar) as quarter_period,
  case when quarter = 1 then cast(year - 1 as varchar) || '-Q4'
       else cast(year as varchar) || '-Q' || cast(quarter - 1 as varchar) end as previous_quarter_period,
  quarter = 4 as is_year_end,
from ytd_at_quarter_end
