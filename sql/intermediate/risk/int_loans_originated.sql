-- int_loans_originated: every loan snapshot with who booked it, when, and how old it is.
-- grain: one row per loan × month-end snapshot. keys: as_of_date, loan_id.
-- formula:
--   originating_manager_id = the snapshot's originating manager when the managers file knows it, else null
--     (an originator the bank did not deliver cannot be charged by name: the loan counts against the
--     booking org instead, so roll-ups still add up to the ledger);
--   originating_org_id     = that manager's org on as_of_date (int_manager_orgs), else the loan's booking_org_id (int_loans_priced);
--   origination_quarter    = 'YYYY-Qn' of origination_date (null when the date is missing);
--   months_on_book         = calendar months from the origination month to the snapshot month
--     (a loan booked in March is 0 at the end of March, 3 at the end of June).
--   Class, NPL status and turned_npl are int_loans_priced's (one definition); principal (original
--   principal, yuan) as delivered, null when the extract leaves it out.
-- inputs: int_loans_priced, int_manager_orgs.
with priced as (
  select as_of_date, month_end, loan_id, client_id, product_id, origination_date, principal, balance, five_class,
    previous_five_class, previous_as_of_date, is_npl, turned_npl, overdue_days, originating_manager_id,
    booking_org_id,
  from int_loans_priced
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
)
select
  p.as_of_date,
  p.month_end,
  p.loan_id,
  p.client_id,
  p.product_id,
  p.origination_date,
  p.principal,
  p.balance,
  p.five_class,
  p.previous_five_class,
  p.previous_as_of_date,
  p.is_npl,
  p.turned_npl,
  p.overdue_days,
  p.originating_manager_id as delivered_originating_manager_id,
  m.manager_id as originating_manager_id,
  coalesce(m.org_id, p.booking_org_id) as originating_org_id,
  p.booking_org_id,
  case when p.origination_date is not null
    then printf('%d-Q%d', year(p.origination_date), quarter(p.origination_date)) end as origination_quarter,
  case when p.origination_date is not null
    then cast((year(p.month_end) * 12 + month(p.month_end)) - (year(p.origination_date) * 12 + month(p.origination_date)) as integer)
  end as months_on_book,
from priced as p
left join managers as m on m.manager_id = p.originating_manager_id and p.as_of_date between m.held_from and m.held_to
