-- int_period_months: which months make up each period.
-- grain: one row per period × month. keys: period, month_end.
-- formula: every month of a year that holds data is a candidate member of its month, quarter, half,
--   year and of the year-to-date periods ending at or after it; a period is kept only when every
--   one of its months is loaded (int_months), so figures never cover half a quarter.
--   Period keys: '2026-03', '2026-Q1', '2026-H1', '2026', '2026-05-ytd'.
-- inputs: int_months.
with loaded as (
  select month_end from int_months
),
years as (
  select distinct year from int_months
),
calendar as (
  select
    y.year,
    cast(m.month as integer) as month,
    last_day(make_date(y.year, cast(m.month as integer), 1)) as month_end,
  from years as y
  cross join range(1, 13) as m(month)
),
candidates as (
  select year, printf('%d-%02d', year, month) as period, 'month' as period_type, month_end from calendar
  union all
  select year, printf('%d-Q%d', year, (month + 2) // 3), 'quarter', month_end from calendar
  union all
  select year, printf('%d-H%d', year, (month + 5) // 6), 'half', month_end from calendar
  union all
  select year, cast(year as varchar), 'year', month_end from calendar
  union all
  select c.year, printf('%d-%02d-ytd', e.year, e.month), 'ytd', c.month_end
  from calendar as c
  join calendar as e on e.year = c.year and c.month <= e.month
),
complete as (
  select c.period
  from candidates as c
  left join loaded as l on l.month_end = c.month_end
  group by c.period
  having count(*) = count(l.month_end)
)
select
  c.period,
  c.period_type,
  c.year,
  c.month_end,
  cast(day(c.month_end) as integer) as days_in_month,
from candidates as c
semi join complete as k on k.period = c.period
