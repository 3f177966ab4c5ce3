-- int_months: the months the warehouse holds.
-- grain: one row per calendar month that has at least one ledger row (a deposit or loan snapshot,
--   a fee, a sale or a visit). keys: month_end.
-- formula: days_in_month = day(month_end); month_start = first day of the month.
-- inputs: stg_extract__deposits, stg_extract__loans, stg_extract__fees, stg_extract__sales,
--   stg_extract__visits.
with ledger_months as (
  select month_end from stg_extract__deposits
  union
  select month_end from stg_extract__loans
  union
  select month_end from stg_extract__fees
  union
  select month_end from stg_extract__sales
  union
  select month_end from stg_extract__visits
)
select
  month_end,
  cast(date_trunc('month', month_end) as date) as month_start,
  cast(day(month_end) as integer) as days_in_month,
  cast(year(month_end) as integer) as year,
  cast(month(month_end) as integer) as month,
from ledger_months
