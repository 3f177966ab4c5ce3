-- int_loans_attributed: loan snapshots attributed to the managers in force on the snapshot date.
-- grain: one row per loan × month-end × holder; keys: as_of_date, loan_id, manager_id
--   (manager_id null = the unassigned bucket of holder_org_id).
-- formula: holders as in int_deposits_attributed; amounts × share, full precision:
--   loan_avg_balance = avg_balance × share, loan_end_balance = balance × share,
--   loan_spread, expected_loss = int_loans_priced figures × share,
--   npl_balance = balance × share when the loan is non-performing, else 0,
--   turned_npl_count = share when the loan turned non-performing at this snapshot, else 0
--   (a loan shared 50/50 counts half to each holder), turned_npl_balance = balance × that.
--   The originating manager is kept (originating_manager_id) for the risk views that count
--   against who booked the loan rather than who holds it.
--   A manager's holder_org_id is the manager's org on as_of_date (int_manager_orgs).
-- inputs: int_loans_priced, stg_extract__assignments, int_manager_orgs.
with priced as (
  select as_of_date, month_end, days_in_month, loan_id, client_id, product_id, balance, avg_balance,
    five_class, is_npl, turned_npl, loan_spread, expected_loss, originating_manager_id, booking_org_id
  from int_loans_priced
),
assignments as (
  select client_id, manager_id, share, valid_from, valid_to from stg_extract__assignments
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
),
attributed as (
  select
    p.*,
    a.manager_id,
    case when a.manager_id is null then p.booking_org_id else m.org_id end as holder_org_id,
    case when a.manager_id is null then 'unassigned' else 'assignment' end as attribution,
    coalesce(a.share, 1) as share,
  from priced as p
  left join assignments as a
    on a.client_id = p.client_id and p.as_of_date between a.valid_from and a.valid_to
  left join managers as m on m.manager_id = a.manager_id and p.as_of_date between m.held_from and m.held_to
)
select
  as_of_date,
  month_end,
  days_in_month,
  loan_id,
  client_id,
  product_id,
  five_class,
  is_npl,
  turned_npl,
  originating_manager_id,
  manager_id,
  holder_org_id,
  attribution,
  share,
  cast(cast(avg_balance as decimal(38,2)) * share as decimal(38,8)) as loan_avg_balance,
  cast(cast(balance as decimal(38,2)) * share as decimal(38,8)) as loan_end_balance,
  cast(cast(loan_spread as decimal(38,8)) * share as decimal(38,14)) as loan_spread,
  cast(cast(expected_loss as decimal(38,8)) * share as decimal(38,14)) as expected_loss,
  cast(case when is_npl then cast(balance as decimal(38,2)) * share else 0 end as decimal(38,8)) as npl_balance,
  cast(case when turned_npl then share else 0 end as decimal(38,6)) as turned_npl_count,
  cast(case when turned_npl then cast(balance as decimal(38,2)) * share else 0 end as decimal(38,8)) as turned_npl_balance,
from attributed
