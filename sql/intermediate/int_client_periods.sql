-- int_client_periods: each client's figures per period, at full precision (whoever held them).
-- grain: one row per period × client with any ledger row or sale in the period's months, or any
--   ledger row at its base date (the prior year-end); keys: period, client_id.
-- formula (DOMAIN.md conventions; `days` = days of each month, P = the period from month s to month
--   e of one year), from the client's running year-to-date figures (int_client_months, from the
--   unattributed rows: a client's figures are the same whoever holds it), each flow being
--   ytd(e) − ytd(s − 1), ytd(0) = 0:
--   averages  deposit_avg_balance, loan_avg_balance = Σ month avg × days / days(P) (12 decimals)
--   stocks    deposit_end_balance, loan_end_balance, npl_balance = value at P's end_date
--   flows     spreads, expected_loss, fee_income, turned_npl_*, visits = Σ over P's months;
--   (products sold per category: int_sales_periods, rounded in mart_client_sales_period; a client with
--   only a sale in P still has its row here, with zero figures)
--   profit_contribution = loan_spread + deposit_spread + fee_income
--   risk_adjusted_contribution = profit_contribution − expected_loss
--   Rounding happens in marts only; inside, money keeps 8 decimals or more (spreads and expected
--   loss of each row are exact to 10^-8 yuan, then summed exactly).
--   Every money column is at scale 8: mart_client_period narrows it to the 64-bit DECIMAL(18,8)
--   before rounding, 64-bit instead of 128-bit on this, the largest period table. The columns no risk
--   model reads are written as DECIMAL(18,8) (counts (18,6)) already here: exact, cheaper to
--   write; a client's figure beyond 10^10 yuan fails the build loudly, as it did in the mart.
--   deposit_avg_balance, deposit/loan_end_balance, npl_balance and profit_contribution stay
--   DECIMAL(38,8): risk models multiply them and their own types follow.
--   net_deposit_increase = deposit_end_balance − deposit balance at base_date (prior year-end);
--     null when the warehouse holds no deposit snapshot for that month-end
-- inputs: int_client_months, int_periods.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with periods as (
  -- the month-end before the period within its year: null for a period starting in January,
  -- which subtracts nothing
  select period, days, end_date,
    case when month(start_date) > 1 then cast(start_date - interval 1 day as date) end as before_end,
  from int_periods
)
select
  p.period,
  e.client_id,
  cast(average_e8(e.ytd_deposit_avg_days - coalesce(s.ytd_deposit_avg_days, 0), p.days) as decimal(38,8)) as deposit_avg_balance,
  cast(average_e8(e.ytd_loan_avg_days - coalesce(s.ytd_loan_avg_days, 0), p.days) as decimal(18,8)) as loan_avg_balance,
  cast(e.deposit_end_balance as decimal(38,8)) as deposit_end_balance,
  cast(e.loan_end_balance as decimal(38,8)) as loan_end_balance,
  cast(e.npl_balance as decimal(38,8)) as npl_balance,
  case when e.base_deposits_loaded then cast(e.deposit_end_balance - e.base_deposit_balance as decimal(18,8)) end as net_deposit_increase,
  cast(e.ytd_deposit_spread - coalesce(s.ytd_deposit_spread, 0) as decimal(18,8)) as deposit_spread,
  cast(e.ytd_loan_spread - coalesce(s.ytd_loan_spread, 0) as decimal(18,8)) as loan_spread,
  cast(e.ytd_expected_loss - coalesce(s.ytd_expected_loss, 0) as decimal(18,8)) as expected_loss,
  cast(e.ytd_fee_income - coalesce(s.ytd_fee_income, 0) as decimal(18,8)) as fee_income,
  cast(
    (e.ytd_loan_spread - coalesce(s.ytd_loan_spread, 0)) + (e.ytd_deposit_spread - coalesce(s.ytd_deposit_spread, 0))
    + (e.ytd_fee_income - coalesce(s.ytd_fee_income, 0)) as decimal(38,8)
  ) as profit_contribution,
  cast(
    (e.ytd_loan_spread - coalesce(s.ytd_loan_spread, 0)) + (e.ytd_deposit_spread - coalesce(s.ytd_deposit_spread, 0))
    + (e.ytd_fee_income - coalesce(s.ytd_fee_income, 0)) - (e.ytd_expected_loss - coalesce(s.ytd_expected_loss, 0)) as decimal(18,8)
  ) as risk_adjusted_contribution,
  cast(e.ytd_turned_npl_count - coalesce(s.ytd_turned_npl_count, 0) as decimal(18,6)) as turned_npl_count,
  cast(e.ytd_turned_npl_balance - coalesce(s.ytd_turned_npl_balance, 0) as decimal(18,8)) as turned_npl_balance,
  cast(e.ytd_visits - coalesce(s.ytd_visits, 0) as bigint) as visits,
  cast(e.ytd_development_visits - coalesce(s.ytd_development_visits, 0) as bigint) as development_visits,
from periods as p
join int_client_months as e on e.month_end = p.end_date
left join int_client_months as s on s.month_end = p.before_end and s.client_id = e.client_id
where e.ytd_active_months - coalesce(s.ytd_active_months, 0) > 0 or e.has_base_row
