-- int_holder_months: every attributed figure but sales, per month, client and holder — the table the
-- period models aggregate.
-- grain: one row per month-end × client × holder; keys: month_end, client_id, manager_id, holder_org_id
--   (manager_id null = unassigned bucket of holder_org_id; client_id null = visits to prospects).
-- formula: sums of the attributed rows of that month (all already × share, exact products):
--   deposit_avg_balance, deposit_end_balance, deposit_spread   from int_deposits_attributed
--   loan_avg_balance, loan_end_balance, loan_spread, expected_loss, npl_balance,
--   turned_npl_count, turned_npl_balance                        from int_loans_attributed
--   fee_income                                                   from int_fees_attributed
--   visits, development_visits                                   from int_visits_attributed
--   Month averages are the month's own average balance; periods weight them by days. Sales stay in
--   long form (int_sales_attributed): eleven categories × two measures would triple this table.
-- inputs: int_deposits_attributed, int_loans_attributed, int_fees_attributed, int_visits_attributed.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with deposits as (
  select month_end, client_id, manager_id, holder_org_id, deposit_avg_balance, deposit_end_balance, deposit_spread,
  from int_deposits_attributed
),
loans as (
  select month_end, client_id, manager_id, holder_org_id, loan_avg_balance, loan_end_balance, loan_spread,
    expected_loss, npl_balance, turned_npl_count, turned_npl_balance,
  from int_loans_attributed
),
fees as (
  select month_end, client_id, manager_id, holder_org_id, fee_income from int_fees_attributed
),
visits as (
  select month_end, client_id, manager_id, holder_org_id, visits, development_visits from int_visits_attributed
),
facts as (
  select * from deposits
  union all by name
  select * from loans
  union all by name
  select * from fees
  union all by name
  select * from visits
)
select
  month_end,
  client_id,
  manager_id,
  holder_org_id,
  cast(coalesce(sum(deposit_avg_balance), 0) as decimal(38,8)) as deposit_avg_balance,
  cast(coalesce(sum(loan_avg_balance), 0) as decimal(38,8)) as loan_avg_balance,
  cast(coalesce(sum(deposit_end_balance), 0) as decimal(38,8)) as deposit_end_balance,
  cast(coalesce(sum(loan_end_balance), 0) as decimal(38,8)) as loan_end_balance,
  cast(coalesce(sum(npl_balance), 0) as decimal(38,8)) as npl_balance,
  cast(coalesce(sum(deposit_spread), 0) as decimal(38,14)) as deposit_spread,
  cast(coalesce(sum(loan_spread), 0) as decimal(38,14)) as loan_spread,
  cast(coalesce(sum(expected_loss), 0) as decimal(38,14)) as expected_loss,
  cast(coalesce(sum(fee_income), 0) as decimal(38,8)) as fee_income,
  cast(coalesce(sum(turned_npl_count), 0) as decimal(38,6)) as turned_npl_count,
  cast(coalesce(sum(turned_npl_balance), 0) as decimal(38,8)) as turned_npl_balance,
  cast(coalesce(sum(visits), 0) as bigint) as visits,
  cast(coalesce(sum(development_visits), 0) as bigint) as development_visits,
from facts
group by month_end, client_id, manager_id, holder_org_id
