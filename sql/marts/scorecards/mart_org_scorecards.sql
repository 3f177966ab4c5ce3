-- mart_org_scorecards: every institution's scorecard (机构综合考评) for every scoring period.
-- grain: one row per org node with an institution scheme × scoring period (year-to-date at each
--   quarter end; is_year_end = the annual result). keys: org_id, period.
-- formula:
--   indicator_points = Σ points of mart_org_scorecard_indicators
--   bonus_points     = scorecard_bonus: least(Σ bonus items' points (each capped at its max), the
--                      scheme's bonus cap)
--   deduction_points = Σ deduction items' points (≤ 0, no floor)
--   total_score      = scorecard_total: indicator_points + bonus_points + deduction_points
--   grade            = scorecard_grade: the first grade of the scheme (cfg_scheme_grades, by
--                      ordinal) whose min_score <= total_score (the last grade has none)
--   (the three macros of sql/macros/scorecard.sql, which managers' cards use too)
--   sibling_rank     = rank by total_score desc among the scored nodes of the same parent (ties
--                      share a rank), of sibling_count; level_rank the same among every scored node
--                      of the same level, of level_count; level_percentile = nodes of the level
--                      scoring at or below this one / level_count (1 = top).
-- inputs: int_org_scorecard_schemes_resolved, int_scorecard_periods, int_scorecard_points_summed (the
--   sums of the node's indicator lines and items), cfg_org_schemes, cfg_scheme_grades.
with resolved as (
  select period, year, org_id, org_name, parent_id, level, scheme_id,
  from int_org_scorecard_schemes_resolved
  where scheme_id is not null
),

periods as (
  select period, quarter, is_year_end,
  from int_scorecard_periods
),

points as (
  select period, subject_id as org_id, indicator_points, bonus_raw, deduction_points,
  from int_scorecard_points_summed
  where subject_type = 'org'
),

schemes as (
  select scheme_id, bonus_cap,
  from cfg_org_schemes
),

grade_lists as (
  select scheme_id, scorecard_grade_list(grade, ordinal, min_score) as grades,
  from cfg_scheme_grades
  group by scheme_id
),

totalled as (
  select
    resolved.*,
    periods.quarter,
    periods.is_year_end,
    coalesce(points.indicator_points, 0) as indicator_points,
    coalesce(points.bonus_raw, 0) as bonus_raw,
    schemes.bonus_cap,
    coalesce(points.deduction_points, 0) as deduction_points,
    grade_lists.grades,
  from resolved
  join periods on periods.period = resolved.period
  join schemes on schemes.scheme_id = resolved.scheme_id
  left join grade_lists on grade_lists.scheme_id = resolved.scheme_id
  left join points on points.period = resolved.period and points.org_id = resolved.org_id
),

scored as (
  select
    *,
    scorecard_bonus(bonus_raw, bonus_cap) as bonus_points,
    scorecard_total(indicator_points, bonus_raw, bonus_cap, deduction_points) as total_score,
  from totalled
),

graded as (
  select * exclude (grades), scorecard_grade(grades, total_score).grade as grade,
  from scored
),

ranked as (
  select
    *,
    rank() over (partition by period, parent_id order by total_score desc) as sibling_rank,
    count(*) over (partition by period, parent_id) as sibling_count,
    rank() over (partition by period, level order by total_score desc) as level_rank,
    count(*) over (partition by period, level) as level_count,
    count(*) over (partition by period, level order by total_score range between unbounded preceding and current row) as level_at_or_below,
  from graded
)

select
  period,
  year,
  quarter,
  is_year_end,
  org_id,
  org_name,
  parent_id,
  level,
  scheme_id,
  cast(indicator_points as decimal(9,2)) as indicator_points,
  cast(bonus_raw as decimal(9,2)) as bonus_raw,
  cast(bonus_points as decimal(9,2)) as bonus_points,
  cast(deduction_points as decimal(9,2)) as deduction_points,
  cast(total_score as decimal(9,2)) as total_score,
  grade,
  cast(sibling_rank as integer) as sibling_rank,
  cast(sibling_count as integer) as sibling_count,
  cast(level_rank as integer) as level_rank,
  cast(level_count as integer) as level_count,
  div_ratio(level_at_or_below, level_count) as level_percentile,
from ranked

-- written in key order: the API reads it by period and node (sql/README.md, "Row order")
order by period, org_id
