-- mart_target_cascade: the targets broken down from head office to branches, sub-branches and
--   managers (目标分解, seeds/004), and where they do not add up.
-- grain: one row per org node × period of the targets file (a year Y, half H1/H2, quarter Q1…Q4,
--   under its period key: 2026, 2026-H1, 2026-Q1) × metric, for the periods and metrics the targets
--   file gives some org a target in; keys: period, org_id, metric. target_period is the file's
--   period (Y, H1 …). Periods not yet loaded are included: a plan is checked before the year runs.
-- formula:
--   own_target       = the node's target_value in the targets file (int_period_targets), if any
--   derived_target   = with distribution 'base_share' (cfg_targets), for a node with no own target
--                      whose parent has a target (own or itself derived): (parent's target − Σ its
--                      children's own targets − the parent's own managers' targets) × the node's
--                      base / Σ base of the parent's children
--                      with no own target and a base > 0, to the fen (div_fen); only when that
--                      remainder and the node's base are > 0. Worked down the tree from the root,
--                      so a derived target is split to the children below it in turn, every level.
--   base             = the node's base of the period in mart_org_metrics (the targets file's
--                      base_value, else computed), else its actual of the same period a year earlier
--   target           = own_target, else derived_target; target_derived says which
--   child_count, targeted_child_count: the node's children, and those with a target
--   children_target  = Σ target of the node's children (own or derived); null when none has one
--   managers_target  = Σ targets of the managers of the node's whole subtree (by their org at
--                      the period's end, int_manager_orgs)
--   own_managers_target = Σ targets of the managers at the node itself (a sub-branch's managers
--                      whose clients are booked at its outlets too)
--   carried_target   = what the level below carries: Σ children's targets + own_managers_target
--   children_gap     = target − children_target (0 for a missing sum); managers_gap likewise
--   is_gap           = target > 0 and carried_target (0 when none) is less than
--                      target × (1 − gap_tolerance): part of the node's target is nobody's below it.
--                      Carrying more (加压) is no gap.
-- inputs: stg_extract__targets, stg_extract__orgs, int_manager_orgs, int_org_ancestors,
--   mart_org_metrics, cfg_targets.
with recursive settings as (
  select distribution, gap_tolerance,
  from cfg_targets
),

orgs as (
  select org_id, org_name, parent_id, level,
  from stg_extract__orgs
),

org_targets as (
  select period_key as period, year, period as target_period, subject_id as org_id, metric, target_value as target,
  from stg_extract__targets
  where subject_type = 'org'
),

manager_targets as (
  select t.period_key as period, a.ancestor_id as org_id, t.metric, sum(t.target_value) as target, count(*) as managers,
    sum(t.target_value) filter (where a.depth = 0) as own_managers_target,
  from stg_extract__targets as t
  join int_manager_orgs as m on m.manager_id = t.subject_id and t.end_date between m.held_from and m.held_to
  join int_org_ancestors as a on a.org_id = m.org_id
  where t.subject_type = 'manager'
  group by t.period_key, a.ancestor_id, t.metric
),

org_metrics as (
  select period, org_id, metric, actual, base,
  from mart_org_metrics
),

-- every node for every period and metric some org has a target in
grid as (
  select keys.period, keys.year, keys.target_period, keys.metric, orgs.org_id, orgs.org_name, orgs.parent_id, orgs.level,
    cast(keys.year - 1 as varchar) || substr(keys.period, 5) as base_period,
  from (select distinct period, year, target_period, metric from org_targets) as keys
  cross join orgs
),

own as (
  select grid.*, org_targets.target as own_target, coalesce(same.base, year_earlier.actual) as base,
  from grid
  left join org_targets on org_targets.period = grid.period and org_targets.org_id = grid.org_id and org_targets.metric = grid.metric
  left join org_metrics as same on same.period = grid.period and same.org_id = grid.org_id and same.metric = grid.metric
  left join org_metrics as year_earlier on year_earlier.period = grid.base_period and year_earlier.org_id = grid.org_id and year_earlier.metric = grid.metric
),

-- per parent: its own target, what its children's own targets take, the base of those without
family as (
  select
    own.period,
    own.metric,
    own.parent_id,
    sum(own.own_target) as children_own_target,
    sum(own.base) filter (where own.own_target is null and own.base > 0) as open_base,
  from own
  where own.parent_id is not null
  group by own.period, own.metric, own.parent_id
),

-- what of a parent's target is taken before a split: its children's own targets and its own managers'
taken as (
  select
    family.period,
    family.metric,
    family.parent_id,
    family.open_base,
    coalesce(family.children_own_target, 0) + coalesce(manager_targets.own_managers_target, 0) as taken_target,
  from family
  left join manager_targets
    on manager_targets.period = family.period and manager_targets.metric = family.metric and manager_targets.org_id = family.parent_id
),

-- the tree walked down from the root, so that a derived target is split further in turn
cascaded(period, metric, org_id, own_target, derived_target, depth) as (
  select own.period, own.metric, own.org_id, own.own_target, cast(null as decimal(24,6)), 0,
  from own
  where own.parent_id is null or own.parent_id not in (select org_id from orgs)
  union all
  select
    child.period,
    child.metric,
    child.org_id,
    child.own_target,
    cast(case when settings.distribution = 'base_share' and child.own_target is null and child.base > 0
          and coalesce(parent.own_target, parent.derived_target) - taken.taken_target > 0
      then div_fen((coalesce(parent.own_target, parent.derived_target) - taken.taken_target) * child.base, taken.open_base)
    end as decimal(24,6)),
    parent.depth + 1,
  from cascaded as parent
  join own as child on child.parent_id = parent.org_id and child.period = parent.period and child.metric = parent.metric
  join taken on taken.period = child.period and taken.metric = child.metric and taken.parent_id = child.parent_id
  cross join settings
  where parent.depth < 64
),

derived as (
  select own.*, cascaded.derived_target,
  from own
  left join cascaded on cascaded.period = own.period and cascaded.metric = own.metric and cascaded.org_id = own.org_id
),

targeted as (
  select *, coalesce(own_target, derived_target) as target, own_target is null and derived_target is not null as target_derived,
  from derived
),

children as (
  select period, metric, parent_id as org_id, count(*) as children, count(target) as targeted_child_count, sum(target) as children_target,
  from targeted
  where parent_id is not null
  group by period, metric, parent_id
),

summed as (
  select
    targeted.period,
    targeted.year,
    targeted.target_period,
    targeted.org_id,
    targeted.org_name,
    targeted.parent_id,
    targeted.level,
    targeted.metric,
    targeted.base,
    targeted.own_target,
    targeted.derived_target,
    targeted.target,
    targeted.target_derived,
    coalesce(children.children, 0) as children,
    coalesce(children.targeted_child_count, 0) as targeted_child_count,
    children.children_target,
    coalesce(manager_targets.managers, 0) as targeted_manager_count,
    manager_targets.target as managers_target,
    manager_targets.own_managers_target,
    settings.gap_tolerance,
  from targeted
  cross join settings
  left join children on children.period = targeted.period and children.metric = targeted.metric and children.org_id = targeted.org_id
  left join manager_targets on manager_targets.period = targeted.period and manager_targets.metric = targeted.metric and manager_targets.org_id = targeted.org_id
)

select
  summed.period,
  summed.year,
  summed.target_period,
  summed.org_id,
  summed.org_name,
  summed.parent_id,
  summed.level,
  summed.metric,
  cast(summed.base as decimal(24,6)) as base,
  cast(summed.own_target as decimal(24,6)) as own_target,
  cast(summed.derived_target as decimal(24,6)) as derived_target,
  cast(summed.target as decimal(24,6)) as target,
  summed.target_derived,
  cast(summed.children as integer) as child_count,
  cast(summed.targeted_child_count as integer) as targeted_child_count,
  cast(summed.children_target as decimal(24,6)) as children_target,
  cast(case when summed.children > 0 then summed.target - coalesce(summed.children_target, 0) end as decimal(24,6)) as children_gap,
  cast(summed.targeted_manager_count as integer) as targeted_manager_count,
  cast(summed.managers_target as decimal(24,6)) as managers_target,
  cast(summed.target - coalesce(summed.managers_target, 0) as decimal(24,6)) as managers_gap,
  cast(summed.own_managers_target as decimal(24,6)) as own_managers_target,
  cast(coalesce(summed.children_target, 0) + coalesce(summed.own_managers_target, 0) as decimal(24,6)) as carried_target,
  coalesce(summed.target > 0 and
    coalesce(summed.children_target, 0) + coalesce(summed.own_managers_target, 0) < summed.target * (1 - summed.gap_tolerance), false) as is_gap,
from summed

-- written in key order: the API reads one period at a time (sql/README.md, "Row order")
order by summed.period, summed.org_id, summed.metric
