-- int_ledger_months: which ledger was delivered for which month — what every figure rests on.
-- grain: one row per ledger (deposits, loans, fees, sales, visits) × month the warehouse holds
--   (int_months); keys: ledger, month_end.
-- formula: ledger_rows = the ledger's rows dated in the month. A snapshot ledger (deposits, loans:
--   one row per account or loan at each month-end) is delivered for a month when it has rows there;
--   an event ledger (fees, sales, visits) for every month from its first to its last month with rows
--   (a month without a fee inside that span is a real zero). status: 'delivered', 'no_events' (an
--   event ledger's quiet month inside its span), 'not_delivered' (the ledger has no rows at all),
--   'before_first' / 'after_last' (outside its span), 'missing_month' (a snapshot month missing
--   inside its span).
-- inputs: int_months, stg_extract__deposits, stg_extract__loans, stg_extract__fees,
--   stg_extract__sales, stg_extract__visits.
with counted as (
  select 'deposits' as ledger, month_end, count(*) as ledger_rows from stg_extract__deposits group by month_end
  union all
  select 'loans', month_end, count(*) from stg_extract__loans group by month_end
  union all
  select 'fees', month_end, count(*) from stg_extract__fees group by month_end
  union all
  select 'sales', month_end, count(*) from stg_extract__sales group by month_end
  union all
  select 'visits', month_end, count(*) from stg_extract__visits group by month_end
),
ledgers as (
  select * from (values
    ('deposits', 'snapshot', 1), ('loans', 'snapshot', 2), ('fees', 'event', 3), ('sales', 'event', 4), ('visits', 'event', 5)
  ) as t(ledger, ledger_kind, ledger_order)
),
spans as (
  select ledger, min(month_end) as first_month, max(month_end) as last_month, from counted group by ledger
),
grid as (
  select
    l.ledger,
    l.ledger_kind,
    l.ledger_order,
    m.month_end,
    cast(coalesce(c.ledger_rows, 0) as bigint) as ledger_rows,
    s.first_month,
    s.last_month,
  from ledgers as l
  cross join int_months as m
  left join counted as c on c.ledger = l.ledger and c.month_end = m.month_end
  left join spans as s on s.ledger = l.ledger
)
select
  ledger,
  ledger_kind,
  ledger_order,
  month_end,
  ledger_rows,
  ledger_rows > 0 or (ledger_kind = 'event' and month_end between first_month and last_month) as delivered,
  case
    when ledger_rows > 0 then 'delivered'
    when first_month is null then 'not_delivered'
    when month_end < first_month then 'before_first'
    when month_end > last_month then 'after_last'
    when ledger_kind = 'event' then 'no_events'
    else 'missing_month'
  end as status,
from grid
