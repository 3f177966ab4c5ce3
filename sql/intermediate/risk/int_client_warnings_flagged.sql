-- int_client_warnings_flagged: clients whose business raises an early warning in a month.
-- grain: one row per warning × client × month-end; keys: warning, month_end, client_id.
-- formula: a client's month figures are int_client_periods at the month period (deposit_end_balance,
--   loan_end_balance, fee_income, sales units; whoever held the client). Compared month: m; previous
--   month: the calendar month before it, both loaded with deposit snapshots (otherwise a ledger that
--   is simply missing would look like a run on the bank).
--   'deposit_outflow' — deposits fell more than 30% month on month:
--     previous > 0 and (previous − now) / previous > 0.30. Figures: both balances, change_ratio =
--     (now − previous) / previous (negative).
--   'client_gone'     — the client had a deposit or loan balance at m−1 and at m has none, and no
--     fee or product sale in m. Figures: previous_balance = deposits + loans at m−1, balance 0.
--   A gone client also fell by 100%, but is reported once, as gone.
-- inputs: int_client_periods, int_sales_periods, int_periods, int_deposit_months.
with months as (
  select period, end_date as month_end from int_periods where period_type = 'month'
),
deposit_months as (
  select month_end from int_deposit_months
),
month_sales as (
  -- units sold to the client in the month, every category together
  select s.period, s.client_id, sum(s.units) as units,
  from int_sales_periods as s
  join months as m on m.period = s.period
  group by s.period, s.client_id
),
client_months as (
  select
    m.month_end,
    c.client_id,
    c.deposit_end_balance,
    c.loan_end_balance,
    (c.fee_income <> 0 or coalesce(s.units, 0) <> 0) as has_activity,
  from int_client_periods as c
  join months as m on m.period = c.period
  left join month_sales as s on s.period = c.period and s.client_id = c.client_id
),
compared as (
  select
    cur.month_end,
    prev.client_id,
    prev.deposit_end_balance as previous_deposits,
    prev.deposit_end_balance + prev.loan_end_balance as previous_total,
    coalesce(now.deposit_end_balance, 0) as deposits,
    coalesce(now.loan_end_balance, 0) as loans,
    coalesce(now.has_activity, false) as has_activity,
  from deposit_months as cur
  join deposit_months as before on before.month_end = last_day(cur.month_end - interval 1 month)
  join client_months as prev on prev.month_end = before.month_end
  left join client_months as now on now.month_end = cur.month_end and now.client_id = prev.client_id
),
gone as (
  select 'client_gone' as warning, month_end, client_id,
    cast(0 as decimal(38,12)) as balance, previous_total as previous_balance,
    cast(-1 as decimal(18,6)) as change_ratio,
  from compared
  where previous_total > 0 and deposits = 0 and loans = 0 and not has_activity
),
outflow as (
  select 'deposit_outflow' as warning, c.month_end, c.client_id,
    c.deposits as balance, c.previous_deposits as previous_balance,
    div_ratio(c.deposits - c.previous_deposits, c.previous_deposits) as change_ratio,
  from compared as c
  anti join gone as g on g.month_end = c.month_end and g.client_id = c.client_id
  where c.previous_deposits > 0 and (c.previous_deposits - c.deposits) > c.previous_deposits * 0.3
)
select * from gone
union all
select * from outflow
