-- mart_org_unassigned_period: the unassigned business of each org node's subtree, per period — the
-- row that makes a node's managers add up to the node (institution and league pages, `jixiao export
-- unassigned`, GET /api/orgs/{org_id}/unassigned).
-- grain: one row per org node × period whose subtree (the node included) booked unassigned business
--   or holds an unassigned client; keys: period, org_id.
-- formula: Σ over the unassigned buckets (int_holder_periods, manager_id null) whose booking org is
--   the node or lies in its subtree (int_org_ancestors), at full precision, rounded to the fen here,
--   once, as mart_unassigned_period rounds one bucket: so mart_org_period = Σ mart_manager_period of
--   the subtree's managers + this row, exactly before rounding (each figure is rounded on its own, so
--   the rounded figures may differ by a few fen) — except in a period during which a manager moved
--   into or out of the subtree: the node keeps the mover's months while the mover belonged to it,
--   but the mover's row (whole period, mart_manager_period) sits at the org of the period's end. npl_ratio = npl_balance / loan_end_balance (null
--   without loans); net_deposit_increase null when the warehouse holds no deposit snapshot at the
--   prior year-end; clients = open clients without any assignment at the period's end, by home org
--   (each in one bucket, so the sum counts each once).
--   Every metric column of int_holder_periods, by kind: money (mart_fen), shares of counts
--   (turned_npl_count, sales_*_units: mart_units), counts (visits, development_visits, clients).
--   A figure whose ledger was not delivered in the period is null (int_period_ledgers).
-- inputs: int_holder_periods, int_org_ancestors, int_periods, int_deposit_months, int_period_ledgers,
--   stg_extract__orgs.
with periods as (
  select
    p.period,
    exists (select 1 from int_deposit_months as d where d.month_end = p.base_date) as base_date_known,
  from int_periods as p
),
orgs as (
  select org_id, parent_id, org_name, level from stg_extract__orgs
),
subtree as (
  select
    h.period,
    a.ancestor_id as org_id,
    sum(columns(h.* exclude (period, manager_id, holder_org_id, new_clients))),
  from int_holder_periods as h
  join int_org_ancestors as a on a.org_id = h.holder_org_id
  where h.manager_id is null
  group by h.period, a.ancestor_id
),
rounded as (
  select
    s.period,
    s.org_id,
    mart_fen(columns(c -> c in ('deposit_avg_balance', 'deposit_end_balance', 'deposit_spread', 'loan_avg_balance',
      'loan_end_balance', 'loan_spread', 'fee_income', 'profit_contribution', 'expected_loss', 'risk_adjusted_contribution',
      'npl_balance', 'turned_npl_balance') or (c like 'sales\_%\_amount' escape '\'))),
    case when p.base_date_known then mart_fen(s.net_deposit_increase) end as net_deposit_increase,
    npl_ratio(s.npl_balance, s.loan_end_balance) as npl_ratio,
    mart_units(columns(c -> c = 'turned_npl_count' or (c like 'sales\_%\_units' escape '\'))),
    cast(columns(c -> c in ('visits', 'development_visits', 'clients')) as bigint),
  from subtree as s
  join periods as p on p.period = s.period
)
select
  r.period,
  r.org_id,
  o.org_name,
  o.parent_id,
  o.level,
  {% for metric in unassigned %}
  all: case when l.{ledger} then r.{metric} end as {metric},
  {% end %}
from rounded as r
join int_period_ledgers as l on l.period = r.period
left join orgs as o on o.org_id = r.org_id
order by r.period, r.org_id
