-- mart_org_period: every org node's figures per period, at every level of the tree.
-- grain: one row per org node × period; keys: period, org_id.
--   A node = its own managers and unassigned buckets plus all of its subtree (int_org_periods), so
--   the head office equals the ledger total.
-- formula: the full-precision figures of int_org_periods rounded to the fen (half away from zero) here, once;
--   npl_ratio = npl_balance / loan_end_balance (6 decimals, 0 without loans); net_deposit_increase
--   null when the warehouse holds no deposit snapshot at the prior year-end. Counts weighted by
--   share (turned_npl_count, sales_*_units) keep 6 decimals. Definitions: see int_org_periods.
--   Each node is rounded from its own full-precision total, so a parent may differ from the sum of
--   its rounded children by a few fen.
--   clients, new_clients: distinct clients of the subtree's managers (a client shared by two
--   sub-branches counts once at their parent); managers: employed at the period's end;
--   span_of_management = clients / managers (6 decimals; null without managers).
-- inputs: int_org_periods, int_periods, int_deposit_months, stg_extract__orgs.
with periods as (
  select
    p.period,
    p.end_date,
    exists (select 1 from int_deposit_months as d where d.month_end = p.base_date) as base_date_known,
  from int_periods as p
),
orgs as (
  select org_id, parent_id, org_name, level from stg_extract__orgs
),
figures as (
  select * from int_org_periods
)
select
  f.period,
  f.org_id,
  o.org_name,
  o.parent_id,
  o.level,
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
  cast(coalesce(f.managers, 0) as bigint) as managers,
  div_ratio(f.clients, f.managers) as span_of_management,
from figures as f
join periods as p on p.period = f.period
join orgs as o on o.org_id = f.org_id

-- written in key order: the API reads it by period and subject, and DuckDB skips the row groups
-- whose zone maps exclude them (sql/README.md, "Row order")
order by period, org_id
