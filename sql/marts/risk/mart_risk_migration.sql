-- mart_risk_migration: the migration matrix (五级分类迁徙) per holder: balances and loans moving from
-- each class at a period's start to each class at its end.
-- grain: one row per period × holder × from_class × to_class; keys: period, manager_id,
--   holder_org_id, from_class, to_class (manager_id null = the unassigned bucket of holder_org_id).
-- formula: Σ of int_loans_migrated (see there: opening snapshot = the month-end before the period,
--   from_class 'new' for loans booked since, to_class 'closed' for loans gone by the end; opening
--   loans charged to their opening holders, new loans to their closing holders, by share):
--   loans = Σ share, opening_balance = Σ opening balance × share, closing_balance = Σ closing
--   balance × share. A row of the matrix (one from_class) sums to the holder's opening book in that
--   class. Any org subtree's matrix = Σ over the holders whose holder_org_id lies in it
--   (mart_org_risk_migration); a manager's = the rows with that manager_id.
-- inputs: int_loans_migrated.
select
  period,
  manager_id,
  holder_org_id,
  from_class,
  to_class,
  cast(sum(share) as decimal(18,6)) as loans,
  cast(round(sum(opening_balance), 2) as decimal(18,2)) as opening_balance,
  cast(round(sum(closing_balance), 2) as decimal(18,2)) as closing_balance,
from int_loans_migrated
group by period, manager_id, holder_org_id, from_class, to_class
