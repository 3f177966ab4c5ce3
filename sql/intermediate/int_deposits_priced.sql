-- int_deposits_priced: each deposit snapshot with its FTP rate and spread income.
-- grain: one row per account × month-end snapshot. keys: as_of_date, account_id.
-- formula: deposit_spread = avg_balance × (ftp_rate_pct − rate_pct) / 100 × days_in_month / 365
--   (exact, rounded half away from zero at 10^-8 yuan: DECIMAL(18,8), in 64-bit arithmetic: macro
--   spread_e8, sql/macros/money_e8.sql); booking_org_id = the row's org_id when it is a node of the
--   tree, else the client's home org (int_client_home_orgs). ftp_rate_pct is null only when the
--   warehouse holds no FTP curve at all (a build check then fails).
-- inputs: stg_extract__deposits, int_ftp_rates_matched, int_client_home_orgs, stg_extract__orgs.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with deposits as (
  select as_of_date, month_end, account_id, client_id, product_id, currency, balance, avg_balance, rate_pct, org_id
  from stg_extract__deposits
),
ftp as (
  select as_of_date, product_id, term_months, ftp_term_months, curve_date, ftp_rate_pct from int_ftp_rates_matched
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
  d.balance,
  d.avg_balance,
  d.rate_pct,
  f.term_months,
  f.curve_date,
  f.ftp_term_months,
  f.ftp_rate_pct,
  spread_e8(d.avg_balance, f.ftp_rate_pct - d.rate_pct, day(d.month_end)) as deposit_spread,
  coalesce(o.org_id, h.home_org_id) as booking_org_id,
from deposits as d
left join ftp as f on f.as_of_date = d.as_of_date and f.product_id = d.product_id
left join homes as h on h.client_id = d.client_id
left join orgs as o on o.org_id = d.org_id
