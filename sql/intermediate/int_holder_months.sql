-- int_holder_months: every attributed figure, per month, client and holder — the one table the
-- period marts aggregate.
-- grain: one row per month-end × client × holder; keys: month_end, client_id, manager_id, holder_org_id
--   (manager_id null = unassigned bucket of holder_org_id; client_id null = visits to prospects).
-- formula: sums of the attributed rows of that month (all already × share, full precision):
--   deposit_avg_balance, deposit_end_balance, deposit_spread   from int_deposits_attributed
--   loan_avg_balance, loan_end_balance, loan_spread, expected_loss, npl_balance,
--   turned_npl_count, turned_npl_balance                        from int_loans_attributed
--   fee_income                                                   from int_fees_attributed
--   sales_<category>_units, sales_<category>_amount             from int_sales_attributed, for
--     every category of the extract contract
--   visits, development_visits                                   from int_visits_attributed
--   Month averages are the month's own avg balance; periods weight them by days (int_holder_periods).
-- inputs: int_deposits_attributed, int_loans_attributed, int_fees_attributed, int_sales_attributed,
--   int_visits_attributed.
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
sales as (
  select month_end, client_id, manager_id, holder_org_id, category, units, amount from int_sales_attributed
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
  select * from sales
  union all by name
  select * from visits
)
select
  month_end,
  client_id,
  manager_id,
  holder_org_id,
  cast(coalesce(sum(deposit_avg_balance), 0) as decimal(38,12)) as deposit_avg_balance,
  cast(coalesce(sum(deposit_end_balance), 0) as decimal(38,12)) as deposit_end_balance,
  cast(coalesce(sum(deposit_spread), 0) as decimal(38,12)) as deposit_spread,
  cast(coalesce(sum(loan_avg_balance), 0) as decimal(38,12)) as loan_avg_balance,
  cast(coalesce(sum(loan_end_balance), 0) as decimal(38,12)) as loan_end_balance,
  cast(coalesce(sum(loan_spread), 0) as decimal(38,12)) as loan_spread,
  cast(coalesce(sum(expected_loss), 0) as decimal(38,12)) as expected_loss,
  cast(coalesce(sum(npl_balance), 0) as decimal(38,12)) as npl_balance,
  cast(coalesce(sum(turned_npl_count), 0) as decimal(38,6)) as turned_npl_count,
  cast(coalesce(sum(turned_npl_balance), 0) as decimal(38,12)) as turned_npl_balance,
  cast(coalesce(sum(fee_income), 0) as decimal(38,12)) as fee_income,
    cast(coalesce(sum(units) filter (where category = 'deposit'), 0) as decimal(38,6)) as sales_deposit_units,
    cast(coalesce(sum(amount) filter (where category = 'deposit'), 0) as decimal(38,12)) as sales_deposit_amount,
    cast(coalesce(sum(units) filter (where category = 'loan'), 0) as decimal(38,6)) as sales_loan_units,
    cast(coalesce(sum(amount) filter (where category = 'loan'), 0) as decimal(38,12)) as sales_loan_amount,
    cast(coalesce(sum(units) filter (where category = 'fee'), 0) as decimal(38,6)) as sales_fee_units,
    cast(coalesce(sum(amount) filter (where category = 'fee'), 0) as decimal(38,12)) as sales_fee_amount,
    cast(coalesce(sum(units) filter (where category = 'wealth'), 0) as decimal(38,6)) as sales_wealth_units,
    cast(coalesce(sum(amount) filter (where category = 'wealth'), 0) as decimal(38,12)) as sales_wealth_amount,
    cast(coalesce(sum(units) filter (where category = 'fund'), 0) as decimal(38,6)) as sales_fund_units,
    cast(coalesce(sum(amount) filter (where category = 'fund'), 0) as decimal(38,12)) as sales_fund_amount,
    cast(coalesce(sum(units) filter (where category = 'insurance'), 0) as decimal(38,6)) as sales_insurance_units,
    cast(coalesce(sum(amount) filter (where category = 'insurance'), 0) as decimal(38,12)) as sales_insurance_amount,
    cast(coalesce(sum(units) filter (where category = 'debit_card'), 0) as decimal(38,6)) as sales_debit_card_units,
    cast(coalesce(sum(amount) filter (where category = 'debit_card'), 0) as decimal(38,12)) as sales_debit_card_amount,
    cast(coalesce(sum(units) filter (where category = 'credit_card'), 0) as decimal(38,6)) as sales_credit_card_units,
    cast(coalesce(sum(amount) filter (where category = 'credit_card'), 0) as decimal(38,12)) as sales_credit_card_amount,
    cast(coalesce(sum(units) filter (where category = 'ebank'), 0) as decimal(38,6)) as sales_ebank_units,
    cast(coalesce(sum(amount) filter (where category = 'ebank'), 0) as decimal(38,12)) as sales_ebank_amount,
    cast(coalesce(sum(units) filter (where category = 'agreement'), 0) as decimal(38,6)) as sales_agreement_units,
    cast(coalesce(sum(amount) filter (where category = 'agreement'), 0) as decimal(38,12)) as sales_agreement_amount,
    cast(coalesce(sum(units) filter (where category = 'other'), 0) as decimal(38,6)) as sales_other_units,
    cast(coalesce(sum(amount) filter (where category = 'other'), 0) as decimal(38,12)) as sales_other_amount,
  cast(coalesce(sum(visits), 0) as bigint) as visits,
  cast(coalesce(sum(development_visits), 0) as bigint) as development_visits,
from facts
group by month_end, client_id, manager_id, holder_org_id
