-- int_holder_periods: each holder's figures per period, at full precision.
-- grain: one row per period × holder, a holder being a manager or the unassigned bucket of an org;
--   keys: period, manager_id, holder_org_id (manager_id null = unassigned bucket of holder_org_id).
-- formula: as int_client_periods, summed over the holder's attributed rows (int_holder_months:
--   every row already × the share in force on its date), and:
--   net_deposit_increase = deposit_end_balance − Σ over the clients held at P's end of
--     share × the client's deposit balance at base_date (history follows the client; the
--     unassigned bucket takes the clients without assignment at P's end, at their home org);
--     null when no deposit snapshot exists at base_date
--   clients     = open clients in the holder's portfolio at P's end (each counts 1, shared or not)
--   new_clients = clients whose first assignment (int_clients_first_assigned) falls within P,
--     counted for the managers of that first assignment (unassigned: 0)
-- inputs: int_holder_months, int_period_months, int_periods, int_portfolio_months,
--   int_clients_first_assigned, int_deposits_priced.
with periods as (
  select period, start_date, end_date, days, base_date from int_periods
),
period_months as (
  select period, month_end, days_in_month from int_period_months
),
holder_months as (
  select * from int_holder_months
),
portfolios as (
  select month_end, client_id, manager_id, holder_org_id, share, is_open from int_portfolio_months
),
deposit_months as (
  select distinct month_end from int_deposits_priced
),
aggregated as (
  select
    pm.period,
    m.manager_id,
    m.holder_org_id,
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
  from holder_months as m
  join period_months as pm on pm.month_end = m.month_end
  join periods as p on p.period = pm.period
  group by pm.period, m.manager_id, m.holder_org_id
),
client_base_date_balances as (
  select month_end, client_id, sum(deposit_end_balance) as deposit_end_balance,
  from holder_months
  where client_id is not null and month_end in (select base_date from periods)
  group by month_end, client_id
),
base_date_part as (
  select p.period, f.manager_id, f.holder_org_id,
    sum(f.share * b.deposit_end_balance) as base_date_balance,
  from periods as p
  join portfolios as f on f.month_end = p.end_date
  join client_base_date_balances as b on b.month_end = p.base_date and b.client_id = f.client_id
  group by p.period, f.manager_id, f.holder_org_id
),
portfolio_counts as (
  select p.period, f.manager_id, f.holder_org_id, count(distinct f.client_id) as clients,
  from periods as p
  join portfolios as f on f.month_end = p.end_date
  where f.is_open
  group by p.period, f.manager_id, f.holder_org_id
),
new_client_counts as (
  select p.period, n.manager_id, n.holder_org_id, count(distinct n.client_id) as new_clients,
  from periods as p
  join int_clients_first_assigned as n on n.first_assigned_date between p.start_date and p.end_date
  group by p.period, n.manager_id, n.holder_org_id
),
keyed as (
  select period, manager_id, holder_org_id from aggregated
  union
  select period, manager_id, holder_org_id from base_date_part
  union
  select period, manager_id, holder_org_id from portfolio_counts
  union
  select period, manager_id, holder_org_id from new_client_counts
)
select
  k.period,
  k.manager_id,
  k.holder_org_id,
  coalesce(a.deposit_avg_balance, 0) as deposit_avg_balance,
  coalesce(a.loan_avg_balance, 0) as loan_avg_balance,
  coalesce(a.deposit_end_balance, 0) as deposit_end_balance,
  coalesce(a.loan_end_balance, 0) as loan_end_balance,
  coalesce(a.npl_balance, 0) as npl_balance,
  case when dm.month_end is null then null else cast(coalesce(a.deposit_end_balance, 0) - coalesce(b.base_date_balance, 0) as decimal(38,12)) end as net_deposit_increase,
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
  cast(coalesce(c.clients, 0) as bigint) as clients,
  cast(coalesce(n.new_clients, 0) as bigint) as new_clients,
from keyed as k
join periods as p on p.period = k.period
left join aggregated as a
  on a.period = k.period and a.manager_id is not distinct from k.manager_id and a.holder_org_id is not distinct from k.holder_org_id
left join base_date_part as b
  on b.period = k.period and b.manager_id is not distinct from k.manager_id and b.holder_org_id is not distinct from k.holder_org_id
left join portfolio_counts as c
  on c.period = k.period and c.manager_id is not distinct from k.manager_id and c.holder_org_id is not distinct from k.holder_org_id
left join new_client_counts as n
  on n.period = k.period and n.manager_id is not distinct from k.manager_id and n.holder_org_id is not distinct from k.holder_org_id
left join deposit_months as dm on dm.month_end = p.base_date
