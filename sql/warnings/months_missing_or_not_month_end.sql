-- warning months_missing_or_not_month_end: a snapshot ledger (deposits, loans) without rows for a
--   month between its first and last delivered month, a month without any ledger row between the
--   first and last month held, or snapshot rows dated other than the month's last day. A missing
--   month makes every balance of that month 0 and every average and growth around it wrong; a
--   snapshot not at month-end is a different point in time than the rest.
-- zh: 月份缺失或快照日期不在月末
-- en: Months missing, or snapshot dates not at month-end
-- One row per ledger × month (missing) or ledger × date (not a month-end), with the rows behind it.
-- inputs: int_ledger_months, int_months, stg_extract__deposits, stg_extract__loans.
with held as (
  select min(month_end) as first_month, max(month_end) as last_month from int_months
),
calendar as (
  select cast(last_day(m) as date) as month_end
  from held, range(held.first_month, held.last_month + interval 1 day, interval 1 month) as r(m)
),
gaps as (
  select 'all ledgers' as ledger, c.month_end, 'no ledger holds a row for this month' as problem, cast(0 as bigint) as ledger_rows,
  from calendar as c
  anti join int_months as m on m.month_end = c.month_end
),
missing as (
  select ledger, month_end, 'no snapshot rows between its first and last delivered month' as problem, ledger_rows,
  from int_ledger_months
  where status = 'missing_month'
),
not_month_end as (
  select 'deposits' as ledger, as_of_date as month_end, 'snapshot dated other than a month-end' as problem, count(*) as ledger_rows,
  from stg_extract__deposits where as_of_date <> month_end group by as_of_date
  union all
  select 'loans', as_of_date, 'snapshot dated other than a month-end', count(*),
  from stg_extract__loans where as_of_date <> month_end group by as_of_date
),
flagged as (
  select * from gaps
  union all
  select * from missing
  union all
  select * from not_month_end
)
select
  ledger,
  month_end,
  problem,
  ledger_rows,
  printf('%s, %s: %s%s', ledger, case when problem like 'snapshot dated%' then strftime(month_end, '%Y-%m-%d') else strftime(month_end, '%Y-%m') end, problem,
    case when ledger_rows > 0 then printf(' (%s rows)', format('{:,}', ledger_rows)) else '' end) as detail,
from flagged
order by month_end, ledger
