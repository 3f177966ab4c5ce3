-- mart_month_pace: year-to-date progress against the annual target by elapsed time (序时进度), the
--   figure a month view shows as target and achievement (a month has no target of its own).
-- grain: one row per subject (manager or org node) × month period × metric that has a target for
--   the month's year in the targets file; keys: period, subject_type, subject_id, metric.
-- formula (ytd = the year-to-date period ending the month, `<year>-<mm>-ytd`; year = `<year>`):
--   elapsed_share = days from 1 January to the month's end / days in the year (6 decimals): the
--                   share of the year gone, 序时进度 (2026-06: 181 / 365 = 0.495890)
--   accrues       = the metric adds up over the year (flows: contributions, spreads, income, sales,
--                   net deposit increase since the year's start); balances (…_balance) are levels
--                   and do not
--   ytd_actual    = actual of the ytd period (mart_manager_metrics / mart_org_metrics, as built)
--   annual_target = target_value of the year in the targets file (int_period_targets)
--   pace_target   = annual_target × elapsed_share when it accrues (fen), else annual_target
--   pace_base     = the ytd period's base (the same months a year earlier, or given for 03/06/12-ytd),
--                   else — the first year of data has none — the year's given base_value × elapsed_share
--                   when it accrues (fen), else the year's given base_value; null when neither exists
--   achievement   = ytd_actual / pace_target (6 decimals; null when pace_target is 0 or null):
--                   1 = exactly on pace, 0.9 = 10 % behind the time elapsed
--   growth        = ytd_actual − pace_base
-- inputs: int_periods, int_period_targets, mart_manager_metrics, mart_org_metrics.
with months as (
  select
    period,
    year,
    cast(year as varchar) as year_period,
    period || '-ytd' as ytd_period,
    div_ratio(dayofyear(end_date), dayofyear(make_date(year, 12, 31))) as elapsed_share,
  from int_periods
  where period_type = 'month'
),
annual as (
  select period as year_period, subject_type, subject_id, metric, base_value, target_value,
  from int_period_targets
  where length(period) = 4 -- the year's own row ('2026')
),
ytd as (
  select period, 'manager' as subject_type, manager_id as subject_id, metric, actual, base,
  from mart_manager_metrics
  where period like '%-ytd'
  union all
  select period, 'org', org_id, metric, actual, base,
  from mart_org_metrics
  where period like '%-ytd'
),
paced as (
  select
    m.period,
    a.subject_type,
    a.subject_id,
    a.metric,
    m.elapsed_share,
    a.metric not like '%\_balance' escape '\' as accrues,
    y.actual as ytd_actual,
    a.target_value as annual_target,
    a.base_value as annual_base,
    y.base as ytd_base,
  from months as m
  join annual as a on a.year_period = m.year_period
  left join ytd as y on y.period = m.ytd_period and y.subject_type = a.subject_type and y.subject_id = a.subject_id and y.metric = a.metric
),
figures as (
  select
    period,
    subject_type,
    subject_id,
    metric,
    elapsed_share,
    accrues,
    cast(ytd_actual as decimal(24,6)) as ytd_actual,
    cast(annual_target as decimal(24,6)) as annual_target,
    cast(case when accrues then round_fen(annual_target * elapsed_share) else annual_target end as decimal(24,6)) as pace_target,
    cast(coalesce(ytd_base, case when accrues then round_fen(annual_base * elapsed_share) else annual_base end) as decimal(24,6)) as pace_base,
  from paced
)
select
  period,
  subject_type,
  subject_id,
  metric,
  elapsed_share,
  accrues,
  ytd_actual,
  annual_target,
  pace_target,
  pace_base,
  case when pace_target <> 0 then div_ratio(ytd_actual, pace_target) end as achievement,
  cast(ytd_actual - pace_base as decimal(24,6)) as growth,
from figures

-- written in key order: the league and benchmark read one period's rows of one kind of subject
order by period, subject_type, subject_id, metric
