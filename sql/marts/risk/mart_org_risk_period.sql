-- mart_org_risk_period: each org node's asset quality per period, both ways charged, at every level.
-- grain: one row per org node × period; keys: period, org_id.
-- formula:
--   held (read from mart_org_period, one definition): loan_end_balance, npl_balance, npl_ratio,
--     turned_npl_count, turned_npl_balance — the node's managers and unassigned business, subtree included;
--   special_mention_balance = Σ balance × share at the period's end of special-mention loans whose
--     holder (manager or unassigned bucket) belongs to the subtree (int_loans_attributed.holder_org_id);
--   originated_* as in mart_manager_risk_period, for the loans whose originating_org_id (the
--     originating manager's org; the booking org when the originator is unknown) lies in the subtree.
--     At the root, originated_turned_npl_count = the ledger's turned-NPL loans = turned_npl_count.
-- inputs: mart_org_period, int_periods, int_period_months, int_org_ancestors, int_loans_originated,
--   int_loans_attributed.
with held as (
  select period, org_id, org_name, parent_id, level, loan_end_balance, npl_balance, npl_ratio,
    turned_npl_count, turned_npl_balance,
  from mart_org_period
),
periods as (
  select period, end_date from int_periods
),
period_months as (
  select period, month_end from int_period_months
),
ancestors as (
  select org_id, ancestor_id from int_org_ancestors
),
loans as (
  select month_end, loan_id, balance, is_npl, turned_npl, originating_org_id from int_loans_originated
),
originated_turned as (
  select pm.period, a.ancestor_id as org_id,
    count(*) as turned_npl_count,
    sum(l.balance) as turned_npl_balance,
  from loans as l
  join period_months as pm on pm.month_end = l.month_end
  join ancestors as a on a.org_id = l.originating_org_id
  where l.turned_npl
  group by pm.period, a.ancestor_id
),
originated_book as (
  select p.period, a.ancestor_id as org_id,
    sum(l.balance) as loan_end_balance,
    coalesce(sum(l.balance) filter (where l.is_npl), 0) as npl_balance,
  from loans as l
  join periods as p on p.end_date = l.month_end
  join ancestors as a on a.org_id = l.originating_org_id
  group by p.period, a.ancestor_id
),
special_mention as (
  select p.period, a.ancestor_id as org_id, sum(l.loan_end_balance) as special_mention_balance,
  from int_loans_attributed as l
  join periods as p on p.end_date = l.month_end
  join ancestors as a on a.org_id = l.holder_org_id
  where l.five_class = 'special_mention'
  group by p.period, a.ancestor_id
)
select
  h.period,
  h.org_id,
  h.org_name,
  h.parent_id,
  h.level,
  h.loan_end_balance,
  h.npl_balance,
  h.npl_ratio,
  cast(round(coalesce(s.special_mention_balance, 0), 2) as decimal(18,2)) as special_mention_balance,
  h.turned_npl_count,
  h.turned_npl_balance,
  cast(coalesce(t.turned_npl_count, 0) as bigint) as originated_turned_npl_count,
  cast(coalesce(t.turned_npl_balance, 0) as decimal(18,2)) as originated_turned_npl_balance,
  cast(coalesce(b.loan_end_balance, 0) as decimal(18,2)) as originated_loan_end_balance,
  cast(coalesce(b.npl_balance, 0) as decimal(18,2)) as originated_npl_balance,
  npl_ratio(b.npl_balance, b.loan_end_balance) as originated_npl_ratio,
from held as h
left join originated_turned as t on t.period = h.period and t.org_id = h.org_id
left join originated_book as b on b.period = h.period and b.org_id = h.org_id
left join special_mention as s on s.period = h.period and s.org_id = h.org_id
