-- check target_cascade__scheme_gaps: a target-cascade gap of a year (the rows of
-- sql/warnings/target_cascade_gaps.sql) at a node scored that year by an institution scheme with
-- cascade.fail_on_gap fails the build; elsewhere a gap is only a warning. Also: the cascade's keys
-- are unique. Returns the offending rows.
select 'gap at a node whose scheme fails on gaps' as problem, c.period, c.org_id, c.metric,
  'target ' || cast(c.target as varchar) || ', carried below ' || cast(c.carried_target as varchar) as detail,
from mart_target_cascade as c
where c.is_gap and c.target_period = 'Y'
  and exists (
    select 1 from int_org_scorecard_schemes_resolved as r
    join cfg_org_schemes as s on s.scheme_id = r.scheme_id
    where r.org_id = c.org_id and r.year = c.year and s.fail_on_cascade_gap
  )
union all
select 'duplicate key', period, org_id, metric, null
from mart_target_cascade
group by period, org_id, metric
having count(*) > 1
