-- int_deposits_priced: each deposit snapshot with its FTP rate and spread income.
-- grain: one row per account × month-end snapshot. keys: as_of_date, account_id.
-- formula: balance, avg_balance in yuan: a non-CNY row's amounts (currency_balance,
--   currency_avg_balance, as delivered) × cny_per_unit, the fx_rates rate of its month-end, rounded
--   half away from zero to the fen (a CNY row: as delivered, cny_per_unit 1); null when the month has
--   no rate (the check int_priced__ftp_and_class then fails the build, naming currency and month).
--   ftp_rate_pct from the curve of the row's currency on its snapshot date (int_ftp_rates_matched).
--   deposit_spread = avg_balance × (ftp_rate_pct − rate_pct) / 100 × days_in_month / 365
--   (exact, rounded half away from zero at 10^-8 yuan: DECIMAL(18,8), in 64-bit arithmetic: macro
--   spread_e8, sql/macros/money_e8.sql); booking_org_id = the row's org_id when it is a node of the
--   tree, else the client's home org (int_client_home_orgs). ftp_rate_pct is null only when the
--   warehouse holds no FTP curve for the row's currency (a build check then fails).
-- inputs: stg_extract__deposits, stg_extract__fx_rates, int_ftp_rates_matched, int_client_home_orgs,
--   stg_extract__orgs.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with deposits as (
  select as_of_date, month_end, account_id, client_id, product_id, currency, balance, avg_balance, rate_pct, org_id
  from stg_extract__deposits
),
fx as (
  -- the month's rate (the latest delivered in the month, should a month hold two)
  select month_end, currency, arg_max(cny_per_unit, as_of_date) as cny_per_unit from stg_extract__fx_rates group by month_end, currency
),
ftp as (
  select pricing_date, currency, product_id, term_months, ftp_term_months, point_date, ftp_rate_pct from int_ftp_rates_matched
),
converted as (
  select
    d.*,
    case when d.currency = 'CNY' then 1 else x.cny_per_unit end as cny_per_unit,
    case when d.currency = 'CNY' then d.balance else cast(round(d.balance * x.cny_per_unit, 2) as decimal(18,2)) end as balance_cny,
    case when d.currency = 'CNY' then d.avg_balance else cast(round(d.avg_balance * x.cny_per_unit, 2) as decimal(18,2)) end as avg_balance_cny,
  from deposits as d
  left join fx as x on x.month_end = d.month_end and x.currency = d.currency
),
homes as (
  select client_id, home_org_id from int_client_home_orgs
),
orgs as (
  select org_id from stg_extract__orgs
)
select
  d.as_of_date,
  d.month_end,
  cast(day(d.month_end) as integer) as days_in_month,
  d.account_id,
  d.client_id,
  d.product_id,
  d.currency,
  d.balance as currency_balance,
  d.avg_balance as currency_avg_balance,
  d.cny_per_unit,
  d.balance_cny as balance,
  d.avg_balance_cny as avg_balance,
  d.rate_pct,
  f.term_months,
  f.point_date,
  f.ftp_term_months,
  f.ftp_rate_pct,
  spread_e8(d.avg_balance_cny, f.ftp_rate_pct - d.rate_pct, day(d.month_end)) as deposit_spread,
  coalesce(o.org_id, h.home_org_id) as booking_org_id,
from converted as d
left join ftp as f on f.pricing_date = d.as_of_date and f.currency = d.currency and f.product_id = d.product_id
left join homes as h on h.client_id = d.client_id
left join orgs as o on o.org_id = d.org_id
