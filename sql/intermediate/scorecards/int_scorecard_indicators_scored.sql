-- int_scorecard_indicators_scored: the points of every indicator of every manager's scorecard.
-- grain: one row per manager × scoring period × indicator of the manager's scheme.
--   keys: manager_id, period, indicator_id.
-- formula: the managers' lines of int_scorecard_lines_scored (the one scoring of every card:
--   target, achievement, cap/band/pass, applied_weight (ledgers not delivered), manual indicators
--   (0 points, 'not_entered'), points = round(capped × applied_weight, 2), note; see its header).
-- inputs: int_scorecard_lines_scored.
select
  period,
  subject_id as manager_id,
  scheme_id,
  indicator_id,
  ordinal,
  metric,
  formula,
  weight,
  applied_weight,
  cap,
  floor,
  actual,
  base,
  target,
  target_source,
  achievement,
  capped_achievement,
  points,
  note,
from int_scorecard_lines_scored
where subject_type = 'manager'
