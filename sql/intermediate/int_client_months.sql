-- int_client_months: each client's running year-to-date figures at every month-end of a year, the
-- one table every client × period figure is read from (int_client_periods).
-- grain: one row per client × year × month-end, from January to the year's last loaded month, for
--   every client with any ledger row or sale in that year, or any ledger row at the prior year-end;
--   keys: month_end, client_id.
-- formula (from the client's unattributed rows: a client's figures are the same whoever holds it;
--   `days` = days of each month, figures of months not loaded count 0):
--   ytd_<flow>      = Σ over the year's months up to month_end of the month's flow: fen-days of
--                     the average balances (avg × days), spreads, expected loss, fee income,
--                     turned-NPL count and balance, visits, development visits
--   ytd_active_months = Σ of months up to month_end in which the client has a ledger row or a sale
--   deposit_end_balance, loan_end_balance, npl_balance = the month-end's own stock (0 without a row)
--   base_deposit_balance = the deposit balance at the prior year-end (0 without a row there);
--   has_base_row = the client has any ledger row at the prior year-end;
--   base_deposits_loaded = the warehouse holds a deposit snapshot at the prior year-end
--   So a period from month s to month e of one year is ytd(e) − ytd(s − 1) (ytd(0) = 0) for every
--   flow, without fanning each month out to the ~10 periods it belongs to.
-- inputs: int_deposits_priced, int_deposit_months, int_loans_priced, stg_extract__fees, int_visits_attributed,
--   int_sales_attributed, int_months.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with client_months as (
  -- the client's whole figures per month, 64-bit decimals, averages as fen-days
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
sale_months as (
  select distinct month_end, client_id from int_sales_attributed
),
years as (
  select year, max(month) as last_month from int_months group by year
),
deposit_year_ends as (
  select cast(year(month_end) + 1 as integer) as year from int_deposit_months where month(month_end) = 12
),
calendar as (
  select y.year, last_day(make_date(y.year, m.month::integer, 1)) as month_end,
  from years as y
  cross join range(1, 13) as m(month)
  where m.month <= y.last_month
),
base_rows as (
  -- the prior year-end's row of each client, charged to the year after it
  select year(month_end) + 1 as year, client_id, deposit_end_balance as base_deposit_balance,
  from client_months
  where month(month_end) = 12
),
client_years as (
  select cast(year(month_end) as integer) as year, client_id from client_months
  union
  select cast(year(month_end) as integer), client_id from sale_months
  union
  select cast(year as integer), client_id from base_rows
),
dense as (
  select
    c.month_end,
    cy.year,
    cy.client_id,
    m.deposit_avg_days, m.loan_avg_days, m.deposit_end_balance, m.loan_end_balance, m.npl_balance,
    m.deposit_spread, m.loan_spread, m.expected_loss, m.fee_income, m.turned_npl_count,
    m.turned_npl_balance, m.visits, m.development_visits,
    -- a month counts for a client when it has a ledger row or a sale then
    case when m.client_id is null and s.client_id is null then 0 else 1 end as active_month,
  from client_years as cy
  join calendar as c on c.year = cy.year
  left join client_months as m on m.month_end = c.month_end and m.client_id = cy.client_id
  left join sale_months as s on s.month_end = c.month_end and s.client_id = cy.client_id
)
select
  d.month_end,
  d.client_id,
  cast(coalesce(sum(d.deposit_avg_days) over w, 0) as decimal(38,2)) as ytd_deposit_avg_days,
  cast(coalesce(sum(d.loan_avg_days) over w, 0) as decimal(38,2)) as ytd_loan_avg_days,
  cast(coalesce(sum(d.deposit_spread) over w, 0) as decimal(18,8)) as ytd_deposit_spread,
  cast(coalesce(sum(d.loan_spread) over w, 0) as decimal(18,8)) as ytd_loan_spread,
  cast(coalesce(sum(d.expected_loss) over w, 0) as decimal(18,8)) as ytd_expected_loss,
  cast(coalesce(sum(d.fee_income) over w, 0) as decimal(18,8)) as ytd_fee_income,
  cast(coalesce(sum(d.turned_npl_count) over w, 0) as bigint) as ytd_turned_npl_count,
  cast(coalesce(sum(d.turned_npl_balance) over w, 0) as decimal(18,8)) as ytd_turned_npl_balance,
  cast(coalesce(sum(d.visits) over w, 0) as bigint) as ytd_visits,
  cast(coalesce(sum(d.development_visits) over w, 0) as bigint) as ytd_development_visits,
  cast(sum(d.active_month) over w as integer) as ytd_active_months,
  coalesce(d.deposit_end_balance, 0) as deposit_end_balance,
  coalesce(d.loan_end_balance, 0) as loan_end_balance,
  coalesce(d.npl_balance, 0) as npl_balance,
  coalesce(b.base_deposit_balance, 0) as base_deposit_balance,
  b.client_id is not null as has_base_row,
  k.year is not null as base_deposits_loaded,
from dense as d
left join base_rows as b on b.year = d.year and b.client_id = d.client_id
left join deposit_year_ends as k on k.year = d.year
window w as (partition by d.client_id, d.year order by d.month_end rows between unbounded preceding and current row)
