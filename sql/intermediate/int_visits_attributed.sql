-- int_visits_attributed: visits credited to the manager who made them.
-- grain: one row per visit; keys: visit_id.
-- formula: a visit counts 1 to its manager (holder_org_id = the manager's org on visit_date, int_manager_orgs); a visit by a manager
--   unknown to the managers file goes to the unassigned bucket of the client's home org (the root
--   for a prospect). development = purpose 'development'.
-- inputs: stg_extract__visits, int_manager_orgs, stg_extract__orgs, int_client_home_orgs.
with visits as (
  select visit_date, month_end, visit_id, manager_id, client_id, purpose from stg_extract__visits
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
),
homes as (
  select client_id, home_org_id from int_client_home_orgs
),
root as (
  select min(org_id) as root_org_id from stg_extract__orgs where parent_id is null
)
select
  v.visit_date,
  v.month_end,
  v.visit_id,
  v.client_id,
  v.purpose,
  m.manager_id,
  coalesce(m.org_id, h.home_org_id, r.root_org_id) as holder_org_id,
  case when m.manager_id is null then 'unassigned' else 'visitor' end as attribution,
  cast(1 as integer) as visits,
  cast(case when v.purpose = 'development' then 1 else 0 end as integer) as development_visits,
from visits as v
cross join root as r
left join managers as m on m.manager_id = v.manager_id and v.visit_date between m.held_from and m.held_to
left join homes as h on h.client_id = v.client_id
