-- int_org_scorecard_schemes_resolved: which institution scheme scores which org node for which
--   scoring period.
-- grain: one row per org node × scoring period; keys: org_id, period.
-- formula: the rule of the managers' schemes (int_scorecard_schemes_resolved), with the node's level
--   in place of the manager's line: the candidates are the institution schemes (cfg_org_schemes) in
--   force at the period's end that score the node's level and whose org node is the node itself or
--   one of its ancestors (null = the root). The most specific wins: the nearest (smallest distance),
--   then the one that took effect latest, then the scheme id. scheme_id null: none applies (reason
--   says so), and the node gets no card.
-- inputs: stg_extract__orgs, int_org_ancestors, int_scorecard_periods, cfg_org_schemes,
--   cfg_org_scheme_levels.
with orgs as (
  select org_id, org_name, parent_id, level,
  from stg_extract__orgs
),

periods as (
  select period, year, end_date,
  from int_scorecard_periods
),

ancestors as (
  select a.org_id, a.ancestor_id, a.depth as distance, o.parent_id is null as ancestor_is_root,
  from int_org_ancestors as a
  join stg_extract__orgs as o on o.org_id = a.ancestor_id
),

schemes as (
  select s.scheme_id, s.org_id, s.effective_from, s.effective_to, l.level,
  from cfg_org_schemes as s
  join cfg_org_scheme_levels as l on l.scheme_id = s.scheme_id
),

candidates as (
  select
    periods.period,
    orgs.org_id,
    schemes.scheme_id,
    ancestors.ancestor_id as scheme_org_id,
    ancestors.distance,
    row_number() over (
      partition by periods.period, orgs.org_id
      order by ancestors.distance, schemes.effective_from desc, schemes.scheme_id
    ) as preference,
  from orgs
  cross join periods
  join schemes
    on schemes.level = orgs.level
   and schemes.effective_from <= periods.end_date
   and (schemes.effective_to is null or schemes.effective_to >= periods.end_date)
  join ancestors
    on ancestors.org_id = orgs.org_id
   and (ancestors.ancestor_id = schemes.org_id or (schemes.org_id is null and ancestors.ancestor_is_root))
),

chosen as (
  select period, org_id, scheme_id, scheme_org_id, distance,
  from candidates
  where preference = 1
)

select
  periods.period,
  periods.year,
  orgs.org_id,
  orgs.org_name,
  orgs.parent_id,
  orgs.level,
  chosen.scheme_id,
  chosen.scheme_org_id,
  case
    when chosen.scheme_id is null then
      'no institution scheme for level ' || orgs.level || ' in force at ' || orgs.org_id || ' or above on ' || cast(periods.end_date as varchar)
    else
      chosen.scheme_id || ': institution scheme of ' || chosen.scheme_org_id
      || case chosen.distance when 0 then ' (the node itself)' else ' (' || cast(chosen.distance as varchar) || ' level(s) above)' end
      || ' for level ' || orgs.level || ', the most specific in force on ' || cast(periods.end_date as varchar)
  end as reason,
from orgs
cross join periods
left join chosen on chosen.period = periods.period and chosen.org_id = orgs.org_id
