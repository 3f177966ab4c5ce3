-- int_client_periods: each client's figures per period, at full precision (whoever held them).
-- grain: one row per period × client with any ledger row in the period's months or at its base
--   date; keys: period, client_id.
-- formula (DOMAIN.md conventions; `days` = days of each month, P = the period):
--   averages  deposit_avg_balance, loan_avg_balance = Σ month avg × days / days(P)
--   stocks    deposit_end_balance, loan_end_balance, npl_balance = value at P's end_date
--   flows     spreads, expected_loss, fee_income, turned_npl_*, sales_*, visits = Σ over P's months
--   net_deposit_increase = deposit_end_balance − deposit balance at base_date (prior year-end);
--     null when the warehouse holds no deposit snapshot for that month-end
--   profit_contribution = loan_spread + deposit_spread + fee_income
--   risk_adjusted_contribution = profit_contribution − expected_loss
-- inputs: int_holder_months, int_period_months, int_periods, int_deposits_priced.
with periods as (
  select period, end_date, days, base_date from int_periods
),
period_months as (
  select period, month_end, days_in_month from int_period_months
),
client_months as (
  select
    month_end,
    client_id,
    sum(deposit_avg_balance) as deposit_avg_balance,
    sum(loan_avg_balance) as loan_avg_balance,
    sum(deposit_end_balance) as deposit_end_balance,
    sum(loan_end_balance) as loan_end_balance,
    sum(npl_balance) as npl_balance,
    sum(deposit_spread) as deposit_spread,
    sum(loan_spread) as loan_spread,
    sum(expected_loss) as expected_loss,
    sum(fee_income) as fee_income,
    sum(turned_npl_count) as turned_npl_count,
    sum(turned_npl_balance) as turned_npl_balance,
    sum(sales_deposit_units) as sales_deposit_units,
    sum(sales_deposit_amount) as sales_deposit_amount,
    sum(sales_loan_units) as sales_loan_units,
    sum(sales_loan_amount) as sales_loan_amount,
    sum(sales_fee_units) as sales_fee_units,
    sum(sales_fee_amount) as sales_fee_amount,
    sum(sales_wealth_units) as sales_wealth_units,
    sum(sales_wealth_amount) as sales_wealth_amount,
    sum(sales_fund_units) as sales_fund_units,
    sum(sales_fund_amount) as sales_fund_amount,
    sum(sales_insurance_units) as sales_insurance_units,
    sum(sales_insurance_amount) as sales_insurance_amount,
    sum(sales_debit_card_units) as sales_debit_card_units,
    sum(sales_debit_card_amount) as sales_debit_card_amount,
    sum(sales_credit_card_units) as sales_credit_card_units,
    sum(sales_credit_card_amount) as sales_credit_card_amount,
    sum(sales_ebank_units) as sales_ebank_units,
    sum(sales_ebank_amount) as sales_ebank_amount,
    sum(sales_agreement_units) as sales_agreement_units,
    sum(sales_agreement_amount) as sales_agreement_amount,
    sum(sales_other_units) as sales_other_units,
    sum(sales_other_amount) as sales_other_amount,
    sum(visits) as visits,
    sum(development_visits) as development_visits,
  from int_holder_months
  where client_id is not null
  group by month_end, client_id
),
deposit_months as (
  select distinct month_end from int_deposits_priced
),
aggregated as (
  select
    pm.period,
    m.client_id,
    div_full(sum(m.deposit_avg_balance * pm.days_in_month), any_value(p.days)) as deposit_avg_balance,
    div_full(sum(m.loan_avg_balance * pm.days_in_month), any_value(p.days)) as loan_avg_balance,
    cast(coalesce(sum(m.deposit_end_balance) filter (where pm.month_end = p.end_date), 0) as decimal(38,12)) as deposit_end_balance,
    cast(coalesce(sum(m.loan_end_balance) filter (where pm.month_end = p.end_date), 0) as decimal(38,12)) as loan_end_balance,
    cast(coalesce(sum(m.npl_balance) filter (where pm.month_end = p.end_date), 0) as decimal(38,12)) as npl_balance,
    cast(coalesce(sum(m.deposit_spread), 0) as decimal(38,12)) as deposit_spread,
    cast(coalesce(sum(m.loan_spread), 0) as decimal(38,12)) as loan_spread,
    cast(coalesce(sum(m.expected_loss), 0) as decimal(38,12)) as expected_loss,
    cast(coalesce(sum(m.fee_income), 0) as decimal(38,12)) as fee_income,
    cast(coalesce(sum(m.turned_npl_count), 0) as decimal(38,6)) as turned_npl_count,
    cast(coalesce(sum(m.turned_npl_balance), 0) as decimal(38,12)) as turned_npl_balance,
    cast(coalesce(sum(m.sales_deposit_units), 0) as decimal(38,6)) as sales_deposit_units,
    cast(coalesce(sum(m.sales_deposit_amount), 0) as decimal(38,12)) as sales_deposit_amount,
    cast(coalesce(sum(m.sales_loan_units), 0) as decimal(38,6)) as sales_loan_units,
    cast(coalesce(sum(m.sales_loan_amount), 0) as decimal(38,12)) as sales_loan_amount,
    cast(coalesce(sum(m.sales_fee_units), 0) as decimal(38,6)) as sales_fee_units,
    cast(coalesce(sum(m.sales_fee_amount), 0) as decimal(38,12)) as sales_fee_amount,
    cast(coalesce(sum(m.sales_wealth_units), 0) as decimal(38,6)) as sales_wealth_units,
    cast(coalesce(sum(m.sales_wealth_amount), 0) as decimal(38,12)) as sales_wealth_amount,
    cast(coalesce(sum(m.sales_fund_units), 0) as decimal(38,6)) as sales_fund_units,
    cast(coalesce(sum(m.sales_fund_amount), 0) as decimal(38,12)) as sales_fund_amount,
    cast(coalesce(sum(m.sales_insurance_units), 0) as decimal(38,6)) as sales_insurance_units,
    cast(coalesce(sum(m.sales_insurance_amount), 0) as decimal(38,12)) as sales_insurance_amount,
    cast(coalesce(sum(m.sales_debit_card_units), 0) as decimal(38,6)) as sales_debit_card_units,
    cast(coalesce(sum(m.sales_debit_card_amount), 0) as decimal(38,12)) as sales_debit_card_amount,
    cast(coalesce(sum(m.sales_credit_card_units), 0) as decimal(38,6)) as sales_credit_card_units,
    cast(coalesce(sum(m.sales_credit_card_amount), 0) as decimal(38,12)) as sales_credit_card_amount,
    cast(coalesce(sum(m.sales_ebank_units), 0) as decimal(38,6)) as sales_ebank_units,
    cast(coalesce(sum(m.sales_ebank_amount), 0) as decimal(38,12)) as sales_ebank_amount,
    cast(coalesce(sum(m.sales_agreement_units), 0) as decimal(38,6)) as sales_agreement_units,
    cast(coalesce(sum(m.sales_agreement_amount), 0) as decimal(38,12)) as sales_agreement_amount,
    cast(coalesce(sum(m.sales_other_units), 0) as decimal(38,6)) as sales_other_units,
    cast(coalesce(sum(m.sales_other_amount), 0) as decimal(38,12)) as sales_other_amount,
    cast(coalesce(sum(m.visits), 0) as bigint) as visits,
    cast(coalesce(sum(m.development_visits), 0) as bigint) as development_visits,
  from client_months as m
  join period_months as pm on pm.month_end = m.month_end
  join periods as p on p.period = pm.period
  group by pm.period, m.client_id
),
base_date_balances as (
  select p.period, m.client_id, m.deposit_end_balance,
  from periods as p
  join client_months as m on m.month_end = p.base_date
),
keyed as (
  select period, client_id from aggregated
  union
  select period, client_id from base_date_balances
)
select
  k.period,
  k.client_id,
  coalesce(a.deposit_avg_balance, 0) as deposit_avg_balance,
  coalesce(a.loan_avg_balance, 0) as loan_avg_balance,
  coalesce(a.deposit_end_balance, 0) as deposit_end_balance,
  coalesce(a.loan_end_balance, 0) as loan_end_balance,
  coalesce(a.npl_balance, 0) as npl_balance,
  case when dm.month_end is null then null else coalesce(a.deposit_end_balance, 0) - coalesce(b.deposit_end_balance, 0) end as net_deposit_increase,
  coalesce(a.deposit_spread, 0) as deposit_spread,
  coalesce(a.loan_spread, 0) as loan_spread,
  coalesce(a.expected_loss, 0) as expected_loss,
  coalesce(a.fee_income, 0) as fee_income,
  coalesce(a.loan_spread, 0) + coalesce(a.deposit_spread, 0) + coalesce(a.fee_income, 0) as profit_contribution,
  coalesce(a.loan_spread, 0) + coalesce(a.deposit_spread, 0) + coalesce(a.fee_income, 0) - coalesce(a.expected_loss, 0) as risk_adjusted_contribution,
  coalesce(a.turned_npl_count, 0) as turned_npl_count,
  coalesce(a.turned_npl_balance, 0) as turned_npl_balance,
  coalesce(a.sales_deposit_units, 0) as sales_deposit_units,
  coalesce(a.sales_deposit_amount, 0) as sales_deposit_amount,
  coalesce(a.sales_loan_units, 0) as sales_loan_units,
  coalesce(a.sales_loan_amount, 0) as sales_loan_amount,
  coalesce(a.sales_fee_units, 0) as sales_fee_units,
  coalesce(a.sales_fee_amount, 0) as sales_fee_amount,
  coalesce(a.sales_wealth_units, 0) as sales_wealth_units,
  coalesce(a.sales_wealth_amount, 0) as sales_wealth_amount,
  coalesce(a.sales_fund_units, 0) as sales_fund_units,
  coalesce(a.sales_fund_amount, 0) as sales_fund_amount,
  coalesce(a.sales_insurance_units, 0) as sales_insurance_units,
  coalesce(a.sales_insurance_amount, 0) as sales_insurance_amount,
  coalesce(a.sales_debit_card_units, 0) as sales_debit_card_units,
  coalesce(a.sales_debit_card_amount, 0) as sales_debit_card_amount,
  coalesce(a.sales_credit_card_units, 0) as sales_credit_card_units,
  coalesce(a.sales_credit_card_amount, 0) as sales_credit_card_amount,
  coalesce(a.sales_ebank_units, 0) as sales_ebank_units,
  coalesce(a.sales_ebank_amount, 0) as sales_ebank_amount,
  coalesce(a.sales_agreement_units, 0) as sales_agreement_units,
  coalesce(a.sales_agreement_amount, 0) as sales_agreement_amount,
  coalesce(a.sales_other_units, 0) as sales_other_units,
  coalesce(a.sales_other_amount, 0) as sales_other_amount,
  coalesce(a.visits, 0) as visits,
  coalesce(a.development_visits, 0) as development_visits,
from keyed as k
join periods as p on p.period = k.period
left join aggregated as a on a.period = k.period and a.client_id = k.client_id
left join base_date_balances as b on b.period = k.period and b.client_id = k.client_id
left join deposit_months as dm on dm.month_end = p.base_date
