-- int_fees_attributed: fee income attributed to managers.
-- grain: one row per fee transaction × holder; keys: txn_id, manager_id (null = unassigned bucket).
-- formula: a fee naming a known manager credits that manager in full (share 1, attribution
--   'named'); otherwise the client's assignments in force on txn_date, × share ('assignment');
--   with none, the unassigned bucket of the booking org (the row's org_id when it is a node of the
--   tree, else the client's home org) with share 1. fee_income = amount × share (full precision).
--   A named manager unknown to the managers file is treated as not named. A manager's
--   holder_org_id is the manager's org on txn_date (int_manager_orgs).
-- inputs: stg_extract__fees, stg_extract__assignments, int_manager_orgs, stg_extract__orgs,
--   int_client_home_orgs.
-- materialised: build only view (computed by its two readers, int_holder_months and the shares check, as they read it)
with fees as (
  select txn_date, month_end, txn_id, client_id, product_id, amount, manager_id as named_manager_id, org_id
  from stg_extract__fees
),
assignments as (
  select client_id, manager_id, share, valid_from, valid_to from stg_extract__assignments
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
),
orgs as (
  select org_id from stg_extract__orgs
),
homes as (
  select client_id, home_org_id from int_client_home_orgs
),
booked as (
  select f.*, coalesce(o.org_id, h.home_org_id) as booking_org_id, n.manager_id as credited_manager_id,
    n.org_id as credited_org_id,
  from fees as f
  left join orgs as o on o.org_id = f.org_id
  left join homes as h on h.client_id = f.client_id
  left join managers as n on n.manager_id = f.named_manager_id and f.txn_date between n.held_from and n.held_to
),
named as (
  select txn_date, month_end, txn_id, client_id, product_id, amount,
    credited_manager_id as manager_id, credited_org_id as holder_org_id, 'named' as attribution,
    cast(1 as decimal(9,6)) as share,
  from booked
  where credited_manager_id is not null
),
by_assignment as (
  select b.txn_date, b.month_end, b.txn_id, b.client_id, b.product_id, b.amount,
    a.manager_id,
    case when a.manager_id is null then b.booking_org_id else m.org_id end as holder_org_id,
    case when a.manager_id is null then 'unassigned' else 'assignment' end as attribution,
    coalesce(a.share, 1) as share,
  from booked as b
  left join assignments as a
    on a.client_id = b.client_id and b.txn_date between a.valid_from and a.valid_to
  left join managers as m on m.manager_id = a.manager_id and b.txn_date between m.held_from and m.held_to
  where b.credited_manager_id is null
),
holders as (
  select * from named
  union all
  select * from by_assignment
)
select
  txn_date,
  month_end,
  txn_id,
  client_id,
  product_id,
  manager_id,
  holder_org_id,
  attribution,
  share,
  cast(cast(amount as decimal(38,2)) * share as decimal(38,8)) as fee_income,
from holders
