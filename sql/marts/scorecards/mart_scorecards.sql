-- mart_scorecards: every manager's scorecard (综合考评) for every scoring period.
-- grain: one row per manager × scoring period (year-to-date at each quarter end; the Q4 row,
--   is_year_end, is the annual result). keys: manager_id, period.
-- formula:
--   indicator_points = Σ points of mart_scorecard_indicators
--   bonus_raw        = Σ points of the bonus items (each already capped at its own max)
--   bonus_points     = least(bonus_raw, the scheme's bonus cap)
--   deduction_points = Σ points of the deduction items (≤ 0, no floor)
--   total_score      = indicator_points + bonus_points + deduction_points (may fall below zero)
--   grade_by_threshold: the first grade of the scheme whose min_score <= total_score
--   grade: after forced distribution when the scheme has one: within an institution (the
--     manager's ancestor at the scheme's institution_level, else the manager's org) at most
--     floor(max_share × managers on the scheme there) keep the limited grade, ranked by total_score
--     desc, then profit_contribution desc, then manager_id; the others move one grade down.
--   peer_group = line:org_level; peer_rank = rank by total_score desc (ties share a rank);
--   percentile = peers scoring at or below the manager / peers (1 = top).
-- inputs: int_scorecard_schemes_resolved, int_scorecard_periods, int_scorecard_points_summed (the
--   sums of the indicator lines and items), int_org_ancestors, stg_extract__orgs, cfg_schemes, cfg_scheme_grades,
--   mart_manager_metrics.
with resolved as (
  select period, year, manager_id, manager_name, org_id, org_level, line, scheme_id,
  from int_scorecard_schemes_resolved
  where scheme_id is not null
),

periods as (
  select period, quarter, is_year_end,
  from int_scorecard_periods
),

points as (
  select period, subject_id as manager_id, indicator_points, bonus_raw, deduction_points,
  from int_scorecard_points_summed
  where subject_type = 'manager'
),

schemes as (
  select scheme_id, bonus_cap, fd_grade, fd_max_share, fd_institution_level,
  from cfg_schemes
),

grades as (
  select scheme_id, grade, ordinal, min_score,
  from cfg_scheme_grades
),

ancestors as (
  select
    int_org_ancestors.org_id,
    int_org_ancestors.ancestor_id,
    ancestor.level as ancestor_level,
    int_org_ancestors.depth as distance,
  from int_org_ancestors
  join stg_extract__orgs as ancestor on ancestor.org_id = int_org_ancestors.ancestor_id
),

profit as (
  select period, manager_id, actual as profit_contribution,
  from mart_manager_metrics
  where metric = 'profit_contribution'
),

totalled as (
  select
    resolved.period,
    resolved.year,
    periods.quarter,
    periods.is_year_end,
    resolved.manager_id,
    resolved.manager_name,
    resolved.org_id,
    resolved.org_level,
    resolved.line,
    resolved.scheme_id,
    coalesce(points.indicator_points, 0) as indicator_points,
    coalesce(points.bonus_raw, 0) as bonus_raw,
    least(coalesce(points.bonus_raw, 0), schemes.bonus_cap) as bonus_points,
    coalesce(points.deduction_points, 0) as deduction_points,
    cast(profit.profit_contribution as decimal(18,2)) as profit_contribution,
    schemes.fd_grade,
    schemes.fd_max_share,
    schemes.fd_institution_level,
  from resolved
  join periods on periods.period = resolved.period
  join schemes on schemes.scheme_id = resolved.scheme_id
  left join points on points.period = resolved.period and points.manager_id = resolved.manager_id
  left join profit on profit.period = resolved.period and profit.manager_id = resolved.manager_id
),

scored as (
  select
    *,
    indicator_points + bonus_points + deduction_points as total_score,
  from totalled
),

graded as (
  select
    scored.*,
    (
      select grades.grade from grades
      where grades.scheme_id = scored.scheme_id and (grades.min_score is null or grades.min_score <= scored.total_score)
      order by grades.ordinal
      limit 1
    ) as grade_by_threshold,
    coalesce(
      (
        select ancestors.ancestor_id from ancestors
        where ancestors.org_id = scored.org_id and ancestors.ancestor_level = scored.fd_institution_level
        order by ancestors.distance
        limit 1
      ),
      scored.org_id
    ) as institution_id,
  from scored
),

distributed as (
  select
    *,
    count(*) over (partition by period, scheme_id, institution_id) as institution_managers,
    row_number() over (
      partition by period, scheme_id, institution_id, grade_by_threshold = fd_grade
      order by total_score desc, profit_contribution desc nulls last, manager_id
    ) as place_in_grade,
  from graded
),

limited as (
  select
    *,
    fd_grade is not null
      and grade_by_threshold = fd_grade
      and place_in_grade > floor(fd_max_share * institution_managers) as forced_down,
  from distributed
),

regraded as (
  select
    limited.*,
    case when forced_down then
      (select lower_grade.grade from grades as limited_grade
       join grades as lower_grade on lower_grade.scheme_id = limited_grade.scheme_id and lower_grade.ordinal = limited_grade.ordinal + 1
       where limited_grade.scheme_id = limited.scheme_id and limited_grade.grade = limited.fd_grade)
    else grade_by_threshold end as grade,
  from limited
),

ranked as (
  select
    *,
    line || ':' || org_level as peer_group,
    rank() over (partition by period, line, org_level order by total_score desc) as peer_rank,
    count(*) over (partition by period, line, org_level) as peer_group_size,
    count(*) over (partition by period, line, org_level order by total_score range between unbounded preceding and current row) as peers_at_or_below,
  from regraded
)

select
  period,
  year,
  quarter,
  is_year_end,
  manager_id,
  manager_name,
  org_id,
  org_level,
  line,
  scheme_id,
  cast(indicator_points as decimal(9,2)) as indicator_points,
  cast(bonus_raw as decimal(9,2)) as bonus_raw,
  cast(bonus_points as decimal(9,2)) as bonus_points,
  cast(deduction_points as decimal(9,2)) as deduction_points,
  cast(total_score as decimal(9,2)) as total_score,
  grade_by_threshold,
  grade,
  forced_down,
  institution_id,
  cast(institution_managers as integer) as institution_managers,
  profit_contribution,
  peer_group,
  cast(peer_rank as integer) as peer_rank,
  cast(peer_group_size as integer) as peer_group_size,
  div_ratio(peers_at_or_below, peer_group_size) as percentile,
from ranked

-- written in key order: the API reads it by period and subject, and DuckDB skips the row groups
-- whose zone maps exclude them (sql/README.md, "Row order")
order by period, manager_id
