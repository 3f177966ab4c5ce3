-- check int_holder_periods__ledger_identity: Σ managers + unassigned buckets = the ledger total, for
-- every period and every additive metric (full precision; 0.000001 yuan allowed for the 12-decimal
-- rounding of share × amount on each row). The ledger side is computed here from the priced and
-- staged rows, without attribution, so a row lost or doubled by the attribution shows up.
-- Returns period, metric, ledger total, Σ holders.
with periods as (
  select period, end_date, days from int_periods
),
months as (
  select period, month_end, days_in_month from int_period_months
),
deposit_months as (
  -- the ledger per month first (18 rows), then per period: the same sums, without a fan-out of every row
  select month_end, sum(avg_balance) as avg_balance, sum(balance) as balance, sum(deposit_spread) as deposit_spread,
  from int_deposits_priced
  group by month_end
),
loan_months as (
  select month_end, sum(avg_balance) as avg_balance, sum(balance) as balance, sum(loan_spread) as loan_spread,
    sum(expected_loss) as expected_loss, sum(balance) filter (where is_npl) as npl_balance,
    count(*) filter (where turned_npl) as turned_npl_count,
  from int_loans_priced
  group by month_end
),
fee_months as (
  select month_end, sum(amount) as fee_income from stg_extract__fees group by month_end
),
sales_months as (
  select month_end, sum(units) as sales_units, sum(amount) as sales_amount from stg_extract__sales group by month_end
),
visit_months as (
  select month_end, count(*) as visits from stg_extract__visits group by month_end
),
ledger as (
  -- averages in whole fen-days (≥ 0) divided by the days, half away from zero to 12 decimals: the
  -- value div_full gives, without its 10^24 scaling, which overflows 128 bits for a whole bank beyond
  -- ~10^14 yuan-days (the 1,000,000-client bank)
  select
    p.period,
    cast(cast((2 * cast(sum(d.avg_balance * m.days_in_month) * 100 as hugeint) * 10000000000 + any_value(p.days)) // (2 * any_value(p.days)) as decimal(38,0)) * 0.000000000001 as decimal(38,12)) as deposit_avg_balance,
    cast(sum(d.balance) filter (where m.month_end = p.end_date) as decimal(38,12)) as deposit_end_balance,
    cast(sum(d.deposit_spread) as decimal(38,12)) as deposit_spread,
    cast(cast((2 * cast(sum(l.avg_balance * m.days_in_month) * 100 as hugeint) * 10000000000 + any_value(p.days)) // (2 * any_value(p.days)) as decimal(38,0)) * 0.000000000001 as decimal(38,12)) as loan_avg_balance,
    cast(sum(l.balance) filter (where m.month_end = p.end_date) as decimal(38,12)) as loan_end_balance,
    cast(sum(l.loan_spread) as decimal(38,12)) as loan_spread,
    cast(sum(l.expected_loss) as decimal(38,12)) as expected_loss,
    cast(sum(l.npl_balance) filter (where m.month_end = p.end_date) as decimal(38,12)) as npl_balance,
    cast(sum(l.turned_npl_count) as decimal(38,12)) as turned_npl_count,
    cast(sum(f.fee_income) as decimal(38,12)) as fee_income,
    cast(sum(s.sales_units) as decimal(38,12)) as sales_units,
    cast(sum(s.sales_amount) as decimal(38,12)) as sales_amount,
    cast(sum(v.visits) as decimal(38,12)) as visits,
  from periods as p
  join months as m on m.period = p.period
  left join deposit_months as d on d.month_end = m.month_end
  left join loan_months as l on l.month_end = m.month_end
  left join fee_months as f on f.month_end = m.month_end
  left join sales_months as s on s.month_end = m.month_end
  left join visit_months as v on v.month_end = m.month_end
  group by p.period
),
holders as (
  select
    period,
    cast(sum(deposit_avg_balance) as decimal(38,12)) as deposit_avg_balance,
    cast(sum(deposit_end_balance) as decimal(38,12)) as deposit_end_balance,
    cast(sum(deposit_spread) as decimal(38,12)) as deposit_spread,
    cast(sum(loan_avg_balance) as decimal(38,12)) as loan_avg_balance,
    cast(sum(loan_end_balance) as decimal(38,12)) as loan_end_balance,
    cast(sum(loan_spread) as decimal(38,12)) as loan_spread,
    cast(sum(expected_loss) as decimal(38,12)) as expected_loss,
    cast(sum(npl_balance) as decimal(38,12)) as npl_balance,
    cast(sum(turned_npl_count) as decimal(38,12)) as turned_npl_count,
    cast(sum(fee_income) as decimal(38,12)) as fee_income,
    cast(sum(sales_deposit_units + sales_loan_units + sales_fee_units + sales_wealth_units + sales_fund_units
      + sales_insurance_units + sales_debit_card_units + sales_credit_card_units + sales_ebank_units
      + sales_agreement_units + sales_other_units) as decimal(38,12)) as sales_units,
    cast(sum(sales_deposit_amount + sales_loan_amount + sales_fee_amount + sales_wealth_amount + sales_fund_amount
      + sales_insurance_amount + sales_debit_card_amount + sales_credit_card_amount + sales_ebank_amount
      + sales_agreement_amount + sales_other_amount) as decimal(38,12)) as sales_amount,
    cast(sum(visits) as decimal(38,12)) as visits,
  from int_holder_periods
  group by period
),
ledger_long as (
  select period, metric, cast(coalesce(value, 0) as decimal(38,12)) as ledger_total,
  from ledger
  unpivot include nulls (value for metric in (deposit_avg_balance, deposit_end_balance, deposit_spread,
    loan_avg_balance, loan_end_balance, loan_spread, expected_loss, npl_balance, turned_npl_count, fee_income,
    sales_units, sales_amount, visits))
),
holders_long as (
  select period, metric, cast(coalesce(value, 0) as decimal(38,12)) as holders_total,
  from holders
  unpivot include nulls (value for metric in (deposit_avg_balance, deposit_end_balance, deposit_spread,
    loan_avg_balance, loan_end_balance, loan_spread, expected_loss, npl_balance, turned_npl_count, fee_income,
    sales_units, sales_amount, visits))
)
select l.period, l.metric, l.ledger_total, h.holders_total,
from ledger_long as l
left join holders_long as h on h.period = l.period and h.metric = l.metric
where abs(l.ledger_total - coalesce(h.holders_total, 0)) > 0.000001
