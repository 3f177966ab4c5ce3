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
--   figure), rounded in the marts; profit_contribution and risk_adjusted_contribution are taken from
--   the summed spreads, fee income and expected loss (the same exact sums, two fewer columns to join).
-- method: the client rows are joined to the portfolio of the end date of the period they are the base
--   of (one copy per end date, not per period), once per distinct span of base months; a client held
--   whole (share 1) adds its figure without the 128-bit product (held_share, sql/macros/held_share.sql).
-- inputs: int_periods, int_portfolio_months, int_client_periods, int_sales_periods, int_holder_periods,
--   int_deposit_months.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with periods as (
  select period, end_date, base_period from int_periods
),
base_periods as (
  -- periods whose base period is loaded, and whether that base period has its own base-date snapshot;
  -- joined_period: base periods of the same months (2025-Q1 and 2025-03-ytd, 2025-H1 and 2025-06-ytd,
  -- 2025 and 2025-12-ytd) have the same client rows and end on the same date a year later, so only
  -- the first of them is joined to the portfolios and its sums are shared
  select
    p.period,
    p.end_date,
    p.base_period,
    min(b.period) over (partition by b.start_date, b.end_date, b.months) as joined_period,
    exists (select 1 from int_deposit_months as d where d.month_end = b.base_date) as base_ndi_known,
  from periods as p
  join int_periods as b on b.period = p.base_period
),
joined_periods as (
  select distinct joined_period, end_date from base_periods
),
held as (
  -- the portfolios at the end dates of those periods: one copy per end date, not per period
  select month_end, client_id, manager_id, holder_org_id, share,
  from int_portfolio_months
  where month_end in (select end_date from base_periods)
),
summed_by_base as (
  -- the client rows find their holders through the end date of the period they are the base of.
  -- (A left join to joined_periods: with an inner one DuckDB joined the client rows to the portfolios
  -- on client_id alone first, 8 M rows on 100,000 clients; every client row has its joined period.)
  select
    c.period as joined_period,
    f.manager_id,
    f.holder_org_id,
    sum(held_share(f.share, c.deposit_avg_balance)) as deposit_avg_balance,
    sum(held_share(f.share, c.deposit_end_balance)) as deposit_end_balance,
    sum(held_share(f.share, c.deposit_spread)) as deposit_spread,
    sum(held_share(f.share, c.loan_avg_balance)) as loan_avg_balance,
    sum(held_share(f.share, c.loan_end_balance)) as loan_end_balance,
    sum(held_share(f.share, c.loan_spread)) as loan_spread,
    sum(held_share(f.share, c.expected_loss)) as expected_loss,
    sum(held_share(f.share, c.fee_income)) as fee_income,
    sum(held_share(f.share, c.npl_balance)) as npl_balance,
    sum(held_share(f.share, c.turned_npl_count)) as turned_npl_count,
    sum(held_share(f.share, c.turned_npl_balance)) as turned_npl_balance,
    sum(held_share(f.share, c.net_deposit_increase)) as net_deposit_increase,
  -- only the joined base periods' rows go into the join
  from (select * from int_client_periods where period in (select joined_period from joined_periods)) as c
  left join joined_periods as j on j.joined_period = c.period
  join held as f on f.month_end = j.end_date and f.client_id = c.client_id
  group by c.period, f.manager_id, f.holder_org_id
),
summed as (
  select p.period, s.* exclude (joined_period),
  from base_periods as p
  join summed_by_base as s on s.joined_period = p.joined_period
),
client_sales as (
  -- int_sales_periods is one row per period × client × category already
  select period, client_id, category, cast(units as decimal(38,6)) as units, cast(amount as decimal(38,8)) as amount,
  from int_sales_periods
),
sales_long as (
  select s.period as joined_period, f.manager_id, f.holder_org_id, s.category,
    sum(f.share * s.units) as units, sum(f.share * s.amount) as amount,
  from (select * from client_sales where period in (select joined_period from joined_periods)) as s
  left join joined_periods as j on j.joined_period = s.period
  join held as f on f.month_end = j.end_date and f.client_id = s.client_id
  group by s.period, f.manager_id, f.holder_org_id, s.category
),
sales_by_base as (
  select
    joined_period, manager_id, holder_org_id,
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
  group by joined_period, manager_id, holder_org_id
),
sales as (
  select p.period, x.* exclude (joined_period),
  from base_periods as p
  join sales_by_base as x on x.joined_period = p.joined_period
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
  cast(coalesce(s.loan_spread + s.deposit_spread + s.fee_income, 0) as decimal(38,14)) as profit_contribution,
  cast(coalesce(s.loan_spread + s.deposit_spread + s.fee_income - s.expected_loss, 0) as decimal(38,14)) as risk_adjusted_contribution,
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
