-- check risk_migration__rows_sum_to_opening: every row of the migration matrix (one from_class) sums
-- to the opening book in that class, and every column to the closing book: over all holders,
--   Σ opening_balance by from_class = Σ ledger balance at the opening month-end in that class,
--   Σ closing_balance by to_class   = Σ ledger balance at the period's end in that class
-- (int_loans_priced, unattributed, so a loan lost or doubled by the attribution shows up; 0.01 yuan
-- allowed for the 12-decimal rounding of share × balance). Returns period, side, class, both totals.
with migrated as (
  select period, from_class, to_class, opening_balance, closing_balance from int_loans_migrated
),
periods as (
  select distinct m.period, p.end_date, cast(date_trunc('month', p.start_date) - interval 1 day as date) as opening_date,
  from migrated as m
  join int_periods as p on p.period = m.period
),
ledger as (
  select p.period, 'opening' as side, l.five_class as class, sum(l.balance) as ledger_total,
  from periods as p join int_loans_priced as l on l.month_end = p.opening_date
  group by p.period, l.five_class
  union all
  select p.period, 'closing', l.five_class, sum(l.balance),
  from periods as p join int_loans_priced as l on l.month_end = p.end_date
  group by p.period, l.five_class
),
matrix as (
  select period, 'opening' as side, from_class as class, sum(opening_balance) as matrix_total,
  from migrated where from_class <> 'new' group by period, from_class
  union all
  select period, 'closing', to_class, sum(closing_balance),
  from migrated where to_class <> 'closed' group by period, to_class
)
select coalesce(l.period, m.period) as period, coalesce(l.side, m.side) as side, coalesce(l.class, m.class) as class,
  l.ledger_total, m.matrix_total,
from ledger as l
full join matrix as m on m.period = l.period and m.side = l.side and m.class = l.class
where abs(coalesce(l.ledger_total, 0) - coalesce(m.matrix_total, 0)) > 0.01
