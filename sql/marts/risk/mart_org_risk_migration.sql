-- mart_org_risk_migration: the migration matrix of every org node's subtree.
-- grain: one row per period × org node × from_class × to_class; keys: period, org_id, from_class, to_class.
-- formula: Σ over the holders (managers and unassigned buckets) whose holder_org_id lies in the
--   node's subtree (int_org_ancestors) of int_loans_migrated (full precision, rounded here):
--   loans = Σ share, opening_balance, closing_balance as in mart_risk_migration. At the root the
--   rows of a from_class sum to the whole opening book in that class.
-- inputs: int_loans_migrated, int_org_ancestors.
select
  m.period,
  a.ancestor_id as org_id,
  m.from_class,
  m.to_class,
  cast(sum(m.share) as decimal(18,6)) as loans,
  cast(round(sum(m.opening_balance), 2) as decimal(18,2)) as opening_balance,
  cast(round(sum(m.closing_balance), 2) as decimal(18,2)) as closing_balance,
from int_loans_migrated as m
join int_org_ancestors as a on a.org_id = m.holder_org_id
group by m.period, a.ancestor_id, m.from_class, m.to_class
