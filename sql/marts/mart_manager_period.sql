-- mart_manager_period: every manager's figures per period (profit centre view).
-- grain: one row per manager × period (every manager of the managers file, every period; zeros
--   where the manager had nothing); keys: period, manager_id.
--   Unassigned business is in mart_unassigned_period, so Σ managers + unassigned = ledger total.
-- formula: the full-precision figures of int_holder_periods rounded to the fen (half away from zero) here, once;
--   npl_ratio = npl_balance / loan_end_balance (6 decimals, 0 without loans); net_deposit_increase
--   null when the warehouse holds no deposit snapshot at the prior year-end. Counts weighted by
--   share (turned_npl_count, sales_*_units) keep 6 decimals. Definitions: see int_holder_periods.
--   clients = open clients in the portfolio at the period's end; new_clients = clients first
--   assigned within the period, to this manager.
-- inputs: int_holder_periods, int_periods, int_deposits_priced, stg_extract__managers.
with periods as (
  select
    p.period,
    p.end_date,
    exists (select 1 from int_deposits_priced as d where d.month_end = p.base_date) as base_date_known,
  from int_periods as p
),
managers as (
  select manager_id, manager_name, org_id, line, grade from stg_extract__managers
),
figures as (
  select * from int_holder_periods where manager_id is not null
)
select
  p.period,
  m.manager_id,
  m.manager_name,
  m.org_id,
  m.line,
  m.grade,
  cast(round(coalesce(f.deposit_avg_balance, 0), 2) as decimal(18,2)) as deposit_avg_balance,
  cast(round(coalesce(f.deposit_end_balance, 0), 2) as decimal(18,2)) as deposit_end_balance,
  case when p.base_date_known then cast(round(coalesce(f.net_deposit_increase, 0), 2) as decimal(18,2)) end as net_deposit_increase,
  cast(round(coalesce(f.deposit_spread, 0), 2) as decimal(18,2)) as deposit_spread,
  cast(round(coalesce(f.loan_avg_balance, 0), 2) as decimal(18,2)) as loan_avg_balance,
  cast(round(coalesce(f.loan_end_balance, 0), 2) as decimal(18,2)) as loan_end_balance,
  cast(round(coalesce(f.loan_spread, 0), 2) as decimal(18,2)) as loan_spread,
  cast(round(coalesce(f.fee_income, 0), 2) as decimal(18,2)) as fee_income,
  cast(round(coalesce(f.profit_contribution, 0), 2) as decimal(18,2)) as profit_contribution,
  cast(round(coalesce(f.expected_loss, 0), 2) as decimal(18,2)) as expected_loss,
  cast(round(coalesce(f.risk_adjusted_contribution, 0), 2) as decimal(18,2)) as risk_adjusted_contribution,
  cast(round(coalesce(f.npl_balance, 0), 2) as decimal(18,2)) as npl_balance,
  coalesce(div_ratio(f.npl_balance, f.loan_end_balance), 0) as npl_ratio,
  cast(coalesce(f.turned_npl_count, 0) as decimal(18,6)) as turned_npl_count,
  cast(round(coalesce(f.turned_npl_balance, 0), 2) as decimal(18,2)) as turned_npl_balance,
  cast(coalesce(f.sales_deposit_units, 0) as decimal(18,6)) as sales_deposit_units,
  cast(round(coalesce(f.sales_deposit_amount, 0), 2) as decimal(18,2)) as sales_deposit_amount,
  cast(coalesce(f.sales_loan_units, 0) as decimal(18,6)) as sales_loan_units,
  cast(round(coalesce(f.sales_loan_amount, 0), 2) as decimal(18,2)) as sales_loan_amount,
  cast(coalesce(f.sales_fee_units, 0) as decimal(18,6)) as sales_fee_units,
  cast(round(coalesce(f.sales_fee_amount, 0), 2) as decimal(18,2)) as sales_fee_amount,
  cast(coalesce(f.sales_wealth_units, 0) as decimal(18,6)) as sales_wealth_units,
  cast(round(coalesce(f.sales_wealth_amount, 0), 2) as decimal(18,2)) as sales_wealth_amount,
  cast(coalesce(f.sales_fund_units, 0) as decimal(18,6)) as sales_fund_units,
  cast(round(coalesce(f.sales_fund_amount, 0), 2) as decimal(18,2)) as sales_fund_amount,
  cast(coalesce(f.sales_insurance_units, 0) as decimal(18,6)) as sales_insurance_units,
  cast(round(coalesce(f.sales_insurance_amount, 0), 2) as decimal(18,2)) as sales_insurance_amount,
  cast(coalesce(f.sales_debit_card_units, 0) as decimal(18,6)) as sales_debit_card_units,
  cast(round(coalesce(f.sales_debit_card_amount, 0), 2) as decimal(18,2)) as sales_debit_card_amount,
  cast(coalesce(f.sales_credit_card_units, 0) as decimal(18,6)) as sales_credit_card_units,
  cast(round(coalesce(f.sales_credit_card_amount, 0), 2) as decimal(18,2)) as sales_credit_card_amount,
  cast(coalesce(f.sales_ebank_units, 0) as decimal(18,6)) as sales_ebank_units,
  cast(round(coalesce(f.sales_ebank_amount, 0), 2) as decimal(18,2)) as sales_ebank_amount,
  cast(coalesce(f.sales_agreement_units, 0) as decimal(18,6)) as sales_agreement_units,
  cast(round(coalesce(f.sales_agreement_amount, 0), 2) as decimal(18,2)) as sales_agreement_amount,
  cast(coalesce(f.sales_other_units, 0) as decimal(18,6)) as sales_other_units,
  cast(round(coalesce(f.sales_other_amount, 0), 2) as decimal(18,2)) as sales_other_amount,
  cast(coalesce(f.visits, 0) as bigint) as visits,
  cast(coalesce(f.development_visits, 0) as bigint) as development_visits,
  cast(coalesce(f.clients, 0) as bigint) as clients,
  cast(coalesce(f.new_clients, 0) as bigint) as new_clients,
from managers as m
cross join periods as p
left join figures as f on f.manager_id = m.manager_id and f.period = p.period
