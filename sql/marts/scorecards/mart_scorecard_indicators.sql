-- mart_scorecard_indicators: why each indicator point was given (the scorecard's detail lines).
-- grain: one row per manager × scoring period × indicator. keys: manager_id, period, indicator_id.
-- formula: the managers' lines of int_scorecard_lines_scored (points = round(capped_achievement ×
--   applied_weight, 2), applied_weight = weight unless an indicator was left out for a ledger not
--   delivered, note 'not_delivered', and the others rescaled; target_source: targets file, or the
--   scheme's fallback: base_growth | per_month | fixed); Σ points per manager × period =
--   mart_scorecards.indicator_points. Labels and the mapping note (why a metric stands for the
--   card's row) come from the scheme; the columns are scorecard_indicator_lines'
--   (sql/macros/scorecards.sql, shared with mart_org_scorecard_indicators) but the two that only
--   institution cards use (per_manager, managers).
-- inputs: int_scorecard_lines_scored, cfg_scheme_indicators.
with lines as (
  select * from int_scorecard_lines_scored where subject_type = 'manager'
),

indicators as (
  select scheme_id, indicator_id, label_zh, label_en, mapping,
  from cfg_scheme_indicators
)

select * exclude (per_manager, managers) rename (subject_id as manager_id),
from scorecard_indicator_lines('lines', 'indicators')

-- written in manager order: the API reads one manager at a time (sql/README.md, "Row order")
order by manager_id, period, indicator_id
