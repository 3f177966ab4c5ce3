-- mart_org_scorecard_indicators: why each point of an institution card was given (its detail lines).
-- grain: one row per org node × scoring period × indicator. keys: org_id, period, indicator_id.
-- formula: the org lines of int_scorecard_lines_scored (the one scoring of every card, the rules of
--   sql/macros/scorecard.sql over the node's figures; per_manager figures are per manager of the
--   node, against the level's); points = round(capped_achievement × applied_weight, 2), where
--   applied_weight = weight unless the scheme's `unavailable_indicators: rescale` left an
--   indicator out (ledger not delivered: 0, note 'not_delivered') and scaled the others to the
--   scheme's total weight; Σ points per node × period = mart_org_scorecards.indicator_points.
--   Labels and the mapping note come from the scheme; the columns are scorecard_indicator_lines'
--   (sql/macros/scorecards.sql, shared with the managers' mart_scorecard_indicators).
-- inputs: int_scorecard_lines_scored, cfg_scheme_indicators.
with lines as (
  select * from int_scorecard_lines_scored where subject_type = 'org'
),

indicators as (
  select scheme_id, indicator_id, label_zh, label_en, mapping,
  from cfg_scheme_indicators
)

select * rename (subject_id as org_id),
from scorecard_indicator_lines('lines', 'indicators')

order by org_id, period, indicator_id
