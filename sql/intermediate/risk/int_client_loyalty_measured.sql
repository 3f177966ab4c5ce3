-- int_client_loyalty_measured: each client's loyalty (客户忠诚度) per period: tenure, products held,
-- balance trend.
-- grain: one row per segmentation period (every quarter, half and year, and the latest month; not
--   older months nor year-to-date periods, to keep the build small on a large bank) × client with any ledger row in the period (int_client_periods)
--   or in a manager's portfolio at the period's end (int_portfolio_months); keys: period, client_id.
-- formula:
--   tenure_months = whole months from the client's start with the bank (open_date, else its first
--     assignment) to the period's end_date; null when neither is known;
--   products_held = distinct products the client holds at the period's end (a deposit or loan
--     balance > 0 at end_date) or bought in the 12 months up to end_date (sales);
--   closing_balance = deposit_end_balance + loan_end_balance of the period (int_client_periods), to the fen;
--   opening_balance = the same at the month-end before the period starts (int_client_periods of that
--     month; null when that month is not loaded);
--   balance_change_ratio = (closing − opening) / opening of the fen amounts (6 decimals, half away
--     from zero; null without an opening balance).
-- inputs: int_periods, int_portfolio_months, stg_extract__clients, int_clients_first_assigned, int_client_periods,
--   int_deposits_priced, int_loans_priced, stg_extract__sales.
with periods as (
  select period, end_date,
    strftime(cast(date_trunc('month', start_date) - interval 1 day as date), '%Y-%m') as opening_month,
  from int_periods
  where period_type in ('quarter', 'half', 'year')
     or (period_type = 'month' and end_date = (select max(end_date) from int_periods))
),
clients as (
  select client_id, open_date from stg_extract__clients
),
firsts as (
  select client_id, min(first_assigned_date) as first_assigned_date from int_clients_first_assigned group by client_id
),
figure_roles as (
  -- each period reads its own figures (closing) and those of the month before it starts (opening)
  select period, period as figure_period, true as is_closing from periods
  union all
  select period, opening_month, false from periods
),
end_dates as (
  select distinct end_date from periods
),
sale_windows as (
  -- the month-ends whose sales can fall in the 12 months up to each end date: the range condition
  -- below is then checked on an equi-join (a hash join, which spills) instead of a range join
  select e.end_date, last_day(cast(e.end_date - to_months(k.k) as date)) as sale_month_end,
  from end_dates as e
  cross join range(0, 13) as k(k)
),
held_products as (
  select d.month_end, d.client_id, d.product_id from int_deposits_priced as d
  semi join end_dates as e on e.end_date = d.month_end
  where d.balance > 0
  union all
  select l.month_end, l.client_id, l.product_id from int_loans_priced as l
  semi join end_dates as e on e.end_date = l.month_end
  where l.balance > 0
  union all
  select w.end_date, s.client_id, s.product_id from stg_extract__sales as s
  join sale_windows as w on w.sale_month_end = last_day(s.sale_date)
  where s.sale_date > w.end_date - interval 12 month and s.sale_date <= w.end_date
),
products as (
  -- distinct first, then counted: two plain hash aggregates, which spill to disk under a memory
  -- limit (~12 M groups on the 1,000,000-client bank). The open holdings in a manager's portfolio
  -- at the end date go into the same count (holding not null), as whether the client is measured:
  -- one row a client and end date into the aggregate below instead of two
  select month_end, client_id, count(*) - count(holding) as products_held, count(holding) > 0 as in_portfolio,
  from (
    select month_end, client_id, cast(null as boolean) as holding,
    from (select distinct month_end, client_id, product_id from held_products)
    union all
    select f.month_end, f.client_id, true,
    from int_portfolio_months as f
    semi join end_dates as e on e.end_date = f.month_end
    where f.manager_id is not null and f.is_open
  )
  group by month_end, client_id
),
rows as (
  -- everything known of a (period, client) as rows of one aggregate (a hash aggregate spills under a
  -- memory limit; the same figures came from four large hash joins in one pipeline, and the
  -- 1,000,000-client bank ran out of memory here under 3 GB): its closing balance, the opening balance of the month before,
  -- its products, and whether it is measured at all (a figure in the period, or an open holding
  -- at the period's end). Each figure has one row a (period, client) (int_client_periods is unique
  -- per period and client), so max() takes it; balances are narrowed to 64 bits here (a client
  -- beyond 10^10 yuan fails the cast, as it did before rounding): cheaper than sums of DECIMAL(38,8)
  -- with the portfolio as rows of their own (BENCHMARKS.md)
  select r.period, c.client_id,
    case when r.is_closing then cast(c.deposit_end_balance + c.loan_end_balance as decimal(18,8)) end as closing,
    case when not r.is_closing then cast(c.deposit_end_balance + c.loan_end_balance as decimal(18,8)) end as opening,
    cast(null as bigint) as products_held, r.is_closing as measured,
  from int_client_periods as c
  join figure_roles as r on r.figure_period = c.period
  union all
  select p.period, pr.client_id, null, null, pr.products_held, pr.in_portfolio,
  from products as pr
  join periods as p on p.end_date = pr.month_end
),
per_client as (
  select period, client_id, max(closing) as closing, max(opening) as opening, max(products_held) as products_held,
  from rows
  group by period, client_id
  having bool_or(measured)
),
joined as (
  select
    p.period,
    c.client_id,
    case when coalesce(c.open_date, f.first_assigned_date) is not null then cast(datesub('month', coalesce(c.open_date, f.first_assigned_date), p.end_date) as integer) end as tenure_months,
    cast(coalesce(k.products_held, 0) as integer) as products_held,
    -- balances are fen amounts carried at scale 8, already DECIMAL(18,8) (rounded in 64 bits, not 128;
    -- a client beyond 10^10 yuan fails the cast in rows, as in mart_client_period)
    cast(round(cast(coalesce(k.closing, 0) as decimal(18,8)), 2) as decimal(18,2)) as closing_balance,
    case when om.period is not null then cast(round(cast(coalesce(k.opening, 0) as decimal(18,8)), 2) as decimal(18,2)) end as opening_balance,
  from per_client as k
  join periods as p on p.period = k.period
  join clients as c on c.client_id = k.client_id
  left join firsts as f on f.client_id = c.client_id
  left join int_periods as om on om.period = p.opening_month
),
in_fen as (
  select *, cast((closing_balance - opening_balance) * 100 as bigint) as change_fen, cast(opening_balance * 100 as bigint) as opening_fen,
  from joined
)
select
  period,
  client_id,
  tenure_months,
  products_held,
  closing_balance,
  opening_balance,
  -- exact (change / opening) to 6 places, half away from zero, in BIGINT arithmetic: the shared
  -- div_ratio works in HUGEINT, far dearer per row; it remains the path for balances beyond
  -- 4 × 10^10 yuan, where 2 × fen × 10^6 would overflow a BIGINT
  case
    when opening_fen is null or opening_fen = 0 then null
    when abs(change_fen) < 4000000000000 and abs(opening_fen) < 4000000000000
      then cast(sign(change_fen) * sign(opening_fen) * ((2 * abs(change_fen) * 1000000 + abs(opening_fen)) // (2 * abs(opening_fen))) * 0.000001 as decimal(18,6))
    else div_ratio(closing_balance - opening_balance, opening_balance)
  end as balance_change_ratio,
from in_fen
