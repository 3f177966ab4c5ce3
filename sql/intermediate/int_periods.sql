-- int_periods: the reporting periods covered by the loaded months.
-- grain: one row per period. keys: period.
-- formula: start_date = first day of the first month; end_date = the last month-end (stocks are
--   read there); days = Σ days of its months (the divisor of day-weighted averages);
--   base_period = the same period a year earlier (its key, whether loaded or not);
--   base_date = the prior year-end (net deposit increase is measured from there).
-- inputs: int_period_months.
with members as (
  select period, period_type, year, month_end, days_in_month from int_period_months
)
select
  period,
  any_value(period_type) as period_type,
  any_value(year) as year,
  cast(date_trunc('month', min(month_end)) as date) as start_date,
  max(month_end) as end_date,
  cast(sum(days_in_month) as integer) as days,
  cast(count(*) as integer) as months,
  cast(any_value(year) - 1 as varchar) || substr(period, 5) as base_period,
  make_date(any_value(year) - 1, 12, 31) as base_date,
from members
group by period
