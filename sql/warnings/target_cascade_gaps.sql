-- warning target_cascade_gaps: a year's target of an org node that the level below does not carry.
-- Why a bank cares: when the branches' targets add up to less than the bank's (or the managers'
-- to less than their sub-branch's), part of the plan is nobody's, and every node can reach its own
-- target while the bank misses its own (seeds/004 cascades the annual targets from head office to
-- branch, outlet and manager). One row per node × year × metric with a gap (mart_target_cascade
-- is_gap: its children's targets and its own managers' fall short by more than config/targets.json
-- gap_tolerance); detail says by how much.
-- Nodes scored by an institution scheme with cascade.fail_on_gap fail the build instead
-- (sql/checks/target_cascade__scheme_gaps.sql).
-- zh: 目标分解缺口
-- en: Targets the level below does not carry (target cascade gaps)
-- inputs: mart_target_cascade.
select
  period,
  org_id,
  metric,
  org_id || ' ' || org_name || ', ' || period || ', ' || metric || ': target ' || cast(target as varchar)
    || ', carried below ' || cast(carried_target as varchar) || ' (short by ' || cast(target - carried_target as varchar) || ': '
    || case when child_count > 0 then 'its ' || cast(child_count as varchar) || ' children carry ' || coalesce(cast(children_target as varchar), 'nothing') || ', ' else '' end
    || 'its own managers ' || coalesce(cast(own_managers_target as varchar), 'nothing') || ')' as detail,
from mart_target_cascade
where is_gap and target_period = 'Y'
order by period, org_id, metric
