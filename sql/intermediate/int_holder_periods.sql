-- int_holder_periods: each holder's figures per period, at full precision.
-- grain: one row per period × holder, a holder being a manager or the unassigned bucket of an org;
--   keys: period, manager_id, holder_org_id (manager_id null = unassigned bucket of holder_org_id).
-- formula: as int_client_periods, summed over the holder's attributed rows (int_holder_months,
--   int_sales_attributed: every row already × the share in force on its date), per holder and
--   month first, then over the period's months:
--   averages  deposit_avg_balance, loan_avg_balance = Σ month avg × days / days(P) (12 decimals)
--   stocks    deposit_end_balance, loan_end_balance, npl_balance = value at P's end_date
--   flows     spreads, expected_loss, fee_income, turned_npl_*, visits = Σ over P's months;
--             sales_<category>_units / _amount from int_sales_attributed
--   profit_contribution = loan_spread + deposit_spread + fee_income
--   risk_adjusted_contribution = profit_contribution − expected_loss
--   (both kept at 14 places like the spreads they sum: narrowed to 8 and then rounded to the fen
--   in the mart, 350.534999995 became 350.54 instead of 350.53 — tests/models/decimal-scales.test.ts)
--   Rounding happens in marts only; inside, money keeps 8 decimals or more (spreads and expected
--   loss of each row are exact to 10^-8 yuan, then summed exactly).
--   net_deposit_increase = deposit_end_balance − Σ over the clients held at P's end of
--     share × the client's deposit balance at base_date (history follows the client; the
--     unassigned bucket takes the clients without assignment at P's end, at their home org);
--     null when no deposit snapshot exists at base_date
--   clients     = open clients in the holder's portfolio at P's end (each counts 1, shared or not)
--   new_clients = clients whose first assignment (int_clients_first_assigned) falls within P,
--     counted for the managers of that first assignment (unassigned: 0)
-- method: periods sharing an end date share its portfolio, so the base-date balances held and the
--   clients are counted once per end date; whole-held clients (share 1) are counted without a
--   distinct; the averages are divided in 64-bit integers where the sums allow, with div_full_n's
--   rounding.
-- inputs: int_holder_months, int_sales_attributed, int_period_months, int_periods, int_portfolio_months,
--   int_clients_first_assigned, int_deposit_months.
with periods as (
  select period, start_date, end_date, days, base_date from int_periods
),
period_months as (
  select period, month_end, days_in_month from int_period_months
),
holder_months as (
  -- each holder's month first (Σ over its clients), then the periods: the same exact sums with
  -- far fewer rows fanned out to the periods
  select
    month_end, manager_id, holder_org_id,
    sum(deposit_avg_balance) as deposit_avg_balance,
    sum(loan_avg_balance) as loan_avg_balance,
    sum(deposit_end_balance) as deposit_end_balance,
    sum(loan_end_balance) as loan_end_balance,
    sum(npl_balance) as npl_balance,
    sum(deposit_spread) as deposit_spread,
    sum(loan_spread) as loan_spread,
    sum(expected_loss) as expected_loss,
    sum(fee_income) as fee_income,
    sum(turned_npl_count) as turned_npl_count,
    sum(turned_npl_balance) as turned_npl_balance,
    sum(visits) as visits,
    sum(development_visits) as development_visits,
  from int_holder_months
  group by month_end, manager_id, holder_org_id
),
deposit_months as (
  select month_end from int_deposit_months
),
aggregated_days as (
  select
    pm.period,
    m.manager_id,
    m.holder_org_id,
    any_value(p.days) as days,
    sum(m.deposit_avg_balance * pm.days_in_month) as deposit_avg_days,
    sum(m.loan_avg_balance * pm.days_in_month) as loan_avg_days,
    cast(coalesce(sum(m.deposit_end_balance) filter (where pm.month_end = p.end_date), 0) as decimal(38,8)) as deposit_end_balance,
    cast(coalesce(sum(m.loan_end_balance) filter (where pm.month_end = p.end_date), 0) as decimal(38,8)) as loan_end_balance,
    cast(coalesce(sum(m.npl_balance) filter (where pm.month_end = p.end_date), 0) as decimal(38,8)) as npl_balance,
    cast(coalesce(sum(m.deposit_spread), 0) as decimal(38,14)) as deposit_spread,
    cast(coalesce(sum(m.loan_spread), 0) as decimal(38,14)) as loan_spread,
    cast(coalesce(sum(m.expected_loss), 0) as decimal(38,14)) as expected_loss,
    cast(coalesce(sum(m.fee_income), 0) as decimal(38,8)) as fee_income,
    cast(coalesce(sum(m.turned_npl_count), 0) as decimal(38,6)) as turned_npl_count,
    cast(coalesce(sum(m.turned_npl_balance), 0) as decimal(38,8)) as turned_npl_balance,
    cast(coalesce(sum(m.visits), 0) as bigint) as visits,
    cast(coalesce(sum(m.development_visits), 0) as bigint) as development_visits,
  from holder_months as m
  join period_months as pm on pm.month_end = m.month_end
  join periods as p on p.period = pm.period
  group by pm.period, m.manager_id, m.holder_org_id
),
aggregated_e8 as (
  -- the day-weighted sums in 10^-8 yuan as a BIGINT where they fit DECIMAL(18,8) (below 9·10^9;
  -- null above), for the 64-bit division below
  select
    *,
    case when abs(deposit_avg_days) < 9000000000 then
      cast(trunc(cast(deposit_avg_days as decimal(18,8))) as bigint) * 100000000
        + cast((cast(deposit_avg_days as decimal(18,8)) - trunc(cast(deposit_avg_days as decimal(18,8)))) * 100000000 as bigint)
    end as deposit_avg_e8,
    case when abs(loan_avg_days) < 9000000000 then
      cast(trunc(cast(loan_avg_days as decimal(18,8))) as bigint) * 100000000
        + cast((cast(loan_avg_days as decimal(18,8)) - trunc(cast(loan_avg_days as decimal(18,8)))) * 100000000 as bigint)
    end as loan_avg_e8,
  from aggregated_days
),
aggregated as (
  -- average = sum / days rounded half away from zero to 10^-12, as div_full_n: with the sum v in
  -- 10^-8 units, v = q·days + r gives q·10^4 + round(r·10^4 / days) in 10^-12 units, all in 64-bit
  -- integers (cheaper than div_full_n's 128-bit division); larger sums take div_full_n
  select
    * exclude (days, deposit_avg_days, loan_avg_days, deposit_avg_e8, loan_avg_e8),
    case
      when deposit_avg_e8 is null then div_full_n(deposit_avg_days, days)
      else sign(deposit_avg_e8) * (cast(abs(deposit_avg_e8) // days as hugeint) * 10000
        + (2 * (abs(deposit_avg_e8) % days) * 10000 + days) // (2 * days)) * 0.000000000001
    end as deposit_avg_balance,
    case
      when loan_avg_e8 is null then div_full_n(loan_avg_days, days)
      else sign(loan_avg_e8) * (cast(abs(loan_avg_e8) // days as hugeint) * 10000
        + (2 * (abs(loan_avg_e8) % days) * 10000 + days) // (2 * days)) * 0.000000000001
    end as loan_avg_balance,
  from aggregated_e8
),
sales_months as (
  -- products sold per holder and month (already × share), pivoted before the periods:
  -- <category>_units, <category>_amount
  from int_sales_attributed
  pivot (
    sum(units) as units, sum(amount) as amount
    for category in ('deposit', 'loan', 'fee', 'wealth', 'fund', 'insurance', 'debit_card', 'credit_card',
      'ebank', 'agreement', 'other')
    group by month_end, manager_id, holder_org_id
  )
),
sales as (
  select
    pm.period, m.manager_id, m.holder_org_id,
    cast(coalesce(sum(m.deposit_units), 0) as decimal(38,6)) as sales_deposit_units,
    cast(coalesce(sum(m.deposit_amount), 0) as decimal(38,8)) as sales_deposit_amount,
    cast(coalesce(sum(m.loan_units), 0) as decimal(38,6)) as sales_loan_units,
    cast(coalesce(sum(m.loan_amount), 0) as decimal(38,8)) as sales_loan_amount,
    cast(coalesce(sum(m.fee_units), 0) as decimal(38,6)) as sales_fee_units,
    cast(coalesce(sum(m.fee_amount), 0) as decimal(38,8)) as sales_fee_amount,
    cast(coalesce(sum(m.wealth_units), 0) as decimal(38,6)) as sales_wealth_units,
    cast(coalesce(sum(m.wealth_amount), 0) as decimal(38,8)) as sales_wealth_amount,
    cast(coalesce(sum(m.fund_units), 0) as decimal(38,6)) as sales_fund_units,
    cast(coalesce(sum(m.fund_amount), 0) as decimal(38,8)) as sales_fund_amount,
    cast(coalesce(sum(m.insurance_units), 0) as decimal(38,6)) as sales_insurance_units,
    cast(coalesce(sum(m.insurance_amount), 0) as decimal(38,8)) as sales_insurance_amount,
    cast(coalesce(sum(m.debit_card_units), 0) as decimal(38,6)) as sales_debit_card_units,
    cast(coalesce(sum(m.debit_card_amount), 0) as decimal(38,8)) as sales_debit_card_amount,
    cast(coalesce(sum(m.credit_card_units), 0) as decimal(38,6)) as sales_credit_card_units,
    cast(coalesce(sum(m.credit_card_amount), 0) as decimal(38,8)) as sales_credit_card_amount,
    cast(coalesce(sum(m.ebank_units), 0) as decimal(38,6)) as sales_ebank_units,
    cast(coalesce(sum(m.ebank_amount), 0) as decimal(38,8)) as sales_ebank_amount,
    cast(coalesce(sum(m.agreement_units), 0) as decimal(38,6)) as sales_agreement_units,
    cast(coalesce(sum(m.agreement_amount), 0) as decimal(38,8)) as sales_agreement_amount,
    cast(coalesce(sum(m.other_units), 0) as decimal(38,6)) as sales_other_units,
    cast(coalesce(sum(m.other_amount), 0) as decimal(38,8)) as sales_other_amount,
  from sales_months as m
  join period_months as pm on pm.month_end = m.month_end
  group by pm.period, m.manager_id, m.holder_org_id
),
client_base_date_balances as (
  select month_end, client_id, sum(deposit_end_balance) as deposit_end_balance,
  from int_holder_months
  where client_id is not null and month_end in (select base_date from periods)
  group by month_end, client_id
),
end_dates as (
  -- periods sharing an end date share its portfolio and base date: the base-date balances are
  -- summed once per end date, not once per period
  select distinct end_date, base_date from periods
),
end_date_base_balances as (
  select e.end_date, e.base_date, f.manager_id, f.holder_org_id,
    sum(f.share * b.deposit_end_balance) as base_date_balance,
  -- (the portfolio rows take their base date first, a left join: with inner joins DuckDB paired every
  -- end date with every base-date balance first and built its hash table on that product)
  from (select * from int_portfolio_months where month_end in (select end_date from end_dates)) as f
  left join end_dates as e on e.end_date = f.month_end
  join client_base_date_balances as b on b.month_end = e.base_date and b.client_id = f.client_id
  group by e.end_date, e.base_date, f.manager_id, f.holder_org_id
),
base_date_part as (
  select p.period, b.manager_id, b.holder_org_id, b.base_date_balance,
  from periods as p
  join end_date_base_balances as b on b.end_date = p.end_date and b.base_date = p.base_date
),
month_portfolio_counts as (
  -- once per month-end (periods sharing an end date share the count). A client held whole
  -- (share 1) has no other holder that day (ingest refuses shares of a client on a day that do
  -- not sum to 1, each 0 < share <= 1), so those rows are counted as they are; only shared
  -- clients go through the distinct
  select month_end, manager_id, holder_org_id, sum(clients) as clients,
  from (
    select month_end, manager_id, holder_org_id, count(*) as clients,
    from int_portfolio_months
    where is_open and share = 1
    group by month_end, manager_id, holder_org_id
    union all
    select month_end, manager_id, holder_org_id, count(distinct client_id) as clients,
    from int_portfolio_months
    where is_open and share < 1
    group by month_end, manager_id, holder_org_id
  )
  group by month_end, manager_id, holder_org_id
),
portfolio_counts as (
  select p.period, c.manager_id, c.holder_org_id, c.clients,
  from periods as p
  join month_portfolio_counts as c on c.month_end = p.end_date
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
  select period, manager_id, holder_org_id from sales
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
  cast(coalesce(a.deposit_avg_balance, 0) as decimal(38,12)) as deposit_avg_balance,
  cast(coalesce(a.loan_avg_balance, 0) as decimal(38,12)) as loan_avg_balance,
  cast(coalesce(a.deposit_end_balance, 0) as decimal(38,8)) as deposit_end_balance,
  cast(coalesce(a.loan_end_balance, 0) as decimal(38,8)) as loan_end_balance,
  cast(coalesce(a.npl_balance, 0) as decimal(38,8)) as npl_balance,
  case when dm.month_end is null then null else cast(coalesce(a.deposit_end_balance, 0) - coalesce(b.base_date_balance, 0) as decimal(38,14)) end as net_deposit_increase,
  cast(coalesce(a.deposit_spread, 0) as decimal(38,14)) as deposit_spread,
  cast(coalesce(a.loan_spread, 0) as decimal(38,14)) as loan_spread,
  cast(coalesce(a.expected_loss, 0) as decimal(38,14)) as expected_loss,
  cast(coalesce(a.fee_income, 0) as decimal(38,8)) as fee_income,
  cast(coalesce(a.loan_spread, 0) + coalesce(a.deposit_spread, 0) + coalesce(a.fee_income, 0) as decimal(38,14)) as profit_contribution,
  cast(coalesce(a.loan_spread, 0) + coalesce(a.deposit_spread, 0) + coalesce(a.fee_income, 0) - coalesce(a.expected_loss, 0) as decimal(38,14)) as risk_adjusted_contribution,
  cast(coalesce(a.turned_npl_count, 0) as decimal(38,6)) as turned_npl_count,
  cast(coalesce(a.turned_npl_balance, 0) as decimal(38,8)) as turned_npl_balance,
  cast(coalesce(s.sales_deposit_units, 0) as decimal(38,6)) as sales_deposit_units,
  cast(coalesce(s.sales_deposit_amount, 0) as decimal(38,8)) as sales_deposit_amount,
  cast(coalesce(s.sales_loan_units, 0) as decimal(38,6)) as sales_loan_units,
  cast(coalesce(s.sales_loan_amount, 0) as decimal(38,8)) as sales_loan_amount,
  cast(coalesce(s.sales_fee_units, 0) as decimal(38,6)) as sales_fee_units,
  cast(coalesce(s.sales_fee_amount, 0) as decimal(38,8)) as sales_fee_amount,
  cast(coalesce(s.sales_wealth_units, 0) as decimal(38,6)) as sales_wealth_units,
  cast(coalesce(s.sales_wealth_amount, 0) as decimal(38,8)) as sales_wealth_amount,
  cast(coalesce(s.sales_fund_units, 0) as decimal(38,6)) as sales_fund_units,
  cast(coalesce(s.sales_fund_amount, 0) as decimal(38,8)) as sales_fund_amount,
  cast(coalesce(s.sales_insurance_units, 0) as decimal(38,6)) as sales_insurance_units,
  cast(coalesce(s.sales_insurance_amount, 0) as decimal(38,8)) as sales_insurance_amount,
  cast(coalesce(s.sales_debit_card_units, 0) as decimal(38,6)) as sales_debit_card_units,
  cast(coalesce(s.sales_debit_card_amount, 0) as decimal(38,8)) as sales_debit_card_amount,
  cast(coalesce(s.sales_credit_card_units, 0) as decimal(38,6)) as sales_credit_card_units,
  cast(coalesce(s.sales_credit_card_amount, 0) as decimal(38,8)) as sales_credit_card_amount,
  cast(coalesce(s.sales_ebank_units, 0) as decimal(38,6)) as sales_ebank_units,
  cast(coalesce(s.sales_ebank_amount, 0) as decimal(38,8)) as sales_ebank_amount,
  cast(coalesce(s.sales_agreement_units, 0) as decimal(38,6)) as sales_agreement_units,
  cast(coalesce(s.sales_agreement_amount, 0) as decimal(38,8)) as sales_agreement_amount,
  cast(coalesce(s.sales_other_units, 0) as decimal(38,6)) as sales_other_units,
  cast(coalesce(s.sales_other_amount, 0) as decimal(38,8)) as sales_other_amount,
  cast(coalesce(a.visits, 0) as bigint) as visits,
  cast(coalesce(a.development_visits, 0) as bigint) as development_visits,
  cast(coalesce(c.clients, 0) as bigint) as clients,
  cast(coalesce(n.new_clients, 0) as bigint) as new_clients,
from keyed as k
join periods as p on p.period = k.period
left join aggregated as a on a.period = k.period and a.manager_id is not distinct from k.manager_id and a.holder_org_id is not distinct from k.holder_org_id
left join sales as s on s.period = k.period and s.manager_id is not distinct from k.manager_id and s.holder_org_id is not distinct from k.holder_org_id
left join base_date_part as b on b.period = k.period and b.manager_id is not distinct from k.manager_id and b.holder_org_id is not distinct from k.holder_org_id
left join portfolio_counts as c on c.period = k.period and c.manager_id is not distinct from k.manager_id and c.holder_org_id is not distinct from k.holder_org_id
left join new_client_counts as n on n.period = k.period and n.manager_id is not distinct from k.manager_id and n.holder_org_id is not distinct from k.holder_org_id
left join deposit_months as dm on dm.month_end = p.base_date
