-- int_loans_priced: each loan snapshot with its FTP rate, spread, expected loss and NPL status.
-- grain: one row per loan × month-end snapshot. keys: as_of_date, loan_id.
-- formula:
--   balance, avg_balance, principal in yuan: a non-CNY row's amounts (currency_balance,
--                   currency_avg_balance, currency_principal, as delivered) × cny_per_unit of its
--                   month-end, to the fen, as in int_deposits_priced (null without a rate: the check
--                   int_priced__ftp_and_class fails the build)
--   ftp_rate_pct  = the curve of the loan's currency at its pricing date (int_ftp_rates_matched:
--                   the snapshot date, or the origination_date under loan_method 'origination')
--   loan_spread   = avg_balance × (rate_pct − ftp_rate_pct) / 100 × days_in_month / 365 (DECIMAL(18,8), at 10^-8 yuan)
--   expected_loss = avg_balance × pd × lgd × days_in_month / 365, pd and lgd annual, per five-category
--                   class from cfg_expected_loss (config/expected_loss.json); a flow, like the spread;
--                   DECIMAL(18,8), rounded once at 10^-8 yuan (expected_loss_e8, sql/macros/money_e8.sql)
--   is_npl        = five_class in (substandard, doubtful, loss)
--   previous_five_class = the class at this loan's previous snapshot in the warehouse (null for its first)
--   turned_npl    = performing at the previous snapshot and non-performing at this one (a loan's
--                   first snapshot never counts: there is nothing to compare with)
--   booking_org_id as in int_deposits_priced.
-- inputs: stg_extract__loans, stg_extract__fx_rates, int_ftp_rates_matched, cfg_ftp, int_client_home_orgs,
--   stg_extract__orgs, cfg_expected_loss.
with loans as (
  select
    as_of_date, month_end, loan_id, client_id, product_id, currency, origination_date, maturity_date,
    principal, balance, avg_balance, rate_pct, five_class, overdue_days, originating_manager_id, org_id,
    lag(five_class) over (partition by loan_id order by as_of_date) as previous_five_class,
    lag(as_of_date) over (partition by loan_id order by as_of_date) as previous_as_of_date,
  from stg_extract__loans
),
method as (
  select loan_method from cfg_ftp
),
fx as (
  select month_end, currency, arg_max(cny_per_unit, as_of_date) as cny_per_unit from stg_extract__fx_rates group by month_end, currency
),
ftp as (
  select pricing_date, currency, product_id, term_months, ftp_term_months, point_date, ftp_rate_pct from int_ftp_rates_matched
),
expected_loss as (
  select five_class, pd, lgd from cfg_expected_loss
),
homes as (
  select client_id, home_org_id from int_client_home_orgs
),
orgs as (
  select org_id from stg_extract__orgs
),
classified as (
  select
    l.*,
    -- the date int_ftp_rates_matched priced the loan at (same rule)
    case when m.loan_method = 'origination' and l.origination_date is not null then l.origination_date else l.as_of_date end as pricing_date,
    case when l.currency = 'CNY' then 1 else x.cny_per_unit end as cny_per_unit,
    case when l.currency = 'CNY' then l.balance else cast(round(l.balance * x.cny_per_unit, 2) as decimal(18,2)) end as balance_cny,
    case when l.currency = 'CNY' then l.avg_balance else cast(round(l.avg_balance * x.cny_per_unit, 2) as decimal(18,2)) end as avg_balance_cny,
    case when l.currency = 'CNY' then l.principal else cast(round(l.principal * x.cny_per_unit, 2) as decimal(18,2)) end as principal_cny,
    l.five_class in ('substandard', 'doubtful', 'loss') as is_npl,
    coalesce(l.previous_five_class in ('substandard', 'doubtful', 'loss'), false) as was_npl,
  from loans as l
  cross join method as m
  left join fx as x on x.month_end = l.month_end and x.currency = l.currency
)
select
  l.as_of_date,
  l.month_end,
  cast(day(l.month_end) as integer) as days_in_month,
  l.loan_id,
  l.client_id,
  l.product_id,
  l.currency,
  l.origination_date,
  l.maturity_date,
  l.principal as currency_principal,
  l.balance as currency_balance,
  l.avg_balance as currency_avg_balance,
  l.cny_per_unit,
  l.principal_cny as principal,
  l.balance_cny as balance,
  l.avg_balance_cny as avg_balance,
  l.rate_pct,
  l.five_class,
  l.overdue_days,
  l.originating_manager_id,
  f.term_months,
  l.pricing_date,
  f.point_date,
  f.ftp_term_months,
  f.ftp_rate_pct,
  spread_e8(l.avg_balance_cny, l.rate_pct - f.ftp_rate_pct, day(l.month_end)) as loan_spread,
  e.pd,
  e.lgd,
  expected_loss_e8(l.avg_balance_cny, e.pd, e.lgd, day(l.month_end)) as expected_loss,
  l.is_npl,
  l.previous_as_of_date,
  l.previous_five_class,
  (l.previous_five_class is not null and not l.was_npl and l.is_npl) as turned_npl,
  coalesce(o.org_id, h.home_org_id) as booking_org_id,
from classified as l
left join ftp as f on f.pricing_date = l.pricing_date and f.currency = l.currency and f.product_id = l.product_id
left join expected_loss as e on e.five_class = l.five_class
left join homes as h on h.client_id = l.client_id
left join orgs as o on o.org_id = l.org_id
