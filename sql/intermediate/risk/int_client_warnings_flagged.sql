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
--   Only the figures a rule can use are read: the previous month's rows with a balance > 0 (each
--   joined to m by its month_end key), and the units sold only for the few clients otherwise gone
--   (the sales of every client and month were aggregated and joined here before, for the same rows).
-- inputs: int_client_periods, int_sales_periods, int_periods, int_deposit_months.
with months as (
  select period, end_date as month_end from int_periods where period_type = 'month'
),
deposit_months as (
  select month_end from int_deposit_months
),
pairs as (
  -- each compared month-end m (its month period, if any) and the month period before it
  select cur.month_end, m.period, b.period as before_period,
  from deposit_months as cur
  join deposit_months as before on before.month_end = last_day(cur.month_end - interval 1 month)
  join months as b on b.month_end = before.month_end
  left join months as m on m.month_end = cur.month_end
),
prev as (
  -- m−1 without a balance > 0 raises neither warning
  select p.month_end, c.client_id, c.deposit_end_balance, c.loan_end_balance,
  from int_client_periods as c
  join pairs as p on p.before_period = c.period
  where c.deposit_end_balance > 0 or c.deposit_end_balance + c.loan_end_balance > 0
),
now as (
  select p.month_end, c.client_id, c.deposit_end_balance, c.loan_end_balance, c.fee_income,
  from int_client_periods as c
  join pairs as p on p.period = c.period
),
compared as (
  select
    prev.month_end,
    prev.client_id,
    prev.deposit_end_balance as previous_deposits,
    prev.deposit_end_balance + prev.loan_end_balance as previous_total,
    coalesce(now.deposit_end_balance, 0) as deposits,
    coalesce(now.loan_end_balance, 0) as loans,
    coalesce(now.fee_income <> 0, false) as has_fee,
  from prev
  left join now on now.month_end = prev.month_end and now.client_id = prev.client_id
),
quiet as (
  -- gone unless a product was sold to the client in m
  select c.month_end, m.period, c.client_id, c.previous_total,
  from compared as c
  left join months as m on m.month_end = c.month_end
  where c.previous_total > 0 and c.deposits = 0 and c.loans = 0 and not c.has_fee
),
sold as (
  -- units sold to the client in the month, every category together
  select q.month_end, q.client_id,
  from int_sales_periods as s
  join quiet as q on q.period = s.period and q.client_id = s.client_id
  group by q.month_end, q.client_id
  having sum(s.units) <> 0
),
gone as (
  select 'client_gone' as warning, q.month_end, q.client_id,
    cast(0 as decimal(38,12)) as balance, q.previous_total as previous_balance,
    cast(-1 as decimal(18,6)) as change_ratio,
  from quiet as q
  anti join sold as s on s.month_end = q.month_end and s.client_id = q.client_id
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
