-- mart_pay: every manager's pay for every scoring period (year-to-date, like the scorecard).
-- grain: one row per manager × scoring period. keys: manager_id, period.
-- formula (figures of the scheme's pay metric, default profit_contribution, year-to-date):
--   A = greatest(actual, 0); B = greatest(base, 0) (the stock task, 存量任务);
--   T = B + greatest(target − B, 0) (target = stock + increment task; no target: T = B)
--   layer_target_pay    = round(least(A, B) × rate_target, 2)                      目标任务收入
--   layer_increment_pay = round(least(greatest(A − B, 0), T − B) × rate_increment, 2) 增量任务收入
--   layer_above_pay     = round(greatest(A − T, 0) × rate_above_increment, 2)      超增量任务收入
--   efficiency_pay      = the three layers
--   management_score    = greatest(total_score, 0) × score_scale (10: a 100-point card on the 1000 scale)
--   earned_efficiency_pay = round(efficiency_pay × management_score / divisor, 2)   (div_fen, exact)
--   base_pay            = monthly base pay of the manager's grade (else 'default') × months in the period
--   actual_pay          = base_pay + earned_efficiency_pay     实际收入 = 基础工资 + 效益工资 × 管理考核得分 / 1000
--   pool_contribution   = round(earned_efficiency_pay × pool_share, 2)              公共绩效池
--   paid_pay            = actual_pay − pool_contribution
-- inputs: mart_scorecards, int_scorecard_schemes_resolved, int_scorecard_periods, cfg_schemes,
--   cfg_scheme_base_pay, mart_manager_metrics.
with scorecards as (
  select period, manager_id, manager_name, org_id, line, scheme_id, total_score, grade,
  from mart_scorecards
),

resolved as (
  select period, manager_id, grade as manager_grade,
  from int_scorecard_schemes_resolved
),

periods as (
  select period, months,
  from int_scorecard_periods
),

schemes as (
  select scheme_id, pay_metric, rate_target, rate_increment, rate_above_increment, pay_divisor, score_scale, pool_share,
  from cfg_schemes
),

base_pay as (
  select scheme_id, manager_grade, monthly,
  from cfg_scheme_base_pay
),

metrics as (
  select period, manager_id, metric, actual, base, target,
  from mart_manager_metrics
),

figures as (
  select
    scorecards.period,
    scorecards.manager_id,
    scorecards.manager_name,
    scorecards.org_id,
    scorecards.line,
    scorecards.scheme_id,
    scorecards.total_score,
    scorecards.grade,
    resolved.manager_grade,
    periods.months,
    schemes.pay_metric,
    schemes.rate_target,
    schemes.rate_increment,
    schemes.rate_above_increment,
    schemes.pay_divisor,
    schemes.score_scale,
    schemes.pool_share,
    cast(metrics.actual as decimal(24,6)) as pay_actual,
    cast(metrics.base as decimal(24,6)) as pay_base,
    cast(metrics.target as decimal(24,6)) as pay_target,
    greatest(coalesce(metrics.actual, 0), 0) as a,
    greatest(coalesce(metrics.base, 0), 0) as b,
    coalesce(own_grade.monthly, default_grade.monthly) as monthly_base_pay,
  from scorecards
  join resolved on resolved.period = scorecards.period and resolved.manager_id = scorecards.manager_id
  join periods on periods.period = scorecards.period
  join schemes on schemes.scheme_id = scorecards.scheme_id
  left join metrics
    on metrics.period = scorecards.period and metrics.manager_id = scorecards.manager_id and metrics.metric = schemes.pay_metric
  left join base_pay as own_grade on own_grade.scheme_id = scorecards.scheme_id and own_grade.manager_grade = resolved.manager_grade
  left join base_pay as default_grade on default_grade.scheme_id = scorecards.scheme_id and default_grade.manager_grade = 'default'
),

layered as (
  select
    *,
    b + greatest(coalesce(pay_target, b) - b, 0) as t,
  from figures
),

paid as (
  select
    period, manager_id, manager_name, org_id, line, scheme_id, manager_grade, total_score, grade as score_grade,
    pay_metric, pay_actual, pay_base, pay_target, pay_divisor, score_scale, pool_share,
    round(least(a, b) * rate_target, 2) as layer_target_pay,
    round(least(greatest(a - b, 0), t - b) * rate_increment, 2) as layer_increment_pay,
    round(greatest(a - t, 0) * rate_above_increment, 2) as layer_above_pay,
    monthly_base_pay * months as base_pay,
  from layered
)

-- the score-dependent part (management score, earned pay, pool): the macro pay_earned
-- (sql/macros/scorecards.sql), which the server also runs with a card's entered points
select * from pay_earned('paid')

-- written in key order: the API reads it by period and subject, and DuckDB skips the row groups
-- whose zone maps exclude them (sql/README.md, "Row order")
order by period, manager_id
