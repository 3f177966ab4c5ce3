-- mart_org_scorecard_schemes: which institution scheme scored which org node for which scoring
--   period, and why — or why the node has no card (the institution page says so).
-- grain: one row per org node × scoring period; keys: period, org_id.
-- formula: no new figure; int_org_scorecard_schemes_resolved as built: scheme_id = the most specific
--   institution scheme for the node's level in force at the period's end (the node itself, then its
--   nearest ancestor, then the latest effective), null when none (reason says so).
-- inputs: int_org_scorecard_schemes_resolved.
select period, year, org_id, org_name, level, scheme_id, scheme_org_id, reason
from int_org_scorecard_schemes_resolved
