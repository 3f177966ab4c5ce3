-- int_scorecard_lines_scored: the points of every indicator of every scorecard, managers' and
--   institutions' alike (one scoring for both: mart_scorecard_indicators reads the managers'
--   lines under their own key, the org marts read the org lines).
-- grain: one row per subject × scoring period × indicator of the subject's scheme.
--   keys: subject_type ('manager' | 'org'), subject_id, period, indicator_id.
-- formula (actual, base, target are the year-to-date figures of mart_manager_metrics, or of
--   mart_org_metrics for an org node — its whole subtree —, unless said):
--   target: the targets file's (through the metrics mart) when positive; else the scheme's
--     target_fallback, in order: the year's target × months elapsed / 12 (annual_pro_rata,
--     按时间进度; the year's target read from the targets file itself, since the metrics marts
--     have the year's row only once all twelve months are loaded and this fallback is for the
--     quarters before), base × (1 + from_base_growth) (lower_is_better: × (1 − it)) when the base is
--     positive, per_month × months in the period, fixed. target_source says which.
--   ratio_to_target   achievement = actual / target (target > 0, else null: 'no_target')
--   ratio_to_previous actual = the scoring quarter's figure, base = the previous quarter's;
--                     achievement = actual / base (base > 0, else null: 'no_previous')
--   lower_is_better   achievement = target / actual; actual <= 0 (none at all) earns the cap
--   ratio formulas:   capped_achievement = least(greatest(achievement, floor), cap)
--   banded_linear     x = achievement or actual (basis); capped_achievement =
--                     0 below band_floor, 1 at or above band_full, (x - band_floor) / (band_full - band_floor) between
--   pass_fail         capped_achievement = 1 when x >= threshold (at_least) or x <= threshold (at_most), else 0
--   manual            no figure: 0 points here, note 'not_entered'; the points people enter are
--                     added at request time (sql/live/scorecards_live.sql)
--   unavailable: the metric's ledger (config/glossary.json "ledger") was not delivered in the scoring
--     period (int_period_ledgers). The scheme's unavailable_indicators says what then happens:
--     'rescale' (default) leaves the indicator out (applied_weight 0, note 'not_delivered') and scales
--     every other indicator of the card by total_weight / (total_weight − Σ weights left out), 6
--     decimals; 'zero' scores it 0 (note 'not_delivered'). Otherwise applied_weight = weight.
--   points = round(capped_achievement × applied_weight, 2), 0 when the achievement is null: note says why
--   (no_data: no figure at all; no_actual: the mart could not compute it, e.g. net_deposit_increase
--   without the prior year-end; no_target; no_previous). Ratios are
--   rounded to 6 decimals (div_ratio, exact) before they are multiplied, so every point can be
--   recomputed by hand from the figures shown. The rules are the macros of sql/macros/scorecard.sql.
--   per_manager indicators (institution schemes, 人均): actual ÷ the node's managers employed at the
--   period's end, base ÷ its managers at the base period's end (the previous quarter's for
--   ratio_to_previous; mart_org_period.managers; 6 decimals, div_ratio); target = the level's
--   figure per manager (同级人均: Σ actual ÷ Σ managers over every node of the same level with
--   managers, 6 decimals), target_source 'level_per_manager' — the targets file holds a node's
--   targets, not per head, and productivity is judged against peers.
-- inputs: int_scorecard_schemes_resolved, int_org_scorecard_schemes_resolved, int_scorecard_periods,
--   int_periods, cfg_scheme_indicators, cfg_org_scheme_indicators, cfg_schemes, cfg_org_schemes, mart_manager_metrics,
--   mart_org_metrics, mart_org_period, stg_extract__targets, int_period_ledgers.
with resolved as (
  select 'manager' as subject_type, period, manager_id as subject_id, scheme_id,
  from int_scorecard_schemes_resolved
  where scheme_id is not null
  union all
  select 'org', period, org_id, scheme_id,
  from int_org_scorecard_schemes_resolved
  where scheme_id is not null
),

periods as (
  select s.period, cast(s.year as varchar) as year_period, s.months, s.quarter_period, s.previous_quarter_period, p.base_period,
  from int_scorecard_periods as s
  join int_periods as p on p.period = s.period
),

indicators as (
  select i.scheme_id, i.indicator_id, i.ordinal, i.metric, i.weight, i.formula, i.cap, i.floor, i.basis, i.band_floor,
    i.band_full, i.threshold, i.direction, i.fallback_annual_pro_rata, i.fallback_base_growth, i.fallback_per_month,
    i.fallback_fixed, coalesce(o.per_manager, false) as per_manager,
    -- institution schemes (cfg_org_schemes) leave out what was not delivered the default way: rescale
    coalesce(s.total_weight, os.total_weight) as total_weight, coalesce(s.unavailable_indicators, 'rescale') as unavailable_indicators,
    -- the ledger the metric is computed from (config/glossary.json)
    case i.metric
      {% for metric in manager %}
      all: when '{metric}' then '{ledger}'
      {% end %}
      else 'reference'
    end as ledger,
  from cfg_scheme_indicators as i
  left join cfg_schemes as s on s.scheme_id = i.scheme_id
  left join cfg_org_schemes as os on os.scheme_id = i.scheme_id
  left join cfg_org_scheme_indicators as o on o.scheme_id = i.scheme_id and o.indicator_id = i.indicator_id
),

ledgers as (
  select period, deposits, loans, fees, sales, visits, business, from int_period_ledgers
),

read_periods as (
  select period from periods
  union select quarter_period from periods
  union select previous_quarter_period from periods
),

metrics as (
  -- only the metrics some scheme scores, in the periods a scoring period reads (itself, its quarter,
  -- the quarter before: about a third of the periods): the joins below then build hash tables of a
  -- fraction of the long marts instead of all of them
  select 'manager' as subject_type, m.period, m.manager_id as subject_id, m.metric, m.actual, m.base, m.target,
  from mart_manager_metrics as m
  semi join (select distinct metric from cfg_scheme_indicators) as used on used.metric = m.metric
  semi join read_periods as read on read.period = m.period
  union all
  select 'org', o.period, o.org_id, o.metric, o.actual, o.base, o.target,
  from mart_org_metrics as o
  semi join (select distinct metric from cfg_scheme_indicators) as used on used.metric = o.metric
  semi join read_periods as read on read.period = o.period
),

org_managers as (
  select 'org' as subject_type, period, org_id as subject_id, level, managers,
  from mart_org_period
),

level_per_manager as (
  select metrics.period, org_managers.level, metrics.metric, div_ratio(sum(metrics.actual), sum(org_managers.managers)) as target,
  from metrics
  join org_managers
    on org_managers.subject_type = metrics.subject_type and org_managers.period = metrics.period and org_managers.subject_id = metrics.subject_id
  where org_managers.managers > 0
    and metrics.metric in (select metric from indicators where per_manager)
  group by metrics.period, org_managers.level, metrics.metric
),

year_targets as (
  -- the year's target of each subject and metric, as the targets file gives it (period Y)
  select subject_type, period_key as year_period, subject_id, metric, target_value as target,
  from stg_extract__targets
  where period = 'Y'
),

figures as (
  select
    resolved.subject_type,
    resolved.period,
    resolved.subject_id,
    resolved.scheme_id,
    indicators.indicator_id,
    indicators.ordinal,
    indicators.metric,
    indicators.per_manager,
    indicators.weight,
    indicators.formula,
    indicators.cap,
    indicators.floor,
    indicators.basis,
    indicators.band_floor,
    indicators.band_full,
    indicators.threshold,
    indicators.direction,
    indicators.total_weight,
    indicators.unavailable_indicators,
    not coalesce(case indicators.ledger
      when 'deposits' then ledgers.deposits when 'loans' then ledgers.loans when 'fees' then ledgers.fees
      when 'sales' then ledgers.sales when 'visits' then ledgers.visits when 'business' then ledgers.business
      else true end, false) as unavailable,
    ytd.subject_id is not null as has_ytd,
    case when indicators.formula = 'ratio_to_previous' then this_quarter.actual else ytd.actual end as actual,
    case when indicators.formula = 'ratio_to_previous' then previous_quarter.actual else ytd.base end as base,
    case when indicators.formula = 'ratio_to_previous' then null
         when indicators.per_manager then level_per_manager.target
         else ytd.target end as given_target,
    case when indicators.fallback_annual_pro_rata and not indicators.per_manager then whole_year.target end as year_target,
    now_managers.managers,
    case when indicators.formula = 'ratio_to_previous' then previous_managers.managers else base_managers.managers end as base_managers,
    indicators.fallback_base_growth,
    indicators.fallback_per_month,
    indicators.fallback_fixed,
    periods.months,
  from resolved
  join periods on periods.period = resolved.period
  join indicators on indicators.scheme_id = resolved.scheme_id
  left join ledgers on ledgers.period = resolved.period
  left join metrics as ytd
    on ytd.subject_type = resolved.subject_type and ytd.period = resolved.period and ytd.subject_id = resolved.subject_id and ytd.metric = indicators.metric
  left join metrics as this_quarter
    on this_quarter.subject_type = resolved.subject_type and this_quarter.period = periods.quarter_period
   and this_quarter.subject_id = resolved.subject_id and this_quarter.metric = indicators.metric
  left join metrics as previous_quarter
    on previous_quarter.subject_type = resolved.subject_type and previous_quarter.period = periods.previous_quarter_period
   and previous_quarter.subject_id = resolved.subject_id and previous_quarter.metric = indicators.metric
  left join year_targets as whole_year
    on whole_year.subject_type = resolved.subject_type and whole_year.year_period = periods.year_period
   and whole_year.subject_id = resolved.subject_id and whole_year.metric = indicators.metric
  -- the node's managers (org subjects only: the subject_type keys keep managers out)
  left join org_managers as now_managers
    on now_managers.subject_type = resolved.subject_type and now_managers.period = resolved.period and now_managers.subject_id = resolved.subject_id
  left join org_managers as base_managers
    on base_managers.subject_type = resolved.subject_type and base_managers.period = periods.base_period and base_managers.subject_id = resolved.subject_id
  left join org_managers as previous_managers
    on previous_managers.subject_type = resolved.subject_type and previous_managers.period = periods.previous_quarter_period
   and previous_managers.subject_id = resolved.subject_id
  left join level_per_manager
    on level_per_manager.period = resolved.period and level_per_manager.level = now_managers.level and level_per_manager.metric = indicators.metric
),

per_head as (
  select
    * exclude (actual, base),
    cast(case when per_manager then div_ratio(actual, managers) else actual end as decimal(24,6)) as actual,
    cast(case when per_manager then div_ratio(base, base_managers) else base end as decimal(24,6)) as base,
  from figures
),

-- the scoring rules themselves: sql/macros/scorecard.sql
targeted as (
  select
    * exclude (given_target, year_target, fallback_base_growth, fallback_per_month, fallback_fixed, months),
    scorecard_target(formula, given_target, year_target, months, base, fallback_base_growth, fallback_per_month, fallback_fixed) as target,
    case when per_manager and given_target > 0 and formula <> 'ratio_to_previous' then 'level_per_manager'
         else scorecard_target_source(formula, given_target, year_target, base, fallback_base_growth, fallback_per_month, fallback_fixed)
    end as target_source,
  from per_head
),

achieved as (
  select *, scorecard_achievement(formula, actual, target, base, cap, basis) as achievement,
  from targeted
),

weighted as (
  -- the weight an indicator counts with: 0 when left out, the rest scaled up to total_weight
  select
    *,
    sum(case when unavailable then weight else 0 end) over (partition by subject_type, period, subject_id) as weight_left_out,
  from achieved
),

capped as (
  select *,
    scorecard_applied_weight(unavailable_indicators, unavailable, weight, weight_left_out, total_weight) as applied_weight,
    scorecard_capped(formula, achievement, floor, cap, band_floor, band_full, threshold, direction) as capped_achievement,
  from weighted
)

select
  subject_type,
  period,
  subject_id,
  scheme_id,
  indicator_id,
  ordinal,
  metric,
  per_manager,
  formula,
  weight,
  applied_weight,
  cap,
  floor,
  cast(managers as bigint) as managers,
  actual,
  base,
  cast(target as decimal(24,6)) as target,
  target_source,
  achievement,
  cast(capped_achievement as decimal(18,6)) as capped_achievement,
  case when unavailable then cast(0 as decimal(9,2)) else scorecard_points(capped_achievement, applied_weight) end as points,
  case when formula = 'manual' then 'not_entered'
       when unavailable then 'not_delivered'
       else scorecard_note(formula, achievement, has_ytd, actual, cap, floor) end as note,
from capped
