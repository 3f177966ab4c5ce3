-- warning loan_rates_at_or_below_ftp: loans booked at a rate of 0 % or below the FTP point of their
--   term. A loan priced under its funding cost loses money on every yuan lent, so each one drives
--   its manager's loan spread and profit contribution negative; when every rate is 0 the ledger
--   most likely carries no interest information at all (an extract without the rate column filled),
--   and every contribution figure built on it is wrong.
-- zh: 贷款利率为 0 或低于对应期限的 FTP 价格
-- en: Loan rates at 0 % or below the FTP point for their term
-- One row per product × problem (rate 0 or below, else below FTP): how many loan snapshots, of how
-- many of the product, over which months, the FTP points they were priced against, an example loan.
-- inputs: int_loans_priced.
with flagged as (
  select
    product_id,
    currency,
    case when rate_pct <= 0 then 'zero' else 'below_ftp' end as problem,
    count(*) as snapshots,
    count(distinct loan_id) as loans,
    min(month_end) as first_month,
    max(month_end) as last_month,
    min(ftp_rate_pct) as min_ftp,
    max(ftp_rate_pct) as max_ftp,
    min(rate_pct) as min_rate,
    arg_min(loan_id, month_end) as example_loan,
    min(month_end) as example_date,
  from int_loans_priced
  where rate_pct <= 0 or rate_pct < ftp_rate_pct
  group by product_id, currency, case when rate_pct <= 0 then 'zero' else 'below_ftp' end
),
all_rows as (
  select product_id, currency, count(*) as product_snapshots, from int_loans_priced group by product_id, currency
)
select
  f.product_id,
  f.currency,
  f.problem,
  f.snapshots,
  a.product_snapshots,
  f.loans,
  f.first_month,
  f.last_month,
  f.min_ftp,
  f.max_ftp,
  f.example_loan,
  printf('loan_spread of %s (%s): %s of %s loan snapshots (%s loans, %s … %s) at %s, FTP point %s %%; e.g. loan %s at %s',
    f.product_id, f.currency, format('{:,}', f.snapshots), format('{:,}', a.product_snapshots), format('{:,}', f.loans),
    strftime(f.first_month, '%Y-%m'), strftime(f.last_month, '%Y-%m'),
    case when f.problem = 'zero' then 'a rate of 0 % or below' else printf('rates from %s %% below the FTP point', f.min_rate) end,
    case when f.min_ftp = f.max_ftp then cast(round(f.min_ftp, 2) as varchar) else printf('%s–%s', round(f.min_ftp, 2), round(f.max_ftp, 2)) end,
    f.example_loan, f.example_date) as detail,
from flagged as f
join all_rows as a on a.product_id = f.product_id and a.currency = f.currency
order by f.problem desc, f.product_id, f.currency
