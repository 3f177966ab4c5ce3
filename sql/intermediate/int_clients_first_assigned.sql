-- int_clients_first_assigned: when each client was first given to a manager, and to whom.
-- grain: one row per client × manager of its earliest assignment; keys: client_id, manager_id.
-- formula: first_assigned_date = min(valid_from) over all the client's assignments; the managers
--   credited with the new client are those whose assignment starts that day, each at its org of
--   that day (int_manager_orgs). A period's
--   new_clients = the clients whose first_assigned_date falls within it.
-- inputs: stg_extract__assignments, int_manager_orgs.
with assignments as (
  select client_id, manager_id, valid_from from stg_extract__assignments
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
),
firsts as (
  select client_id, min(valid_from) as first_assigned_date from assignments group by client_id
)
select distinct
  f.client_id,
  f.first_assigned_date,
  a.manager_id,
  m.org_id as holder_org_id,
from firsts as f
join assignments as a on a.client_id = f.client_id and a.valid_from = f.first_assigned_date
left join managers as m on m.manager_id = a.manager_id and f.first_assigned_date between m.held_from and m.held_to
