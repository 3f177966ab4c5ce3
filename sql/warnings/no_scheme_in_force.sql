-- warning no_scheme_in_force: a scoring period (a year-to-date period ending a quarter) in which no
--   manager has an evaluation scheme in force. Nobody gets a scorecard or a performance pay figure
--   for it; the card, the print sheet and the league say "no scheme in force" instead of showing
--   empty score columns, and whoever runs the bank's evaluation should know before they are asked.
-- zh: 考核期无在用考核方案
-- en: No evaluation scheme in force for a scoring period
-- One row per scoring period without any scheme, with the managers it leaves unscored.
-- inputs: int_scorecard_schemes_resolved.
select
  period,
  count(*) as managers,
  printf('scorecards of %s: no scheme in force for any of its %s managers (config/schemes/: no scheme''s effective dates cover %s)',
    period, format('{:,}', count(*)), period) as detail,
from int_scorecard_schemes_resolved
group by period
having count(scheme_id) = 0
order by period
