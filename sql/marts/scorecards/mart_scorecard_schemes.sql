-- mart_scorecard_schemes: which evaluation scheme scored which manager for which scoring period, and
--   why (for `jixiao scheme list`).
-- grain: one row per manager × scoring period; keys: period, manager_id.
-- formula: no new figure; int_scorecard_schemes_resolved as built: scheme_id = the most specific
--   scheme of the manager's line in force at the period's end (nearest ancestor org, then latest
--   effective), null when none (reason says so); scheme_org_id its org node, overridden = the
--   schemes it overrode.
-- inputs: int_scorecard_schemes_resolved.
select period, year, manager_id, manager_name, org_id, org_level, line, grade, scheme_id, scheme_org_id,
  scheme_distance, overridden, reason
from int_scorecard_schemes_resolved
