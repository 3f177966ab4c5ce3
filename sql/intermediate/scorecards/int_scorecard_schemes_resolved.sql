-- int_scorecard_schemes_resolved: which evaluation scheme scores which manager for which period.
-- grain: one row per manager × scoring period (managers employed at some time in the period).
--   keys: manager_id, period.
-- formula: the candidates are the schemes of the manager's line in force at the period's end
--   (effective_from <= end_date <= effective_to) whose org node is the manager's org or one of its
--   ancestors (a null org_id is the head office, the root). The most specific wins: the nearest
--   ancestor (smallest distance); at the same node the one that took effect latest. A branch
--   scheme thus overrides the head-office default for its subtree only. scheme_id is null when no
--   scheme is in force for the manager (reason says so); such managers get no scorecard.
--   The manager's org, line and grade are those of the period's end (int_manager_orgs): a card
--   follows the manager, scored at the org the manager belonged to then.
-- inputs: stg_extract__managers, int_manager_orgs, stg_extract__orgs, int_scorecard_periods,
--   int_org_ancestors, cfg_schemes.
with managers as (
  select manager_id, manager_name, hire_date, leave_date,
  from stg_extract__managers
),

memberships as (
  select manager_id, org_id, line, grade, held_from, held_to,
  from int_manager_orgs
),

orgs as (
  select org_id, org_name, level,
  from stg_extract__orgs
),

periods as (
  select period, year, start_date, end_date,
  from int_scorecard_periods
),

ancestors as (
  select
    int_org_ancestors.org_id,
    int_org_ancestors.ancestor_id,
    ancestor.level as ancestor_level,
    ancestor.parent_id is null as ancestor_is_root,
    int_org_ancestors.depth as distance,
  from int_org_ancestors
  join stg_extract__orgs as ancestor on ancestor.org_id = int_org_ancestors.ancestor_id
),

schemes as (
  select scheme_id, line, org_id, effective_from, effective_to,
  from cfg_schemes
),

employed as (
  select
    periods.period,
    periods.year,
    periods.end_date,
    managers.manager_id,
    managers.manager_name,
    memberships.org_id,
    memberships.line,
    memberships.grade,
  from managers
  cross join periods
  join memberships
    on memberships.manager_id = managers.manager_id and periods.end_date between memberships.held_from and memberships.held_to
  where (managers.hire_date is null or managers.hire_date <= periods.end_date)
    and (managers.leave_date is null or managers.leave_date >= periods.start_date)
),

candidates as (
  select
    employed.period,
    employed.manager_id,
    schemes.scheme_id,
    ancestors.ancestor_id as scheme_org_id,
    ancestors.ancestor_level as scheme_org_level,
    ancestors.distance,
    schemes.effective_from,
    row_number() over (
      partition by employed.period, employed.manager_id
      order by ancestors.distance, schemes.effective_from desc, schemes.scheme_id
    ) as preference,
  from employed
  join schemes
    on schemes.line = employed.line
   and schemes.effective_from <= employed.end_date
   and (schemes.effective_to is null or schemes.effective_to >= employed.end_date)
  join ancestors
    on ancestors.org_id = employed.org_id
   and (ancestors.ancestor_id = schemes.org_id or (schemes.org_id is null and ancestors.ancestor_is_root))
),

chosen as (
  select period, manager_id, scheme_id, scheme_org_id, scheme_org_level, distance,
  from candidates
  where preference = 1
),

passed_over as (
  select
    period,
    manager_id,
    string_agg(scheme_id || ' (' || scheme_org_id || ')', ', ' order by preference) as overridden,
  from candidates
  where preference > 1
  group by period, manager_id
)

select
  employed.period,
  employed.year,
  employed.manager_id,
  employed.manager_name,
  employed.org_id,
  orgs.level as org_level,
  employed.line,
  employed.grade,
  chosen.scheme_id,
  chosen.scheme_org_id,
  chosen.distance as scheme_distance,
  passed_over.overridden,
  case
    when chosen.scheme_id is null then
      'no ' || employed.line || ' scheme in force at ' || employed.org_id || ' or above on ' || cast(employed.end_date as varchar)
    else
      chosen.scheme_id || ': ' || employed.line || ' scheme of ' || chosen.scheme_org_id || ' (' || chosen.scheme_org_level || ')'
      || case chosen.distance when 0 then ', the manager''s own org'
                              else ', ' || cast(chosen.distance as varchar) || ' level(s) above ' || employed.org_id end
      || ', the most specific in force on ' || cast(employed.end_date as varchar)
      || coalesce('; overrides ' || passed_over.overridden, '')
  end as reason,
from employed
left join orgs on orgs.org_id = employed.org_id
left join chosen on chosen.period = employed.period and chosen.manager_id = employed.manager_id
left join passed_over on passed_over.period = employed.period and passed_over.manager_id = employed.manager_id
