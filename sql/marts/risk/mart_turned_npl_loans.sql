-- mart_turned_npl_loans: the loans behind every turned-NPL figure (新增不良明细), both ways charged.
-- grain: one row per period × attribution × loan × month-end it turned × charged manager;
--   keys: period, attribution, loan_id, as_of_date, manager_id, holder_org_id.
-- formula: a loan turned non-performing at a snapshot when it was performing at its previous one
--   and is non-performing now (int_loans_priced.turned_npl); it belongs to period P when that
--   snapshot's month is one of P's months.
--   attribution 'current'     — the holders on that snapshot date, by share (int_loans_attributed:
--     turned_npl_count = share, turned_npl_balance = balance × share). These rows add up to
--     mart_manager_period.turned_npl_count / turned_npl_balance.
--   attribution 'originating' — the originating manager in full (count 1, the whole balance);
--     manager_id null when the originator is missing or unknown to the managers file, then
--     holder_org_id is the booking org (int_loans_originated).
--   Money rounded to the fen here; counts keep 6 decimals. client_name, manager_name,
--   holder_org_name and originating_manager_name: the names of the reference files, for a reader
--   (no figure).
-- inputs: int_period_months, int_loans_attributed, int_loans_originated, stg_extract__clients,
--   stg_extract__managers, stg_extract__orgs.
with period_months as (
  select period, month_end from int_period_months
),
turned as (
  select as_of_date, month_end, loan_id, client_id, five_class, previous_five_class, overdue_days, balance,
    originating_manager_id, originating_org_id,
  from int_loans_originated
  where turned_npl
),
current_holders as (
  select as_of_date, loan_id, manager_id, holder_org_id, share, turned_npl_count, turned_npl_balance,
  from int_loans_attributed
  where turned_npl
),
clients as (
  select client_id, client_name from stg_extract__clients
),
managers as (
  select manager_id, manager_name from stg_extract__managers
),
orgs as (
  select org_id, org_name from stg_extract__orgs
),
charged as (
  select
    'current' as attribution,
    t.as_of_date, t.month_end, t.loan_id, t.client_id, t.five_class, t.previous_five_class, t.overdue_days,
    t.originating_manager_id,
    h.manager_id, h.holder_org_id, h.share, h.turned_npl_count, h.turned_npl_balance,
  from turned as t
  join current_holders as h on h.as_of_date = t.as_of_date and h.loan_id = t.loan_id
  union all
  select
    'originating' as attribution,
    t.as_of_date, t.month_end, t.loan_id, t.client_id, t.five_class, t.previous_five_class, t.overdue_days,
    t.originating_manager_id,
    t.originating_manager_id as manager_id, t.originating_org_id as holder_org_id,
    cast(1 as decimal(9,6)) as share, cast(1 as decimal(38,6)) as turned_npl_count,
    cast(t.balance as decimal(38,12)) as turned_npl_balance,
  from turned as t
)
select
  pm.period,
  c.attribution,
  c.loan_id,
  c.as_of_date,
  c.manager_id,
  mg.manager_name,
  c.holder_org_id,
  o.org_name as holder_org_name,
  c.client_id,
  cl.client_name,
  c.previous_five_class,
  c.five_class,
  c.overdue_days,
  c.originating_manager_id,
  og.manager_name as originating_manager_name,
  cast(c.share as decimal(18,6)) as share,
  cast(c.turned_npl_count as decimal(18,6)) as turned_npl_count,
  cast(round(c.turned_npl_balance, 2) as decimal(18,2)) as turned_npl_balance,
from charged as c
join period_months as pm on pm.month_end = c.month_end
left join clients as cl on cl.client_id = c.client_id
left join managers as mg on mg.manager_id = c.manager_id
left join managers as og on og.manager_id = c.originating_manager_id
left join orgs as o on o.org_id = c.holder_org_id
