-- mart_scorecard_indicators: why each indicator point was given (the scorecard's detail lines).
-- grain: one row per manager × scoring period × indicator. keys: manager_id, period, indicator_id.
-- formula: as int_scorecard_indicators_scored (points = round(capped_achievement × applied_weight, 2),
--   applied_weight = weight unless an indicator was left out for a ledger not delivered, note
--   'not_delivered', and the others rescaled;
--   target_source: targets file, or the scheme's fallback: base_growth | per_month | fixed);
--   Σ points per manager × period = mart_scorecards.indicator_points. Labels and the mapping note
--   (why a metric stands for the card's row) come from the scheme.
-- inputs: int_scorecard_indicators_scored, cfg_scheme_indicators.
with scored as (
  select period, manager_id, scheme_id, indicator_id, ordinal, metric, formula, weight, applied_weight, cap, floor,
    actual, base, target, target_source, achievement, capped_achievement, points, note,
  from int_scorecard_indicators_scored
),

indicators as (
  select scheme_id, indicator_id, label_zh, label_en, mapping,
  from cfg_scheme_indicators
)

select
  scored.period,
  scored.manager_id,
  scored.scheme_id,
  scored.indicator_id,
  scored.ordinal,
  indicators.label_zh,
  indicators.label_en,
  scored.metric,
  scored.formula,
  scored.weight,
  scored.applied_weight,
  scored.cap,
  scored.floor,
  scored.actual,
  scored.base,
  scored.target,
  scored.target_source,
  scored.achievement,
  scored.capped_achievement,
  scored.points,
  scored.note,
  indicators.mapping,
from scored
join indicators on indicators.scheme_id = scored.scheme_id and indicators.indicator_id = scored.indicator_id

-- written in manager order: the API reads one manager at a time (sql/README.md, "Row order")
order by manager_id, period, indicator_id
