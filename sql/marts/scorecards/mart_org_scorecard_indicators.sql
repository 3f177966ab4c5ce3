-- mart_org_scorecard_indicators: why each point of an institution card was given (its detail lines).
-- grain: one row per org node × scoring period × indicator. keys: org_id, period, indicator_id.
-- formula: the org lines of int_scorecard_lines_scored (the one scoring of every card, the rules of
--   sql/macros/scorecard.sql over the node's figures; per_manager figures are per manager of the
--   node, against the level's); Σ points per node × period = mart_org_scorecards.indicator_points.
--   Labels and the mapping note come from the scheme.
-- inputs: int_scorecard_lines_scored, cfg_scheme_indicators.
with scored as (
  select period, subject_id as org_id, scheme_id, indicator_id, ordinal, metric, per_manager, formula, weight, cap, floor,
    managers, actual, base, target, target_source, achievement, capped_achievement, points, note,
  from int_scorecard_lines_scored
  where subject_type = 'org'
),

indicators as (
  select scheme_id, indicator_id, label_zh, label_en, mapping,
  from cfg_scheme_indicators
)

select
  scored.period,
  scored.org_id,
  scored.scheme_id,
  scored.indicator_id,
  scored.ordinal,
  indicators.label_zh,
  indicators.label_en,
  scored.metric,
  scored.per_manager,
  scored.formula,
  scored.weight,
  scored.cap,
  scored.floor,
  scored.managers,
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

order by org_id, period, indicator_id
