-- warning negative_loan_spread: the bank as a whole earns a negative loan spread in a year. Loans
--   that cost more to fund than they earn for the whole bank mean the rates or the FTP curve
--   delivered are wrong (or the bank lends at a loss), and every profit contribution built on them
--   ranks managers the wrong way round: those without loans come out on top.
-- zh: 全行贷款利差为负
-- en: The bank's loan spread is negative
-- One row per root org node × year (and the latest year-to-date period when its year is not
-- complete) whose loan spread is below 0: the figure and the loans behind it.
-- inputs: mart_org_period, int_periods.
with periods as (
  select period, period_type, year, end_date from int_periods
),
latest as (
  select max(end_date) as end_date from periods
),
shown as (
  -- whole years, and the year-to-date period ending at the latest month when that year is not whole
  select p.period, from periods as p
  where p.period_type = 'year'
     or (p.period_type = 'ytd' and p.end_date = (select end_date from latest)
         and not exists (select 1 from periods as y where y.period_type = 'year' and y.year = p.year))
)
select
  o.period,
  o.org_id,
  o.loan_spread,
  o.loan_avg_balance,
  o.profit_contribution,
  printf('loan_spread of %s (%s) in %s: %s on an average loan balance of %s; profit contribution %s',
    o.org_name, o.org_id, o.period, format('{:,.2f}', o.loan_spread), format('{:,.2f}', o.loan_avg_balance),
    coalesce(format('{:,.2f}', o.profit_contribution), 'n/a')) as detail,
from mart_org_period as o
semi join shown as s on s.period = o.period
where o.parent_id is null
  and o.loan_spread < 0
order by o.period, o.org_id
