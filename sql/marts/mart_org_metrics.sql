-- mart_org_metrics: each org's metrics in long form, against base and target (scorecards read this).
-- grain: one row per org × period × metric (every metric column of mart_org_period);
--   keys: period, org_id, metric.
-- formula:
--   actual      = the figure of mart_org_period
--   base        = a base_value given in the targets file for (org, period, metric), else the
--                 computed base: what the org's portfolio at the period's end produced in the
--                 same period a year earlier (int_holder_bases, summed over the subtree), money rounded to
--                 the fen; 0 when the base period is loaded but the portfolio produced nothing then,
--                 null when it is not loaded; null for counts of clients, managers and visits
--   target      = target_value of the targets file; a year-to-date period ending a quarter takes the
--                 target of the period with the same months: 03-ytd ← Q1, 06-ytd ← H1, 12-ytd ← Y
--   achievement = actual / target (6 decimals; null without a target or when it is 0)
--   growth      = actual − base
-- inputs: mart_org_period, int_holder_bases, int_periods, int_deposit_months, stg_extract__targets, int_org_ancestors.
with actuals_wide as (
  select
    period,
    org_id,
    cast(deposit_avg_balance as decimal(24,6)) as deposit_avg_balance,
    cast(deposit_end_balance as decimal(24,6)) as deposit_end_balance,
    cast(net_deposit_increase as decimal(24,6)) as net_deposit_increase,
    cast(deposit_spread as decimal(24,6)) as deposit_spread,
    cast(loan_avg_balance as decimal(24,6)) as loan_avg_balance,
    cast(loan_end_balance as decimal(24,6)) as loan_end_balance,
    cast(loan_spread as decimal(24,6)) as loan_spread,
    cast(fee_income as decimal(24,6)) as fee_income,
    cast(profit_contribution as decimal(24,6)) as profit_contribution,
    cast(expected_loss as decimal(24,6)) as expected_loss,
    cast(risk_adjusted_contribution as decimal(24,6)) as risk_adjusted_contribution,
    cast(npl_balance as decimal(24,6)) as npl_balance,
    cast(npl_ratio as decimal(24,6)) as npl_ratio,
    cast(turned_npl_count as decimal(24,6)) as turned_npl_count,
    cast(turned_npl_balance as decimal(24,6)) as turned_npl_balance,
    cast(sales_deposit_units as decimal(24,6)) as sales_deposit_units,
    cast(sales_deposit_amount as decimal(24,6)) as sales_deposit_amount,
    cast(sales_loan_units as decimal(24,6)) as sales_loan_units,
    cast(sales_loan_amount as decimal(24,6)) as sales_loan_amount,
    cast(sales_fee_units as decimal(24,6)) as sales_fee_units,
    cast(sales_fee_amount as decimal(24,6)) as sales_fee_amount,
    cast(sales_wealth_units as decimal(24,6)) as sales_wealth_units,
    cast(sales_wealth_amount as decimal(24,6)) as sales_wealth_amount,
    cast(sales_fund_units as decimal(24,6)) as sales_fund_units,
    cast(sales_fund_amount as decimal(24,6)) as sales_fund_amount,
    cast(sales_insurance_units as decimal(24,6)) as sales_insurance_units,
    cast(sales_insurance_amount as decimal(24,6)) as sales_insurance_amount,
    cast(sales_debit_card_units as decimal(24,6)) as sales_debit_card_units,
    cast(sales_debit_card_amount as decimal(24,6)) as sales_debit_card_amount,
    cast(sales_credit_card_units as decimal(24,6)) as sales_credit_card_units,
    cast(sales_credit_card_amount as decimal(24,6)) as sales_credit_card_amount,
    cast(sales_ebank_units as decimal(24,6)) as sales_ebank_units,
    cast(sales_ebank_amount as decimal(24,6)) as sales_ebank_amount,
    cast(sales_agreement_units as decimal(24,6)) as sales_agreement_units,
    cast(sales_agreement_amount as decimal(24,6)) as sales_agreement_amount,
    cast(sales_other_units as decimal(24,6)) as sales_other_units,
    cast(sales_other_amount as decimal(24,6)) as sales_other_amount,
    cast(visits as decimal(24,6)) as visits,
    cast(development_visits as decimal(24,6)) as development_visits,
    cast(clients as decimal(24,6)) as clients,
    cast(new_clients as decimal(24,6)) as new_clients,
    cast(managers as decimal(24,6)) as managers,
    cast(span_of_management as decimal(24,6)) as span_of_management,
  from mart_org_period
),
actuals as (
  select period, org_id, metric, actual,
  from actuals_wide
  unpivot include nulls (actual for metric in (deposit_avg_balance, deposit_end_balance, net_deposit_increase, deposit_spread, loan_avg_balance, loan_end_balance, loan_spread, fee_income, profit_contribution, expected_loss, risk_adjusted_contribution, npl_balance, npl_ratio, turned_npl_count, turned_npl_balance, sales_deposit_units, sales_deposit_amount, sales_loan_units, sales_loan_amount, sales_fee_units, sales_fee_amount, sales_wealth_units, sales_wealth_amount, sales_fund_units, sales_fund_amount, sales_insurance_units, sales_insurance_amount, sales_debit_card_units, sales_debit_card_amount, sales_credit_card_units, sales_credit_card_amount, sales_ebank_units, sales_ebank_amount, sales_agreement_units, sales_agreement_amount, sales_other_units, sales_other_amount, visits, development_visits, clients, new_clients, managers, span_of_management))
),
base_sums as (
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
    sum(h.net_deposit_increase) as net_deposit_increase,
  from int_holder_bases as h
  join int_org_ancestors as a on a.org_id = h.holder_org_id
  group by h.period, a.ancestor_id
),
bases_wide as (
  select
    b.period,
    b.org_id,
    cast(round_fen(b.deposit_avg_balance) as decimal(24,6)) as deposit_avg_balance,
    cast(round_fen(b.deposit_end_balance) as decimal(24,6)) as deposit_end_balance,
    cast(round_fen(b.deposit_spread) as decimal(24,6)) as deposit_spread,
    cast(round_fen(b.loan_avg_balance) as decimal(24,6)) as loan_avg_balance,
    cast(round_fen(b.loan_end_balance) as decimal(24,6)) as loan_end_balance,
    cast(round_fen(b.loan_spread) as decimal(24,6)) as loan_spread,
    cast(round_fen(b.fee_income) as decimal(24,6)) as fee_income,
    cast(round_fen(b.profit_contribution) as decimal(24,6)) as profit_contribution,
    cast(round_fen(b.expected_loss) as decimal(24,6)) as expected_loss,
    cast(round_fen(b.risk_adjusted_contribution) as decimal(24,6)) as risk_adjusted_contribution,
    cast(round_fen(b.npl_balance) as decimal(24,6)) as npl_balance,
    cast(b.turned_npl_count as decimal(24,6)) as turned_npl_count,
    cast(round_fen(b.turned_npl_balance) as decimal(24,6)) as turned_npl_balance,
    cast(b.sales_deposit_units as decimal(24,6)) as sales_deposit_units,
    cast(round_fen(b.sales_deposit_amount) as decimal(24,6)) as sales_deposit_amount,
    cast(b.sales_loan_units as decimal(24,6)) as sales_loan_units,
    cast(round_fen(b.sales_loan_amount) as decimal(24,6)) as sales_loan_amount,
    cast(b.sales_fee_units as decimal(24,6)) as sales_fee_units,
    cast(round_fen(b.sales_fee_amount) as decimal(24,6)) as sales_fee_amount,
    cast(b.sales_wealth_units as decimal(24,6)) as sales_wealth_units,
    cast(round_fen(b.sales_wealth_amount) as decimal(24,6)) as sales_wealth_amount,
    cast(b.sales_fund_units as decimal(24,6)) as sales_fund_units,
    cast(round_fen(b.sales_fund_amount) as decimal(24,6)) as sales_fund_amount,
    cast(b.sales_insurance_units as decimal(24,6)) as sales_insurance_units,
    cast(round_fen(b.sales_insurance_amount) as decimal(24,6)) as sales_insurance_amount,
    cast(b.sales_debit_card_units as decimal(24,6)) as sales_debit_card_units,
    cast(round_fen(b.sales_debit_card_amount) as decimal(24,6)) as sales_debit_card_amount,
    cast(b.sales_credit_card_units as decimal(24,6)) as sales_credit_card_units,
    cast(round_fen(b.sales_credit_card_amount) as decimal(24,6)) as sales_credit_card_amount,
    cast(b.sales_ebank_units as decimal(24,6)) as sales_ebank_units,
    cast(round_fen(b.sales_ebank_amount) as decimal(24,6)) as sales_ebank_amount,
    cast(b.sales_agreement_units as decimal(24,6)) as sales_agreement_units,
    cast(round_fen(b.sales_agreement_amount) as decimal(24,6)) as sales_agreement_amount,
    cast(b.sales_other_units as decimal(24,6)) as sales_other_units,
    cast(round_fen(b.sales_other_amount) as decimal(24,6)) as sales_other_amount,
    cast(round_fen(b.net_deposit_increase) as decimal(24,6)) as net_deposit_increase,
    cast(div_ratio(b.npl_balance, b.loan_end_balance) as decimal(24,6)) as npl_ratio,
  from base_sums as b
),
bases as (
  select period, org_id, metric, base,
  from bases_wide
  unpivot include nulls (base for metric in (deposit_avg_balance, deposit_end_balance, deposit_spread, loan_avg_balance, loan_end_balance, loan_spread, fee_income, profit_contribution, expected_loss, risk_adjusted_contribution, npl_balance, turned_npl_count, turned_npl_balance, sales_deposit_units, sales_deposit_amount, sales_loan_units, sales_loan_amount, sales_fee_units, sales_fee_amount, sales_wealth_units, sales_wealth_amount, sales_fund_units, sales_fund_amount, sales_insurance_units, sales_insurance_amount, sales_debit_card_units, sales_debit_card_amount, sales_credit_card_units, sales_credit_card_amount, sales_ebank_units, sales_ebank_amount, sales_agreement_units, sales_agreement_amount, sales_other_units, sales_other_amount, net_deposit_increase, npl_ratio))
),
base_loaded as (
  -- is the base period loaded, and has it a deposit snapshot at its own base date (for net deposit increase)?
  select
    p.period,
    b.period is not null as loaded,
    exists (select 1 from int_deposit_months as d where d.month_end = b.base_date) as ndi_known,
  from int_periods as p
  left join int_periods as b on b.period = p.base_period
),
targets as (
  select period_key as period, subject_id as org_id, metric, base_value, target_value,
  from stg_extract__targets
  where subject_type = 'org'
  union all
  select
    cast(year as varchar) || case period when 'Q1' then '-03-ytd' when 'H1' then '-06-ytd' else '-12-ytd' end,
    subject_id, metric, base_value, target_value,
  from stg_extract__targets
  where subject_type = 'org' and period in ('Q1', 'H1', 'Y')
),
combined as (
  select
    a.period,
    a.org_id,
    a.metric,
    a.actual,
    coalesce(
      t.base_value,
      b.base,
      case when l.loaded and a.metric in ('deposit_avg_balance', 'deposit_end_balance', 'deposit_spread', 'loan_avg_balance', 'loan_end_balance', 'loan_spread', 'fee_income', 'profit_contribution', 'expected_loss', 'risk_adjusted_contribution', 'npl_balance', 'turned_npl_count', 'turned_npl_balance', 'sales_deposit_units', 'sales_deposit_amount', 'sales_loan_units', 'sales_loan_amount', 'sales_fee_units', 'sales_fee_amount', 'sales_wealth_units', 'sales_wealth_amount', 'sales_fund_units', 'sales_fund_amount', 'sales_insurance_units', 'sales_insurance_amount', 'sales_debit_card_units', 'sales_debit_card_amount', 'sales_credit_card_units', 'sales_credit_card_amount', 'sales_ebank_units', 'sales_ebank_amount', 'sales_agreement_units', 'sales_agreement_amount', 'sales_other_units', 'sales_other_amount', 'net_deposit_increase', 'npl_ratio') and (a.metric <> 'net_deposit_increase' or l.ndi_known) then 0 end
    ) as base,
    t.target_value as target,
  from actuals as a
  join base_loaded as l on l.period = a.period
  left join bases as b on b.period = a.period and b.org_id = a.org_id and b.metric = a.metric
  left join targets as t on t.period = a.period and t.org_id = a.org_id and t.metric = a.metric
)
select
  period,
  org_id,
  metric,
  cast(actual as decimal(24,6)) as actual,
  cast(base as decimal(24,6)) as base,
  cast(target as decimal(24,6)) as target,
  case when target <> 0 then div_ratio(actual, target) end as achievement, -- the HUGEINT division only where a target exists
  cast(actual - base as decimal(24,6)) as growth,
from combined

-- written in key order: the API reads it by period and subject, and DuckDB skips the row groups
-- whose zone maps exclude them (sql/README.md, "Row order")
order by period, org_id, metric
