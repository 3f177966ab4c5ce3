-- int_deposits_attributed: deposit snapshots attributed to the managers in force on the snapshot date.
-- grain: one row per account × month-end × holder; keys: as_of_date, account_id, manager_id
--   (manager_id null = the unassigned bucket of holder_org_id; at most one such row per snapshot).
-- formula: holders = the assignments of the client with valid_from <= as_of_date <= valid_to, each
--   with its share; no assignment -> one row, manager_id null, share 1, holder_org_id = booking_org_id.
--   A manager's holder_org_id is the manager's org on as_of_date (int_manager_orgs). Amounts × share, full precision:
--   deposit_avg_balance = avg_balance × share, deposit_end_balance = balance × share,
--   deposit_spread = int_deposits_priced.deposit_spread × share. Types are the exact
--   products (balances DECIMAL(38,8), spreads DECIMAL(38,14)): nothing is rounded before the marts.
-- inputs: int_deposits_priced, stg_extract__assignments, int_manager_orgs.
-- materialised: build only view (computed by its two readers, int_holder_months and the shares check, as they read it)
with priced as (
  select as_of_date, month_end, days_in_month, account_id, client_id, product_id, balance, avg_balance,
    deposit_spread, booking_org_id
  from int_deposits_priced
),
assignments as (
  select client_id, manager_id, share, valid_from, valid_to from stg_extract__assignments
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
)
select
  p.as_of_date,
  p.month_end,
  p.days_in_month,
  p.account_id,
  p.client_id,
  p.product_id,
  a.manager_id,
  case when a.manager_id is null then p.booking_org_id else m.org_id end as holder_org_id,
  case when a.manager_id is null then 'unassigned' else 'assignment' end as attribution,
  coalesce(a.share, 1) as share,
  cast(cast(p.avg_balance as decimal(38,2)) * coalesce(a.share, 1) as decimal(38,8)) as deposit_avg_balance,
  cast(cast(p.balance as decimal(38,2)) * coalesce(a.share, 1) as decimal(38,8)) as deposit_end_balance,
  cast(cast(p.deposit_spread as decimal(38,8)) * coalesce(a.share, 1) as decimal(38,14)) as deposit_spread,
from priced as p
left join assignments as a
  on a.client_id = p.client_id and p.as_of_date between a.valid_from and a.valid_to
left join managers as m on m.manager_id = a.manager_id and p.as_of_date between m.held_from and m.held_to
