-- int_loans_migrated: where each loan of a holder's book went between a period's start and its end.
-- grain: one row per period × loan × holder; keys: period, loan_id, manager_id, holder_org_id
--   (manager_id null = the unassigned bucket of holder_org_id).
-- formula: opening snapshot = the month-end just before the period starts (2026-Q2 opens at
--   2026-03-31); closing snapshot = the period's end_date. Periods whose opening month-end holds no
--   loan snapshot get no rows (nothing to migrate from).
--   from_class = the loan's class at the opening snapshot, or 'new' when it had none;
--   to_class   = its class at the closing snapshot, or 'closed' when it has none (repaid, sold,
--                written off).
--   Holder: a loan on the opening book is charged to its holders at the opening snapshot (what a
--   manager held, and what became of it); a new loan to its holders at the closing snapshot.
--   Attribution by share is int_loans_attributed's: loans = share, opening_balance = opening
--   balance × share (int_loans_attributed.loan_end_balance), closing_balance = closing balance ×
--   the same share. So Σ over to_class of opening_balance = the holder's opening book in that class.
-- inputs: int_periods, int_loans_attributed, int_loans_priced.
with periods as (
  select period, end_date, cast(date_trunc('month', start_date) - interval 1 day as date) as opening_date,
  from int_periods
),
snapshot_dates as (
  select distinct month_end from int_loans_priced
),
loan_periods as (
  select p.period, p.opening_date, p.end_date,
  from periods as p
  semi join snapshot_dates as s on s.month_end = p.opening_date
),
snapshots as (
  select month_end, loan_id, five_class, balance from int_loans_priced
),
attributed as (
  select month_end, loan_id, manager_id, holder_org_id, share, loan_end_balance from int_loans_attributed
),
opening_book as (
  select
    lp.period,
    a.loan_id,
    a.manager_id,
    a.holder_org_id,
    a.share,
    o.five_class as from_class,
    coalesce(c.five_class, 'closed') as to_class,
    a.loan_end_balance as opening_balance,
    cast(coalesce(cast(c.balance as decimal(38,2)) * a.share, 0) as decimal(38,12)) as closing_balance,
  from loan_periods as lp
  join attributed as a on a.month_end = lp.opening_date
  join snapshots as o on o.month_end = lp.opening_date and o.loan_id = a.loan_id
  left join snapshots as c on c.month_end = lp.end_date and c.loan_id = a.loan_id
),
new_loans as (
  select
    lp.period,
    a.loan_id,
    a.manager_id,
    a.holder_org_id,
    a.share,
    'new' as from_class,
    c.five_class as to_class,
    cast(0 as decimal(38,12)) as opening_balance,
    a.loan_end_balance as closing_balance,
  from loan_periods as lp
  join attributed as a on a.month_end = lp.end_date
  join snapshots as c on c.month_end = lp.end_date and c.loan_id = a.loan_id
  anti join snapshots as o on o.month_end = lp.opening_date and o.loan_id = a.loan_id
)
select period, loan_id, manager_id, holder_org_id, share, from_class, to_class, opening_balance, closing_balance,
from opening_book
union all
select period, loan_id, manager_id, holder_org_id, share, from_class, to_class, opening_balance, closing_balance,
from new_loans
