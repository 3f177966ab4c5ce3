-- mart_periods: the periods the build produced, as the API, the exports and the dashboard list them.
-- grain: one row per period; keys: period.
-- formula: no new figure; int_periods as built: period_type (month|quarter|half|year|ytd), year,
--   start_date, end_date (the period's last month-end), days, months, base_period, base_date.
--   A period exists only when every one of its months is loaded.
-- inputs: int_periods.
select period, period_type, year, start_date, end_date, days, months, base_period, base_date
from int_periods
