-- mart_scorecards: every manager's scorecard (综合考评) for every scoring period.
-- grain: one row per manager × scoring period (year-to-date at each quarter end; the Q4 row,
--   is_year_end, is the annual result). keys: manager_id, period.
-- formula (the steps after the points are the macro scorecard_totals, sql/macros/scorecards.sql,
--   which the server also runs with the points people entered):
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
    schemes.bonus_cap,
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

cards as (
  select
    totalled.* exclude (fd_institution_level),
    -- the forced distribution's institution: the manager's ancestor at the scheme's level, else the own org
    coalesce(
      (
        select ancestors.ancestor_id from ancestors
        where ancestors.org_id = totalled.org_id and ancestors.ancestor_level = totalled.fd_institution_level
        order by ancestors.distance
        limit 1
      ),
      totalled.org_id
    ) as institution_id,
  from totalled
)

select * from scorecard_totals('cards', 'grades')

-- written in key order: the API reads it by period and subject, and DuckDB skips the row groups
-- whose zone maps exclude them (sql/README.md, "Row order")
order by period, manager_id
