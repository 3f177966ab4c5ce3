-- int_org_periods: every org node's figures per period, at full precision (institution evaluation).
-- grain: one row per org node × period (every node of the tree, every period); keys: period, org_id.
-- formula: node = Σ the holders (managers and unassigned buckets) whose holder_org_id is the node or
--   lies in its subtree (int_org_ancestors), so the root equals the ledger total and every node
--   equals Σ its children + its own holders (own_<metric>: holders whose holder_org_id is the node
--   itself, kept for the identity check). Non-additive counts, from the portfolios directly:
--   clients     = distinct open clients held by a manager of the subtree at the period's end
--   new_clients = distinct clients first assigned within the period to a manager of the subtree
--   managers    = managers of the subtree employed at the period's end (hire_date, leave_date), each
--     at its org of that day (int_manager_orgs)
-- inputs: int_holder_periods, int_org_ancestors, int_periods, int_portfolio_months,
--   int_clients_first_assigned, stg_extract__orgs, stg_extract__managers, int_manager_orgs.
with periods as (
  select period, start_date, end_date from int_periods
),
orgs as (
  select org_id from stg_extract__orgs
),
ancestors as (
  select org_id, ancestor_id from int_org_ancestors
),
summed as (
  select
    h.period,
    a.ancestor_id as org_id,
    sum(h.deposit_avg_balance) as deposit_avg_balance,
    sum(h.deposit_end_balance) as deposit_end_balance,
    sum(h.deposit_spread) as deposit_spread,
    sum(h.loan_avg_balance) as loan_avg_balance,
    sum(h.loan_end_balance) as loan_end_balance,
    sum(h.loan_spread) as loan_spread,
    sum(h.fee_income) as fee_income,
    sum(h.profit_contribution) as profit_contribution,
    sum(h.expected_loss) as expected_loss,
    sum(h.risk_adjusted_contribution) as risk_adjusted_contribution,
    sum(h.npl_balance) as npl_balance,
    sum(h.turned_npl_count) as turned_npl_count,
    sum(h.turned_npl_balance) as turned_npl_balance,
    sum(h.sales_deposit_units) as sales_deposit_units,
    sum(h.sales_deposit_amount) as sales_deposit_amount,
    sum(h.sales_loan_units) as sales_loan_units,
    sum(h.sales_loan_amount) as sales_loan_amount,
    sum(h.sales_fee_units) as sales_fee_units,
    sum(h.sales_fee_amount) as sales_fee_amount,
    sum(h.sales_wealth_units) as sales_wealth_units,
    sum(h.sales_wealth_amount) as sales_wealth_amount,
    sum(h.sales_fund_units) as sales_fund_units,
    sum(h.sales_fund_amount) as sales_fund_amount,
    sum(h.sales_insurance_units) as sales_insurance_units,
    sum(h.sales_insurance_amount) as sales_insurance_amount,
    sum(h.sales_debit_card_units) as sales_debit_card_units,
    sum(h.sales_debit_card_amount) as sales_debit_card_amount,
    sum(h.sales_credit_card_units) as sales_credit_card_units,
    sum(h.sales_credit_card_amount) as sales_credit_card_amount,
    sum(h.sales_ebank_units) as sales_ebank_units,
    sum(h.sales_ebank_amount) as sales_ebank_amount,
    sum(h.sales_agreement_units) as sales_agreement_units,
    sum(h.sales_agreement_amount) as sales_agreement_amount,
    sum(h.sales_other_units) as sales_other_units,
    sum(h.sales_other_amount) as sales_other_amount,
    sum(h.visits) as visits,
    sum(h.development_visits) as development_visits,
    sum(h.net_deposit_increase) as net_deposit_increase,
    sum(h.deposit_avg_balance) filter (where h.holder_org_id = a.ancestor_id) as own_deposit_avg_balance,
    sum(h.deposit_end_balance) filter (where h.holder_org_id = a.ancestor_id) as own_deposit_end_balance,
    sum(h.deposit_spread) filter (where h.holder_org_id = a.ancestor_id) as own_deposit_spread,
    sum(h.loan_avg_balance) filter (where h.holder_org_id = a.ancestor_id) as own_loan_avg_balance,
    sum(h.loan_end_balance) filter (where h.holder_org_id = a.ancestor_id) as own_loan_end_balance,
    sum(h.loan_spread) filter (where h.holder_org_id = a.ancestor_id) as own_loan_spread,
    sum(h.fee_income) filter (where h.holder_org_id = a.ancestor_id) as own_fee_income,
    sum(h.profit_contribution) filter (where h.holder_org_id = a.ancestor_id) as own_profit_contribution,
    sum(h.expected_loss) filter (where h.holder_org_id = a.ancestor_id) as own_expected_loss,
    sum(h.risk_adjusted_contribution) filter (where h.holder_org_id = a.ancestor_id) as own_risk_adjusted_contribution,
    sum(h.npl_balance) filter (where h.holder_org_id = a.ancestor_id) as own_npl_balance,
    sum(h.turned_npl_count) filter (where h.holder_org_id = a.ancestor_id) as own_turned_npl_count,
    sum(h.turned_npl_balance) filter (where h.holder_org_id = a.ancestor_id) as own_turned_npl_balance,
    sum(h.sales_deposit_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_deposit_units,
    sum(h.sales_deposit_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_deposit_amount,
    sum(h.sales_loan_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_loan_units,
    sum(h.sales_loan_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_loan_amount,
    sum(h.sales_fee_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_fee_units,
    sum(h.sales_fee_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_fee_amount,
    sum(h.sales_wealth_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_wealth_units,
    sum(h.sales_wealth_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_wealth_amount,
    sum(h.sales_fund_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_fund_units,
    sum(h.sales_fund_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_fund_amount,
    sum(h.sales_insurance_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_insurance_units,
    sum(h.sales_insurance_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_insurance_amount,
    sum(h.sales_debit_card_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_debit_card_units,
    sum(h.sales_debit_card_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_debit_card_amount,
    sum(h.sales_credit_card_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_credit_card_units,
    sum(h.sales_credit_card_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_credit_card_amount,
    sum(h.sales_ebank_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_ebank_units,
    sum(h.sales_ebank_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_ebank_amount,
    sum(h.sales_agreement_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_agreement_units,
    sum(h.sales_agreement_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_agreement_amount,
    sum(h.sales_other_units) filter (where h.holder_org_id = a.ancestor_id) as own_sales_other_units,
    sum(h.sales_other_amount) filter (where h.holder_org_id = a.ancestor_id) as own_sales_other_amount,
    sum(h.visits) filter (where h.holder_org_id = a.ancestor_id) as own_visits,
    sum(h.development_visits) filter (where h.holder_org_id = a.ancestor_id) as own_development_visits,
  from int_holder_periods as h
  join ancestors as a on a.org_id = h.holder_org_id
  group by h.period, a.ancestor_id
),
held as (
  select month_end, client_id, holder_org_id, share
  from int_portfolio_months
  where manager_id is not null and is_open
),
month_client_counts as (
  -- once per month-end (periods sharing an end date share the count): distinct clients per node.
  -- A client held whole (share 1) has no other holder that day (ingest refuses shares of a client
  -- on a day that do not sum to 1), so those are counted per holder org and carried up the tree;
  -- only shared clients go through the distinct per node × client.
  select month_end, org_id, sum(clients) as clients
  from (
    select w.month_end, a.ancestor_id as org_id, w.clients
    from (
      select month_end, holder_org_id, count(*) as clients from held where share = 1 group by month_end, holder_org_id
    ) as w
    join ancestors as a on a.org_id = w.holder_org_id
    union all
    select month_end, org_id, count(*) as clients
    from (
      select distinct s.month_end, a.ancestor_id as org_id, s.client_id
      from held as s
      join ancestors as a on a.org_id = s.holder_org_id
      where s.share < 1
    )
    group by month_end, org_id
  )
  group by month_end, org_id
),
client_counts as (
  select p.period, c.org_id, c.clients,
  from periods as p
  join month_client_counts as c on c.month_end = p.end_date
),
new_client_counts as (
  -- a client has one first-assignment date: counted once per node and date, then summed over the
  -- dates a period holds (no distinct over period × node × client)
  select p.period, d.org_id, sum(d.clients) as new_clients,
  from periods as p
  join (
    select first_assigned_date, org_id, count(*) as clients
    from (
      select distinct n.client_id, n.first_assigned_date, a.ancestor_id as org_id
      from int_clients_first_assigned as n
      join ancestors as a on a.org_id = n.holder_org_id
    )
    group by first_assigned_date, org_id
  ) as d on d.first_assigned_date between p.start_date and p.end_date
  group by p.period, d.org_id
),
manager_counts as (
  select
    p.period,
    a.ancestor_id as org_id,
    count(*) as managers,
    count(*) filter (where a.org_id = a.ancestor_id) as own_managers,
  from periods as p
  join stg_extract__managers as m
    on (m.hire_date is null or m.hire_date <= p.end_date) and (m.leave_date is null or m.leave_date >= p.end_date)
  join int_manager_orgs as o on o.manager_id = m.manager_id and p.end_date between o.held_from and o.held_to
  join ancestors as a on a.org_id = o.org_id
  group by p.period, a.ancestor_id
)
select
  p.period,
  o.org_id,
  coalesce(s.deposit_avg_balance, 0) as deposit_avg_balance,
  coalesce(s.deposit_end_balance, 0) as deposit_end_balance,
  coalesce(s.deposit_spread, 0) as deposit_spread,
  coalesce(s.loan_avg_balance, 0) as loan_avg_balance,
  coalesce(s.loan_end_balance, 0) as loan_end_balance,
  coalesce(s.loan_spread, 0) as loan_spread,
  coalesce(s.fee_income, 0) as fee_income,
  coalesce(s.profit_contribution, 0) as profit_contribution,
  coalesce(s.expected_loss, 0) as expected_loss,
  coalesce(s.risk_adjusted_contribution, 0) as risk_adjusted_contribution,
  coalesce(s.npl_balance, 0) as npl_balance,
  coalesce(s.turned_npl_count, 0) as turned_npl_count,
  coalesce(s.turned_npl_balance, 0) as turned_npl_balance,
  coalesce(s.sales_deposit_units, 0) as sales_deposit_units,
  coalesce(s.sales_deposit_amount, 0) as sales_deposit_amount,
  coalesce(s.sales_loan_units, 0) as sales_loan_units,
  coalesce(s.sales_loan_amount, 0) as sales_loan_amount,
  coalesce(s.sales_fee_units, 0) as sales_fee_units,
  coalesce(s.sales_fee_amount, 0) as sales_fee_amount,
  coalesce(s.sales_wealth_units, 0) as sales_wealth_units,
  coalesce(s.sales_wealth_amount, 0) as sales_wealth_amount,
  coalesce(s.sales_fund_units, 0) as sales_fund_units,
  coalesce(s.sales_fund_amount, 0) as sales_fund_amount,
  coalesce(s.sales_insurance_units, 0) as sales_insurance_units,
  coalesce(s.sales_insurance_amount, 0) as sales_insurance_amount,
  coalesce(s.sales_debit_card_units, 0) as sales_debit_card_units,
  coalesce(s.sales_debit_card_amount, 0) as sales_debit_card_amount,
  coalesce(s.sales_credit_card_units, 0) as sales_credit_card_units,
  coalesce(s.sales_credit_card_amount, 0) as sales_credit_card_amount,
  coalesce(s.sales_ebank_units, 0) as sales_ebank_units,
  coalesce(s.sales_ebank_amount, 0) as sales_ebank_amount,
  coalesce(s.sales_agreement_units, 0) as sales_agreement_units,
  coalesce(s.sales_agreement_amount, 0) as sales_agreement_amount,
  coalesce(s.sales_other_units, 0) as sales_other_units,
  coalesce(s.sales_other_amount, 0) as sales_other_amount,
  coalesce(s.visits, 0) as visits,
  coalesce(s.development_visits, 0) as development_visits,
  s.net_deposit_increase,
  coalesce(s.own_deposit_avg_balance, 0) as own_deposit_avg_balance,
  coalesce(s.own_deposit_end_balance, 0) as own_deposit_end_balance,
  coalesce(s.own_deposit_spread, 0) as own_deposit_spread,
  coalesce(s.own_loan_avg_balance, 0) as own_loan_avg_balance,
  coalesce(s.own_loan_end_balance, 0) as own_loan_end_balance,
  coalesce(s.own_loan_spread, 0) as own_loan_spread,
  coalesce(s.own_fee_income, 0) as own_fee_income,
  coalesce(s.own_profit_contribution, 0) as own_profit_contribution,
  coalesce(s.own_expected_loss, 0) as own_expected_loss,
  coalesce(s.own_risk_adjusted_contribution, 0) as own_risk_adjusted_contribution,
  coalesce(s.own_npl_balance, 0) as own_npl_balance,
  coalesce(s.own_turned_npl_count, 0) as own_turned_npl_count,
  coalesce(s.own_turned_npl_balance, 0) as own_turned_npl_balance,
  coalesce(s.own_sales_deposit_units, 0) as own_sales_deposit_units,
  coalesce(s.own_sales_deposit_amount, 0) as own_sales_deposit_amount,
  coalesce(s.own_sales_loan_units, 0) as own_sales_loan_units,
  coalesce(s.own_sales_loan_amount, 0) as own_sales_loan_amount,
  coalesce(s.own_sales_fee_units, 0) as own_sales_fee_units,
  coalesce(s.own_sales_fee_amount, 0) as own_sales_fee_amount,
  coalesce(s.own_sales_wealth_units, 0) as own_sales_wealth_units,
  coalesce(s.own_sales_wealth_amount, 0) as own_sales_wealth_amount,
  coalesce(s.own_sales_fund_units, 0) as own_sales_fund_units,
  coalesce(s.own_sales_fund_amount, 0) as own_sales_fund_amount,
  coalesce(s.own_sales_insurance_units, 0) as own_sales_insurance_units,
  coalesce(s.own_sales_insurance_amount, 0) as own_sales_insurance_amount,
  coalesce(s.own_sales_debit_card_units, 0) as own_sales_debit_card_units,
  coalesce(s.own_sales_debit_card_amount, 0) as own_sales_debit_card_amount,
  coalesce(s.own_sales_credit_card_units, 0) as own_sales_credit_card_units,
  coalesce(s.own_sales_credit_card_amount, 0) as own_sales_credit_card_amount,
  coalesce(s.own_sales_ebank_units, 0) as own_sales_ebank_units,
  coalesce(s.own_sales_ebank_amount, 0) as own_sales_ebank_amount,
  coalesce(s.own_sales_agreement_units, 0) as own_sales_agreement_units,
  coalesce(s.own_sales_agreement_amount, 0) as own_sales_agreement_amount,
  coalesce(s.own_sales_other_units, 0) as own_sales_other_units,
  coalesce(s.own_sales_other_amount, 0) as own_sales_other_amount,
  coalesce(s.own_visits, 0) as own_visits,
  coalesce(s.own_development_visits, 0) as own_development_visits,
  cast(coalesce(c.clients, 0) as bigint) as clients,
  cast(coalesce(n.new_clients, 0) as bigint) as new_clients,
  cast(coalesce(m.managers, 0) as bigint) as managers,
  cast(coalesce(m.own_managers, 0) as bigint) as own_managers,
from orgs as o
cross join periods as p
left join summed as s on s.org_id = o.org_id and s.period = p.period
left join client_counts as c on c.org_id = o.org_id and c.period = p.period
left join new_client_counts as n on n.org_id = o.org_id and n.period = p.period
left join manager_counts as m on m.org_id = o.org_id and m.period = p.period
