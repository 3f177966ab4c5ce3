-- int_holder_bases: base figures (基数) — what each holder's current portfolio produced a year earlier.
-- grain: one row per period × holder, for the periods whose base period (same period a year
--   earlier) is loaded; keys: period, manager_id, holder_org_id (manager_id null = unassigned bucket).
-- formula: base(h, P, metric) = Σ over the clients c held by h at P's end_date (int_portfolio_months)
--   of share(c, h) × the client's full figure in base_period(P) (int_client_periods). History follows
--   the client: a client reassigned to h brings its prior-year figures with it, whoever held them then.
--   net_deposit_increase base is null when the base period's own base date has no deposit snapshot.
--   Holders with nothing in their portfolio a year ago get 0, not null. A base given in the targets
--   file is applied later (mart_manager_metrics, mart_org_metrics) and wins over this one.
--   Additive metrics only; ratios are derived from these (npl_ratio base = npl_balance base ÷
--   loan_end_balance base), counts of clients and visits have no base.
-- inputs: int_periods, int_portfolio_months, int_client_periods, int_holder_periods, int_deposits_priced.
with periods as (
  select period, end_date, base_period from int_periods
),
base_periods as (
  -- periods whose base period is loaded, and whether that base period has its own base-date snapshot
  select
    p.period,
    p.end_date,
    p.base_period,
    exists (select 1 from int_deposits_priced as d where d.month_end = b.base_date) as base_ndi_known,
  from periods as p
  join int_periods as b on b.period = p.base_period
),
portfolios as (
  select month_end, client_id, manager_id, holder_org_id, share from int_portfolio_months
),
client_figures as (
  select * from int_client_periods
),
summed as (
  select
    p.period,
    f.manager_id,
    f.holder_org_id,
    sum(f.share * c.deposit_avg_balance) as deposit_avg_balance,
    sum(f.share * c.deposit_end_balance) as deposit_end_balance,
    sum(f.share * c.deposit_spread) as deposit_spread,
    sum(f.share * c.loan_avg_balance) as loan_avg_balance,
    sum(f.share * c.loan_end_balance) as loan_end_balance,
    sum(f.share * c.loan_spread) as loan_spread,
    sum(f.share * c.expected_loss) as expected_loss,
    sum(f.share * c.fee_income) as fee_income,
    sum(f.share * c.profit_contribution) as profit_contribution,
    sum(f.share * c.risk_adjusted_contribution) as risk_adjusted_contribution,
    sum(f.share * c.npl_balance) as npl_balance,
    sum(f.share * c.turned_npl_count) as turned_npl_count,
    sum(f.share * c.turned_npl_balance) as turned_npl_balance,
    sum(f.share * c.sales_deposit_units) as sales_deposit_units,
    sum(f.share * c.sales_deposit_amount) as sales_deposit_amount,
    sum(f.share * c.sales_loan_units) as sales_loan_units,
    sum(f.share * c.sales_loan_amount) as sales_loan_amount,
    sum(f.share * c.sales_fee_units) as sales_fee_units,
    sum(f.share * c.sales_fee_amount) as sales_fee_amount,
    sum(f.share * c.sales_wealth_units) as sales_wealth_units,
    sum(f.share * c.sales_wealth_amount) as sales_wealth_amount,
    sum(f.share * c.sales_fund_units) as sales_fund_units,
    sum(f.share * c.sales_fund_amount) as sales_fund_amount,
    sum(f.share * c.sales_insurance_units) as sales_insurance_units,
    sum(f.share * c.sales_insurance_amount) as sales_insurance_amount,
    sum(f.share * c.sales_debit_card_units) as sales_debit_card_units,
    sum(f.share * c.sales_debit_card_amount) as sales_debit_card_amount,
    sum(f.share * c.sales_credit_card_units) as sales_credit_card_units,
    sum(f.share * c.sales_credit_card_amount) as sales_credit_card_amount,
    sum(f.share * c.sales_ebank_units) as sales_ebank_units,
    sum(f.share * c.sales_ebank_amount) as sales_ebank_amount,
    sum(f.share * c.sales_agreement_units) as sales_agreement_units,
    sum(f.share * c.sales_agreement_amount) as sales_agreement_amount,
    sum(f.share * c.sales_other_units) as sales_other_units,
    sum(f.share * c.sales_other_amount) as sales_other_amount,
    sum(f.share * c.net_deposit_increase) as net_deposit_increase,
  from base_periods as p
  join portfolios as f on f.month_end = p.end_date
  join client_figures as c on c.period = p.base_period and c.client_id = f.client_id
  group by p.period, f.manager_id, f.holder_org_id
),
holders as (
  select h.period, h.manager_id, h.holder_org_id from int_holder_periods as h semi join base_periods as p on p.period = h.period
  union
  select period, manager_id, holder_org_id from summed
)
select
  h.period,
  p.base_period,
  h.manager_id,
  h.holder_org_id,
  cast(coalesce(s.deposit_avg_balance, 0) as decimal(38,12)) as deposit_avg_balance,
  cast(coalesce(s.deposit_end_balance, 0) as decimal(38,12)) as deposit_end_balance,
  cast(coalesce(s.deposit_spread, 0) as decimal(38,12)) as deposit_spread,
  cast(coalesce(s.loan_avg_balance, 0) as decimal(38,12)) as loan_avg_balance,
  cast(coalesce(s.loan_end_balance, 0) as decimal(38,12)) as loan_end_balance,
  cast(coalesce(s.loan_spread, 0) as decimal(38,12)) as loan_spread,
  cast(coalesce(s.expected_loss, 0) as decimal(38,12)) as expected_loss,
  cast(coalesce(s.fee_income, 0) as decimal(38,12)) as fee_income,
  cast(coalesce(s.profit_contribution, 0) as decimal(38,12)) as profit_contribution,
  cast(coalesce(s.risk_adjusted_contribution, 0) as decimal(38,12)) as risk_adjusted_contribution,
  cast(coalesce(s.npl_balance, 0) as decimal(38,12)) as npl_balance,
  cast(coalesce(s.turned_npl_count, 0) as decimal(38,6)) as turned_npl_count,
  cast(coalesce(s.turned_npl_balance, 0) as decimal(38,12)) as turned_npl_balance,
  cast(coalesce(s.sales_deposit_units, 0) as decimal(38,6)) as sales_deposit_units,
  cast(coalesce(s.sales_deposit_amount, 0) as decimal(38,12)) as sales_deposit_amount,
  cast(coalesce(s.sales_loan_units, 0) as decimal(38,6)) as sales_loan_units,
  cast(coalesce(s.sales_loan_amount, 0) as decimal(38,12)) as sales_loan_amount,
  cast(coalesce(s.sales_fee_units, 0) as decimal(38,6)) as sales_fee_units,
  cast(coalesce(s.sales_fee_amount, 0) as decimal(38,12)) as sales_fee_amount,
  cast(coalesce(s.sales_wealth_units, 0) as decimal(38,6)) as sales_wealth_units,
  cast(coalesce(s.sales_wealth_amount, 0) as decimal(38,12)) as sales_wealth_amount,
  cast(coalesce(s.sales_fund_units, 0) as decimal(38,6)) as sales_fund_units,
  cast(coalesce(s.sales_fund_amount, 0) as decimal(38,12)) as sales_fund_amount,
  cast(coalesce(s.sales_insurance_units, 0) as decimal(38,6)) as sales_insurance_units,
  cast(coalesce(s.sales_insurance_amount, 0) as decimal(38,12)) as sales_insurance_amount,
  cast(coalesce(s.sales_debit_card_units, 0) as decimal(38,6)) as sales_debit_card_units,
  cast(coalesce(s.sales_debit_card_amount, 0) as decimal(38,12)) as sales_debit_card_amount,
  cast(coalesce(s.sales_credit_card_units, 0) as decimal(38,6)) as sales_credit_card_units,
  cast(coalesce(s.sales_credit_card_amount, 0) as decimal(38,12)) as sales_credit_card_amount,
  cast(coalesce(s.sales_ebank_units, 0) as decimal(38,6)) as sales_ebank_units,
  cast(coalesce(s.sales_ebank_amount, 0) as decimal(38,12)) as sales_ebank_amount,
  cast(coalesce(s.sales_agreement_units, 0) as decimal(38,6)) as sales_agreement_units,
  cast(coalesce(s.sales_agreement_amount, 0) as decimal(38,12)) as sales_agreement_amount,
  cast(coalesce(s.sales_other_units, 0) as decimal(38,6)) as sales_other_units,
  cast(coalesce(s.sales_other_amount, 0) as decimal(38,12)) as sales_other_amount,
  case when p.base_ndi_known then cast(coalesce(s.net_deposit_increase, 0) as decimal(38,12)) end as net_deposit_increase,
from holders as h
join base_periods as p on p.period = h.period
left join summed as s
  on s.period = h.period and s.manager_id is not distinct from h.manager_id and s.holder_org_id is not distinct from h.holder_org_id
