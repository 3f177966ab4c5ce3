-- int_portfolio_months: every client's holders at every loaded month-end (the portfolios).
-- grain: one row per month-end × client × holder; keys: month_end, client_id, manager_id
--   (manager_id null = the client has no assignment in force that day: the unassigned bucket of
--   holder_org_id = the client's home org).
-- formula: a client is in a manager's portfolio on month_end when an assignment with
--   valid_from <= month_end <= valid_to exists; share as assigned (unassigned: 1); holder_org_id =
--   the manager's org on month_end (int_manager_orgs). is_open = the
--   client was open that day (open_date null or <= month_end). Used for `clients` (portfolio size at
--   a period's end) and for base figures (history follows the client: the base of a holder is the
--   prior-year figures of the clients it holds at the period's end × share).
-- inputs: int_months, stg_extract__clients, stg_extract__assignments, int_manager_orgs,
--   int_client_home_orgs.
with months as (
  select month_end from int_months
),
clients as (
  select client_id, open_date from stg_extract__clients
),
assignments as (
  select client_id, manager_id, share, valid_from, valid_to from stg_extract__assignments
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
),
homes as (
  select client_id, home_org_id from int_client_home_orgs
),
assigned as (
  select mo.month_end, a.client_id, a.manager_id, m.org_id as holder_org_id, a.share,
  from months as mo
  join assignments as a on mo.month_end between a.valid_from and a.valid_to
  left join managers as m on m.manager_id = a.manager_id and mo.month_end between m.held_from and m.held_to
),
unassigned as (
  select mo.month_end, c.client_id, cast(null as varchar) as manager_id, h.home_org_id as holder_org_id,
    cast(1 as decimal(9,6)) as share,
  from months as mo
  cross join clients as c
  join homes as h on h.client_id = c.client_id
  anti join assigned as x on x.month_end = mo.month_end and x.client_id = c.client_id
),
holders as (
  select * from assigned
  union all
  select * from unassigned
)
select
  h.month_end,
  h.client_id,
  h.manager_id,
  h.holder_org_id,
  h.share,
  (c.open_date is null or c.open_date <= h.month_end) as is_open,
from holders as h
join clients as c on c.client_id = h.client_id
