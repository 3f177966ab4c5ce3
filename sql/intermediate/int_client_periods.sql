-- int_client_periods: each client's figures per period, at full precision (whoever held them).
-- grain: one row per period × client with any ledger row in the period's months or a deposit balance
--   at its base date; keys: period, client_id.
-- formula (DOMAIN.md conventions; `days` = days of each month, P = the period), from the client's
--   unattributed rows (a client's figures are the same whoever holds it):
--   averages  deposit_avg_balance, loan_avg_balance = Σ month avg × days / days(P) (12 decimals)
--   stocks    deposit_end_balance, loan_end_balance, npl_balance = value at P's end_date
--   flows     spreads, expected_loss, fee_income, turned_npl_*, visits = Σ over P's months;
--   (products sold per category: int_sales_periods, pivoted in mart_client_period; a client with
--   only a sale in P still has its row here, with zero figures)
--   profit_contribution = loan_spread + deposit_spread + fee_income
--   risk_adjusted_contribution = profit_contribution − expected_loss
--   Rounding happens in marts only; inside, money keeps 8 decimals or more (spreads and expected
--   loss of each row are exact to 10^-8 yuan, then summed exactly).
--   Every money column is at scale 8: mart_client_period narrows it to the 64-bit DECIMAL(18,8)
--   before rounding, which is ~30× cheaper on this, the largest period table. The columns no risk
--   model reads are written as DECIMAL(18,8) (counts (18,6)) already here: exact, ~20 % less CPU to
--   write; a client's figure beyond 10^10 yuan fails the build loudly, as it did in the mart.
--   deposit_avg_balance, deposit/loan_end_balance, npl_balance and profit_contribution stay
--   DECIMAL(38,8): risk models multiply them and their own types follow.
--   net_deposit_increase = deposit_end_balance − deposit balance at base_date (prior year-end);
--     null when the warehouse holds no deposit snapshot for that month-end
-- inputs: int_deposits_priced, int_loans_priced, stg_extract__fees, int_visits_attributed, int_sales_periods,
--   int_period_months, int_periods.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with periods as (
  select period, end_date, days, base_date from int_periods
),
period_months as (
  select period, period_type, month_end, days_in_month from int_period_months
),
client_months as (
  -- the client's whole figures per month, from the unattributed rows (no share): 64-bit decimals,
  -- the day-weighted averages as balance × days of the month (fen-days)
  select
    month_end,
    client_id,
    cast(coalesce(sum(deposit_avg_balance), 0) * day(month_end) as decimal(18,2)) as deposit_avg_days,
    cast(coalesce(sum(loan_avg_balance), 0) * day(month_end) as decimal(18,2)) as loan_avg_days,
    cast(coalesce(sum(deposit_end_balance), 0) as decimal(18,2)) as deposit_end_balance,
    cast(coalesce(sum(loan_end_balance), 0) as decimal(18,2)) as loan_end_balance,
    cast(coalesce(sum(npl_balance), 0) as decimal(18,2)) as npl_balance,
    cast(coalesce(sum(deposit_spread), 0) as decimal(18,8)) as deposit_spread,
    cast(coalesce(sum(loan_spread), 0) as decimal(18,8)) as loan_spread,
    cast(coalesce(sum(expected_loss), 0) as decimal(18,8)) as expected_loss,
    cast(coalesce(sum(fee_income), 0) as decimal(18,2)) as fee_income,
    cast(coalesce(sum(turned_npl_count), 0) as bigint) as turned_npl_count,
    cast(coalesce(sum(turned_npl_balance), 0) as decimal(18,2)) as turned_npl_balance,
    cast(coalesce(sum(visits), 0) as bigint) as visits,
    cast(coalesce(sum(development_visits), 0) as bigint) as development_visits,
  from (
    select month_end, client_id, avg_balance as deposit_avg_balance, balance as deposit_end_balance,
      deposit_spread,
    from int_deposits_priced
    union all by name
    select month_end, client_id, avg_balance as loan_avg_balance, balance as loan_end_balance, loan_spread,
      expected_loss,
      case when is_npl then balance else 0 end as npl_balance,
      case when turned_npl then 1 else 0 end as turned_npl_count,
      case when turned_npl then balance else 0 end as turned_npl_balance,
    from int_loans_priced
    union all by name
    select month_end, client_id, amount as fee_income from stg_extract__fees
    union all by name
    select month_end, client_id, visits, development_visits from int_visits_attributed where client_id is not null
  )
  group by month_end, client_id
),
deposit_months as (
  select distinct month_end from int_deposits_priced
),
aggregated as (
  -- flows and day-weighted balances over the period's months; stocks are read at the end month below.
  -- A month period is its one month: no aggregation (a month's rows are ~40 % of the groups, so the
  -- hash aggregate of the longer periods stays that much smaller)
  select
    pm.period,
    m.client_id,
    cast(m.deposit_avg_days as decimal(38,2)) as deposit_avg_days,
    cast(m.loan_avg_days as decimal(38,2)) as loan_avg_days,
    m.deposit_spread,
    m.loan_spread,
    m.expected_loss,
    cast(m.fee_income as decimal(18,8)) as fee_income,
    cast(m.turned_npl_count as decimal(18,6)) as turned_npl_count,
    cast(m.turned_npl_balance as decimal(18,8)) as turned_npl_balance,
    m.visits,
    m.development_visits,
  from client_months as m
  join period_months as pm on pm.month_end = m.month_end and pm.period_type = 'month'
  union all
  select
    pm.period,
    m.client_id,
    sum(m.deposit_avg_days) as deposit_avg_days,
    sum(m.loan_avg_days) as loan_avg_days,
    cast(sum(m.deposit_spread) as decimal(18,8)) as deposit_spread,
    cast(sum(m.loan_spread) as decimal(18,8)) as loan_spread,
    cast(sum(m.expected_loss) as decimal(18,8)) as expected_loss,
    cast(sum(m.fee_income) as decimal(18,8)) as fee_income,
    cast(sum(m.turned_npl_count) as decimal(18,6)) as turned_npl_count,
    cast(sum(m.turned_npl_balance) as decimal(18,8)) as turned_npl_balance,
    cast(sum(m.visits) as bigint) as visits,
    cast(sum(m.development_visits) as bigint) as development_visits,
  from client_months as m
  join period_months as pm on pm.month_end = m.month_end and pm.period_type <> 'month'
  group by pm.period, m.client_id
),
sales as (
  select distinct period, client_id from int_sales_periods
),
base_date_balances as (
  select p.period, m.client_id, m.deposit_end_balance,
  from periods as p
  join client_months as m on m.month_end = p.base_date
),
keyed as (
  select period, client_id from aggregated
  union
  select period, client_id from sales
  union
  select period, client_id from base_date_balances
)
select
  k.period,
  k.client_id,
  cast(coalesce(average_e8(a.deposit_avg_days, p.days), 0) as decimal(38,8)) as deposit_avg_balance,
  cast(coalesce(average_e8(a.loan_avg_days, p.days), 0) as decimal(18,8)) as loan_avg_balance,
  cast(coalesce(e.deposit_end_balance, 0) as decimal(38,8)) as deposit_end_balance,
  cast(coalesce(e.loan_end_balance, 0) as decimal(38,8)) as loan_end_balance,
  cast(coalesce(e.npl_balance, 0) as decimal(38,8)) as npl_balance,
  case when dm.month_end is null then null else cast(coalesce(e.deposit_end_balance, 0) - coalesce(b.deposit_end_balance, 0) as decimal(18,8)) end as net_deposit_increase,
  cast(coalesce(a.deposit_spread, 0) as decimal(18,8)) as deposit_spread,
  cast(coalesce(a.loan_spread, 0) as decimal(18,8)) as loan_spread,
  cast(coalesce(a.expected_loss, 0) as decimal(18,8)) as expected_loss,
  cast(coalesce(a.fee_income, 0) as decimal(18,8)) as fee_income,
  cast(coalesce(a.loan_spread, 0) + coalesce(a.deposit_spread, 0) + coalesce(a.fee_income, 0) as decimal(38,8)) as profit_contribution,
  cast(coalesce(a.loan_spread, 0) + coalesce(a.deposit_spread, 0) + coalesce(a.fee_income, 0) - coalesce(a.expected_loss, 0) as decimal(18,8)) as risk_adjusted_contribution,
  cast(coalesce(a.turned_npl_count, 0) as decimal(18,6)) as turned_npl_count,
  cast(coalesce(a.turned_npl_balance, 0) as decimal(18,8)) as turned_npl_balance,
  cast(coalesce(a.visits, 0) as bigint) as visits,
  cast(coalesce(a.development_visits, 0) as bigint) as development_visits,
from keyed as k
join periods as p on p.period = k.period
left join aggregated as a on a.period = k.period and a.client_id = k.client_id
left join client_months as e on e.month_end = p.end_date and e.client_id = k.client_id
left join base_date_balances as b on b.period = k.period and b.client_id = k.client_id
left join deposit_months as dm on dm.month_end = p.base_date
