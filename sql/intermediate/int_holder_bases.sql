-- int_holder_bases: base figures (基数) — what each holder's current portfolio produced a year earlier.
-- grain: one row per period × holder, for the periods whose base period (same period a year
--   earlier) is loaded; keys: period, manager_id, holder_org_id (manager_id null = unassigned bucket).
-- formula: base(h, P, metric) = Σ over the clients c held by h at P's end_date (int_portfolio_months)
--   of share(c, h) × the client's full figure in base_period(P) (int_client_periods; sales from
--   int_sales_periods). History follows the client: a client reassigned to h brings its prior-year
--   figures with it, whoever held them then.
--   net_deposit_increase base is null when the base period's own base date has no deposit snapshot.
--   Holders with nothing in their portfolio a year ago get 0, not null. A base given in the targets
--   file is applied later (mart_manager_metrics, mart_org_metrics) and wins over this one.
--   Additive metrics only; ratios are derived from these (npl_ratio base = npl_balance base ÷
--   loan_end_balance base), counts of clients and visits have no base. Exact products (share ×
--   figure), rounded in the marts.
-- inputs: int_periods, int_portfolio_months, int_client_periods, int_sales_periods, int_holder_periods,
--   int_deposit_months.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with periods as (
  select period, end_date, base_period from int_periods
),
base_periods as (
  -- periods whose base period is loaded, and whether that base period has its own base-date snapshot
  select
    p.period,
    p.end_date,
    p.base_period,
    exists (select 1 from int_deposit_months as d where d.month_end = b.base_date) as base_ndi_known,
  from periods as p
  join int_periods as b on b.period = p.base_period
),
held as (
  select p.period, p.base_period, f.client_id, f.manager_id, f.holder_org_id, f.share,
  from base_periods as p
  join int_portfolio_months as f on f.month_end = p.end_date
),
summed as (
  select
    f.period,
    f.manager_id,
    f.holder_org_id,
    sum(f.share * cast(c.deposit_avg_balance as decimal(38,8))) as deposit_avg_balance,
    sum(f.share * cast(c.deposit_end_balance as decimal(38,8))) as deposit_end_balance,
    sum(f.share * cast(c.deposit_spread as decimal(38,8))) as deposit_spread,
    sum(f.share * cast(c.loan_avg_balance as decimal(38,8))) as loan_avg_balance,
    sum(f.share * cast(c.loan_end_balance as decimal(38,8))) as loan_end_balance,
    sum(f.share * cast(c.loan_spread as decimal(38,8))) as loan_spread,
    sum(f.share * cast(c.expected_loss as decimal(38,8))) as expected_loss,
    sum(f.share * cast(c.fee_income as decimal(38,8))) as fee_income,
    sum(f.share * cast(c.profit_contribution as decimal(38,8))) as profit_contribution,
    sum(f.share * cast(c.risk_adjusted_contribution as decimal(38,8))) as risk_adjusted_contribution,
    sum(f.share * cast(c.npl_balance as decimal(38,8))) as npl_balance,
    sum(f.share * cast(c.turned_npl_count as decimal(38,8))) as turned_npl_count,
    sum(f.share * cast(c.turned_npl_balance as decimal(38,8))) as turned_npl_balance,
    sum(f.share * cast(c.net_deposit_increase as decimal(38,8))) as net_deposit_increase,
  from held as f
  -- only the base periods' rows go into the join (100,000 clients: the step 5.7 → 4.8 s)
  join (select * from int_client_periods where period in (select base_period from base_periods)) as c
    on c.period = f.base_period and c.client_id = f.client_id
  group by f.period, f.manager_id, f.holder_org_id
),
client_sales as (
  -- int_sales_periods is one row per period × client × category already
  select period, client_id, category, cast(units as decimal(38,6)) as units, cast(amount as decimal(38,8)) as amount,
  from int_sales_periods
),
sales_long as (
  select f.period, f.manager_id, f.holder_org_id, s.category,
    sum(f.share * s.units) as units, sum(f.share * s.amount) as amount,
  from held as f
  join (select * from client_sales where period in (select base_period from base_periods)) as s
    on s.period = f.base_period and s.client_id = f.client_id
  group by f.period, f.manager_id, f.holder_org_id, s.category
),
sales as (
  select
    period, manager_id, holder_org_id,
    cast(coalesce(sum(units) filter (where category = 'deposit'), 0) as decimal(38,6)) as sales_deposit_units,
    cast(coalesce(sum(amount) filter (where category = 'deposit'), 0) as decimal(38,8)) as sales_deposit_amount,
    cast(coalesce(sum(units) filter (where category = 'loan'), 0) as decimal(38,6)) as sales_loan_units,
    cast(coalesce(sum(amount) filter (where category = 'loan'), 0) as decimal(38,8)) as sales_loan_amount,
    cast(coalesce(sum(units) filter (where category = 'fee'), 0) as decimal(38,6)) as sales_fee_units,
    cast(coalesce(sum(amount) filter (where category = 'fee'), 0) as decimal(38,8)) as sales_fee_amount,
    cast(coalesce(sum(units) filter (where category = 'wealth'), 0) as decimal(38,6)) as sales_wealth_units,
    cast(coalesce(sum(amount) filter (where category = 'wealth'), 0) as decimal(38,8)) as sales_wealth_amount,
    cast(coalesce(sum(units) filter (where category = 'fund'), 0) as decimal(38,6)) as sales_fund_units,
    cast(coalesce(sum(amount) filter (where category = 'fund'), 0) as decimal(38,8)) as sales_fund_amount,
    cast(coalesce(sum(units) filter (where category = 'insurance'), 0) as decimal(38,6)) as sales_insurance_units,
    cast(coalesce(sum(amount) filter (where category = 'insurance'), 0) as decimal(38,8)) as sales_insurance_amount,
    cast(coalesce(sum(units) filter (where category = 'debit_card'), 0) as decimal(38,6)) as sales_debit_card_units,
    cast(coalesce(sum(amount) filter (where category = 'debit_card'), 0) as decimal(38,8)) as sales_debit_card_amount,
    cast(coalesce(sum(units) filter (where category = 'credit_card'), 0) as decimal(38,6)) as sales_credit_card_units,
    cast(coalesce(sum(amount) filter (where category = 'credit_card'), 0) as decimal(38,8)) as sales_credit_card_amount,
    cast(coalesce(sum(units) filter (where category = 'ebank'), 0) as decimal(38,6)) as sales_ebank_units,
    cast(coalesce(sum(amount) filter (where category = 'ebank'), 0) as decimal(38,8)) as sales_ebank_amount,
    cast(coalesce(sum(units) filter (where category = 'agreement'), 0) as decimal(38,6)) as sales_agreement_units,
    cast(coalesce(sum(amount) filter (where category = 'agreement'), 0) as decimal(38,8)) as sales_agreement_amount,
    cast(coalesce(sum(units) filter (where category = 'other'), 0) as decimal(38,6)) as sales_other_units,
    cast(coalesce(sum(amount) filter (where category = 'other'), 0) as decimal(38,8)) as sales_other_amount,
  from sales_long
  group by period, manager_id, holder_org_id
),
holders as (
  select h.period, h.manager_id, h.holder_org_id from int_holder_periods as h semi join base_periods as p on p.period = h.period
  union
  select period, manager_id, holder_org_id from summed
  union
  select period, manager_id, holder_org_id from sales
)
select
  h.period,
  p.base_period,
  h.manager_id,
  h.holder_org_id,
  cast(coalesce(s.deposit_avg_balance, 0) as decimal(38,14)) as deposit_avg_balance,
  cast(coalesce(s.deposit_end_balance, 0) as decimal(38,14)) as deposit_end_balance,
  cast(coalesce(s.deposit_spread, 0) as decimal(38,14)) as deposit_spread,
  cast(coalesce(s.loan_avg_balance, 0) as decimal(38,14)) as loan_avg_balance,
  cast(coalesce(s.loan_end_balance, 0) as decimal(38,14)) as loan_end_balance,
  cast(coalesce(s.loan_spread, 0) as decimal(38,14)) as loan_spread,
  cast(coalesce(s.expected_loss, 0) as decimal(38,14)) as expected_loss,
  cast(coalesce(s.fee_income, 0) as decimal(38,14)) as fee_income,
  cast(coalesce(s.profit_contribution, 0) as decimal(38,14)) as profit_contribution,
  cast(coalesce(s.risk_adjusted_contribution, 0) as decimal(38,14)) as risk_adjusted_contribution,
  cast(coalesce(s.npl_balance, 0) as decimal(38,14)) as npl_balance,
  cast(coalesce(s.turned_npl_count, 0) as decimal(38,12)) as turned_npl_count,
  cast(coalesce(s.turned_npl_balance, 0) as decimal(38,14)) as turned_npl_balance,
  case when p.base_ndi_known then cast(coalesce(s.net_deposit_increase, 0) as decimal(38,8)) end as net_deposit_increase,
  cast(coalesce(x.sales_deposit_units, 0) as decimal(38,12)) as sales_deposit_units,
  cast(coalesce(x.sales_deposit_amount, 0) as decimal(38,14)) as sales_deposit_amount,
  cast(coalesce(x.sales_loan_units, 0) as decimal(38,12)) as sales_loan_units,
  cast(coalesce(x.sales_loan_amount, 0) as decimal(38,14)) as sales_loan_amount,
  cast(coalesce(x.sales_fee_units, 0) as decimal(38,12)) as sales_fee_units,
  cast(coalesce(x.sales_fee_amount, 0) as decimal(38,14)) as sales_fee_amount,
  cast(coalesce(x.sales_wealth_units, 0) as decimal(38,12)) as sales_wealth_units,
  cast(coalesce(x.sales_wealth_amount, 0) as decimal(38,14)) as sales_wealth_amount,
  cast(coalesce(x.sales_fund_units, 0) as decimal(38,12)) as sales_fund_units,
  cast(coalesce(x.sales_fund_amount, 0) as decimal(38,14)) as sales_fund_amount,
  cast(coalesce(x.sales_insurance_units, 0) as decimal(38,12)) as sales_insurance_units,
  cast(coalesce(x.sales_insurance_amount, 0) as decimal(38,14)) as sales_insurance_amount,
  cast(coalesce(x.sales_debit_card_units, 0) as decimal(38,12)) as sales_debit_card_units,
  cast(coalesce(x.sales_debit_card_amount, 0) as decimal(38,14)) as sales_debit_card_amount,
  cast(coalesce(x.sales_credit_card_units, 0) as decimal(38,12)) as sales_credit_card_units,
  cast(coalesce(x.sales_credit_card_amount, 0) as decimal(38,14)) as sales_credit_card_amount,
  cast(coalesce(x.sales_ebank_units, 0) as decimal(38,12)) as sales_ebank_units,
  cast(coalesce(x.sales_ebank_amount, 0) as decimal(38,14)) as sales_ebank_amount,
  cast(coalesce(x.sales_agreement_units, 0) as decimal(38,12)) as sales_agreement_units,
  cast(coalesce(x.sales_agreement_amount, 0) as decimal(38,14)) as sales_agreement_amount,
  cast(coalesce(x.sales_other_units, 0) as decimal(38,12)) as sales_other_units,
  cast(coalesce(x.sales_other_amount, 0) as decimal(38,14)) as sales_other_amount,
from holders as h
join base_periods as p on p.period = h.period
left join summed as s
  on s.period = h.period and s.manager_id is not distinct from h.manager_id and s.holder_org_id is not distinct from h.holder_org_id
left join sales as x
  on x.period = h.period and x.manager_id is not distinct from h.manager_id and x.holder_org_id is not distinct from h.holder_org_id
