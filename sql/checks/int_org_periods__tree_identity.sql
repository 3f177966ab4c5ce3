-- check int_org_periods__tree_identity: every org node = Σ its children + its own holders (its own
-- managers and its unassigned bucket), for every period and additive metric, exactly; and the root
-- equals Σ of all holders, so nothing booked outside the tree is lost.
-- Returns period, org_id, metric, node figure, own + children. Compared as DECIMAL(38,14): the
-- finest scale of int_org_periods (spreads, expected loss, profit), so no place is cut before the
-- comparison.
with orgs as (
  select org_id, parent_id from stg_extract__orgs
),
nodes as (
  select * from int_org_periods
),
children as (
  select n.period, o.parent_id as org_id,
    sum(n.deposit_avg_balance) as deposit_avg_balance,
    sum(n.deposit_end_balance) as deposit_end_balance,
    sum(n.deposit_spread) as deposit_spread,
    sum(n.loan_avg_balance) as loan_avg_balance,
    sum(n.loan_end_balance) as loan_end_balance,
    sum(n.loan_spread) as loan_spread,
    sum(n.fee_income) as fee_income,
    sum(n.profit_contribution) as profit_contribution,
    sum(n.expected_loss) as expected_loss,
    sum(n.risk_adjusted_contribution) as risk_adjusted_contribution,
    sum(n.npl_balance) as npl_balance,
    sum(n.turned_npl_count) as turned_npl_count,
    sum(n.turned_npl_balance) as turned_npl_balance,
    sum(n.sales_deposit_units) as sales_deposit_units,
    sum(n.sales_deposit_amount) as sales_deposit_amount,
    sum(n.sales_loan_units) as sales_loan_units,
    sum(n.sales_loan_amount) as sales_loan_amount,
    sum(n.sales_fee_units) as sales_fee_units,
    sum(n.sales_fee_amount) as sales_fee_amount,
    sum(n.sales_wealth_units) as sales_wealth_units,
    sum(n.sales_wealth_amount) as sales_wealth_amount,
    sum(n.sales_fund_units) as sales_fund_units,
    sum(n.sales_fund_amount) as sales_fund_amount,
    sum(n.sales_insurance_units) as sales_insurance_units,
    sum(n.sales_insurance_amount) as sales_insurance_amount,
    sum(n.sales_debit_card_units) as sales_debit_card_units,
    sum(n.sales_debit_card_amount) as sales_debit_card_amount,
    sum(n.sales_credit_card_units) as sales_credit_card_units,
    sum(n.sales_credit_card_amount) as sales_credit_card_amount,
    sum(n.sales_ebank_units) as sales_ebank_units,
    sum(n.sales_ebank_amount) as sales_ebank_amount,
    sum(n.sales_agreement_units) as sales_agreement_units,
    sum(n.sales_agreement_amount) as sales_agreement_amount,
    sum(n.sales_other_units) as sales_other_units,
    sum(n.sales_other_amount) as sales_other_amount,
    sum(n.visits) as visits,
    sum(n.development_visits) as development_visits,
  from nodes as n
  join orgs as o on o.org_id = n.org_id
  where o.parent_id is not null
  group by n.period, o.parent_id
),
node_long as (
  select period, org_id, metric, value as node_total,
  from (select n.period, n.org_id,
    cast(n.deposit_avg_balance as decimal(38,14)) as deposit_avg_balance,
    cast(n.deposit_end_balance as decimal(38,14)) as deposit_end_balance,
    cast(n.deposit_spread as decimal(38,14)) as deposit_spread,
    cast(n.loan_avg_balance as decimal(38,14)) as loan_avg_balance,
    cast(n.loan_end_balance as decimal(38,14)) as loan_end_balance,
    cast(n.loan_spread as decimal(38,14)) as loan_spread,
    cast(n.fee_income as decimal(38,14)) as fee_income,
    cast(n.profit_contribution as decimal(38,14)) as profit_contribution,
    cast(n.expected_loss as decimal(38,14)) as expected_loss,
    cast(n.risk_adjusted_contribution as decimal(38,14)) as risk_adjusted_contribution,
    cast(n.npl_balance as decimal(38,14)) as npl_balance,
    cast(n.turned_npl_count as decimal(38,14)) as turned_npl_count,
    cast(n.turned_npl_balance as decimal(38,14)) as turned_npl_balance,
    cast(n.sales_deposit_units as decimal(38,14)) as sales_deposit_units,
    cast(n.sales_deposit_amount as decimal(38,14)) as sales_deposit_amount,
    cast(n.sales_loan_units as decimal(38,14)) as sales_loan_units,
    cast(n.sales_loan_amount as decimal(38,14)) as sales_loan_amount,
    cast(n.sales_fee_units as decimal(38,14)) as sales_fee_units,
    cast(n.sales_fee_amount as decimal(38,14)) as sales_fee_amount,
    cast(n.sales_wealth_units as decimal(38,14)) as sales_wealth_units,
    cast(n.sales_wealth_amount as decimal(38,14)) as sales_wealth_amount,
    cast(n.sales_fund_units as decimal(38,14)) as sales_fund_units,
    cast(n.sales_fund_amount as decimal(38,14)) as sales_fund_amount,
    cast(n.sales_insurance_units as decimal(38,14)) as sales_insurance_units,
    cast(n.sales_insurance_amount as decimal(38,14)) as sales_insurance_amount,
    cast(n.sales_debit_card_units as decimal(38,14)) as sales_debit_card_units,
    cast(n.sales_debit_card_amount as decimal(38,14)) as sales_debit_card_amount,
    cast(n.sales_credit_card_units as decimal(38,14)) as sales_credit_card_units,
    cast(n.sales_credit_card_amount as decimal(38,14)) as sales_credit_card_amount,
    cast(n.sales_ebank_units as decimal(38,14)) as sales_ebank_units,
    cast(n.sales_ebank_amount as decimal(38,14)) as sales_ebank_amount,
    cast(n.sales_agreement_units as decimal(38,14)) as sales_agreement_units,
    cast(n.sales_agreement_amount as decimal(38,14)) as sales_agreement_amount,
    cast(n.sales_other_units as decimal(38,14)) as sales_other_units,
    cast(n.sales_other_amount as decimal(38,14)) as sales_other_amount,
    cast(n.visits as decimal(38,14)) as visits,
    cast(n.development_visits as decimal(38,14)) as development_visits,
  from nodes as n)
  unpivot include nulls (value for metric in (deposit_avg_balance, deposit_end_balance, deposit_spread, loan_avg_balance, loan_end_balance, loan_spread, fee_income, profit_contribution, expected_loss, risk_adjusted_contribution, npl_balance, turned_npl_count, turned_npl_balance, sales_deposit_units, sales_deposit_amount, sales_loan_units, sales_loan_amount, sales_fee_units, sales_fee_amount, sales_wealth_units, sales_wealth_amount, sales_fund_units, sales_fund_amount, sales_insurance_units, sales_insurance_amount, sales_debit_card_units, sales_debit_card_amount, sales_credit_card_units, sales_credit_card_amount, sales_ebank_units, sales_ebank_amount, sales_agreement_units, sales_agreement_amount, sales_other_units, sales_other_amount, visits, development_visits))
),
parts_long as (
  select period, org_id, metric, value as own_plus_children,
  from (select n.period, n.org_id,
    cast(n.own_deposit_avg_balance + coalesce(c.deposit_avg_balance, 0) as decimal(38,14)) as deposit_avg_balance,
    cast(n.own_deposit_end_balance + coalesce(c.deposit_end_balance, 0) as decimal(38,14)) as deposit_end_balance,
    cast(n.own_deposit_spread + coalesce(c.deposit_spread, 0) as decimal(38,14)) as deposit_spread,
    cast(n.own_loan_avg_balance + coalesce(c.loan_avg_balance, 0) as decimal(38,14)) as loan_avg_balance,
    cast(n.own_loan_end_balance + coalesce(c.loan_end_balance, 0) as decimal(38,14)) as loan_end_balance,
    cast(n.own_loan_spread + coalesce(c.loan_spread, 0) as decimal(38,14)) as loan_spread,
    cast(n.own_fee_income + coalesce(c.fee_income, 0) as decimal(38,14)) as fee_income,
    cast(n.own_profit_contribution + coalesce(c.profit_contribution, 0) as decimal(38,14)) as profit_contribution,
    cast(n.own_expected_loss + coalesce(c.expected_loss, 0) as decimal(38,14)) as expected_loss,
    cast(n.own_risk_adjusted_contribution + coalesce(c.risk_adjusted_contribution, 0) as decimal(38,14)) as risk_adjusted_contribution,
    cast(n.own_npl_balance + coalesce(c.npl_balance, 0) as decimal(38,14)) as npl_balance,
    cast(n.own_turned_npl_count + coalesce(c.turned_npl_count, 0) as decimal(38,14)) as turned_npl_count,
    cast(n.own_turned_npl_balance + coalesce(c.turned_npl_balance, 0) as decimal(38,14)) as turned_npl_balance,
    cast(n.own_sales_deposit_units + coalesce(c.sales_deposit_units, 0) as decimal(38,14)) as sales_deposit_units,
    cast(n.own_sales_deposit_amount + coalesce(c.sales_deposit_amount, 0) as decimal(38,14)) as sales_deposit_amount,
    cast(n.own_sales_loan_units + coalesce(c.sales_loan_units, 0) as decimal(38,14)) as sales_loan_units,
    cast(n.own_sales_loan_amount + coalesce(c.sales_loan_amount, 0) as decimal(38,14)) as sales_loan_amount,
    cast(n.own_sales_fee_units + coalesce(c.sales_fee_units, 0) as decimal(38,14)) as sales_fee_units,
    cast(n.own_sales_fee_amount + coalesce(c.sales_fee_amount, 0) as decimal(38,14)) as sales_fee_amount,
    cast(n.own_sales_wealth_units + coalesce(c.sales_wealth_units, 0) as decimal(38,14)) as sales_wealth_units,
    cast(n.own_sales_wealth_amount + coalesce(c.sales_wealth_amount, 0) as decimal(38,14)) as sales_wealth_amount,
    cast(n.own_sales_fund_units + coalesce(c.sales_fund_units, 0) as decimal(38,14)) as sales_fund_units,
    cast(n.own_sales_fund_amount + coalesce(c.sales_fund_amount, 0) as decimal(38,14)) as sales_fund_amount,
    cast(n.own_sales_insurance_units + coalesce(c.sales_insurance_units, 0) as decimal(38,14)) as sales_insurance_units,
    cast(n.own_sales_insurance_amount + coalesce(c.sales_insurance_amount, 0) as decimal(38,14)) as sales_insurance_amount,
    cast(n.own_sales_debit_card_units + coalesce(c.sales_debit_card_units, 0) as decimal(38,14)) as sales_debit_card_units,
    cast(n.own_sales_debit_card_amount + coalesce(c.sales_debit_card_amount, 0) as decimal(38,14)) as sales_debit_card_amount,
    cast(n.own_sales_credit_card_units + coalesce(c.sales_credit_card_units, 0) as decimal(38,14)) as sales_credit_card_units,
    cast(n.own_sales_credit_card_amount + coalesce(c.sales_credit_card_amount, 0) as decimal(38,14)) as sales_credit_card_amount,
    cast(n.own_sales_ebank_units + coalesce(c.sales_ebank_units, 0) as decimal(38,14)) as sales_ebank_units,
    cast(n.own_sales_ebank_amount + coalesce(c.sales_ebank_amount, 0) as decimal(38,14)) as sales_ebank_amount,
    cast(n.own_sales_agreement_units + coalesce(c.sales_agreement_units, 0) as decimal(38,14)) as sales_agreement_units,
    cast(n.own_sales_agreement_amount + coalesce(c.sales_agreement_amount, 0) as decimal(38,14)) as sales_agreement_amount,
    cast(n.own_sales_other_units + coalesce(c.sales_other_units, 0) as decimal(38,14)) as sales_other_units,
    cast(n.own_sales_other_amount + coalesce(c.sales_other_amount, 0) as decimal(38,14)) as sales_other_amount,
    cast(n.own_visits + coalesce(c.visits, 0) as decimal(38,14)) as visits,
    cast(n.own_development_visits + coalesce(c.development_visits, 0) as decimal(38,14)) as development_visits,
  from nodes as n
  left join children as c on c.period = n.period and c.org_id = n.org_id)
  unpivot include nulls (value for metric in (deposit_avg_balance, deposit_end_balance, deposit_spread, loan_avg_balance, loan_end_balance, loan_spread, fee_income, profit_contribution, expected_loss, risk_adjusted_contribution, npl_balance, turned_npl_count, turned_npl_balance, sales_deposit_units, sales_deposit_amount, sales_loan_units, sales_loan_amount, sales_fee_units, sales_fee_amount, sales_wealth_units, sales_wealth_amount, sales_fund_units, sales_fund_amount, sales_insurance_units, sales_insurance_amount, sales_debit_card_units, sales_debit_card_amount, sales_credit_card_units, sales_credit_card_amount, sales_ebank_units, sales_ebank_amount, sales_agreement_units, sales_agreement_amount, sales_other_units, sales_other_amount, visits, development_visits))
),
roots as (
  select org_id from orgs where parent_id is null
),
all_holders as (
  select period, sum(profit_contribution) as profit_contribution, sum(deposit_end_balance) as deposit_end_balance,
  from int_holder_periods
  group by period
),
root_sums as (
  select n.period, sum(n.profit_contribution) as profit_contribution, sum(n.deposit_end_balance) as deposit_end_balance,
  from nodes as n
  semi join roots as r on r.org_id = n.org_id
  group by n.period
)
select n.period, n.org_id, n.metric, n.node_total, p.own_plus_children,
from node_long as n
join parts_long as p on p.period = n.period and p.org_id = n.org_id and p.metric = n.metric
where n.node_total <> p.own_plus_children
union all
select h.period, '(all roots)', 'profit_contribution', coalesce(r.profit_contribution, 0), h.profit_contribution,
from all_holders as h
left join root_sums as r on r.period = h.period
where coalesce(r.profit_contribution, 0) <> h.profit_contribution
union all
select h.period, '(all roots)', 'deposit_end_balance', coalesce(r.deposit_end_balance, 0), h.deposit_end_balance,
from all_holders as h
left join root_sums as r on r.period = h.period
where coalesce(r.deposit_end_balance, 0) <> h.deposit_end_balance
