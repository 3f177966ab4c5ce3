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
-- inputs: int_holder_periods, int_periods, int_deposit_months, stg_extract__managers.
with periods as (
  select
    p.period,
    p.end_date,
    exists (select 1 from int_deposit_months as d where d.month_end = p.base_date) as base_date_known,
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
  mart_fen(f.deposit_avg_balance) as deposit_avg_balance,
  mart_fen(f.deposit_end_balance) as deposit_end_balance,
  case when p.base_date_known then mart_fen(f.net_deposit_increase) end as net_deposit_increase,
  mart_fen(f.deposit_spread) as deposit_spread,
  mart_fen(f.loan_avg_balance) as loan_avg_balance,
  mart_fen(f.loan_end_balance) as loan_end_balance,
  mart_fen(f.loan_spread) as loan_spread,
  mart_fen(f.fee_income) as fee_income,
  mart_fen(f.profit_contribution) as profit_contribution,
  mart_fen(f.expected_loss) as expected_loss,
  mart_fen(f.risk_adjusted_contribution) as risk_adjusted_contribution,
  mart_fen(f.npl_balance) as npl_balance,
  coalesce(div_ratio(f.npl_balance, f.loan_end_balance), 0) as npl_ratio,
  mart_units(f.turned_npl_count) as turned_npl_count,
  mart_fen(f.turned_npl_balance) as turned_npl_balance,
  mart_units(f.sales_deposit_units) as sales_deposit_units,
  mart_fen(f.sales_deposit_amount) as sales_deposit_amount,
  mart_units(f.sales_loan_units) as sales_loan_units,
  mart_fen(f.sales_loan_amount) as sales_loan_amount,
  mart_units(f.sales_fee_units) as sales_fee_units,
  mart_fen(f.sales_fee_amount) as sales_fee_amount,
  mart_units(f.sales_wealth_units) as sales_wealth_units,
  mart_fen(f.sales_wealth_amount) as sales_wealth_amount,
  mart_units(f.sales_fund_units) as sales_fund_units,
  mart_fen(f.sales_fund_amount) as sales_fund_amount,
  mart_units(f.sales_insurance_units) as sales_insurance_units,
  mart_fen(f.sales_insurance_amount) as sales_insurance_amount,
  mart_units(f.sales_debit_card_units) as sales_debit_card_units,
  mart_fen(f.sales_debit_card_amount) as sales_debit_card_amount,
  mart_units(f.sales_credit_card_units) as sales_credit_card_units,
  mart_fen(f.sales_credit_card_amount) as sales_credit_card_amount,
  mart_units(f.sales_ebank_units) as sales_ebank_units,
  mart_fen(f.sales_ebank_amount) as sales_ebank_amount,
  mart_units(f.sales_agreement_units) as sales_agreement_units,
  mart_fen(f.sales_agreement_amount) as sales_agreement_amount,
  mart_units(f.sales_other_units) as sales_other_units,
  mart_fen(f.sales_other_amount) as sales_other_amount,
  cast(coalesce(f.visits, 0) as bigint) as visits,
  cast(coalesce(f.development_visits, 0) as bigint) as development_visits,
  cast(coalesce(f.clients, 0) as bigint) as clients,
  cast(coalesce(f.new_clients, 0) as bigint) as new_clients,
from managers as m
cross join periods as p
left join figures as f on f.manager_id = m.manager_id and f.period = p.period

-- written in manager order: the API reads one manager at a time (sql/README.md, "Row order")
order by manager_id, period
