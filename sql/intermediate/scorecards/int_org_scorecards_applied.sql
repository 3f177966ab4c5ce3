-- int_org_scorecards_applied: the institution card that applies to an org node for a period, with
--   its score, grade and rank in the level, for the tables that show it beside a period's figures
--   (mart_org_league: a node's children; mart_org_peers: the benchmarking page).
-- grain: one row per period × org node that has a card applying to it; keys: period, org_id.
-- formula: scored_period = the latest scoring period of the same year ending on or before the
--   period's end at which the node has a card (the macro scorecard_applied, as for managers'
--   int_scorecards_applied); institution_score, institution_grade, institution_level_rank =
--   total_score, grade, level_rank of mart_org_scorecards at (org_id, scored_period).
-- inputs: int_periods, mart_org_scorecards.
with periods as (
  select period, period_type, year, end_date from int_periods
),
cards as (
  select period, org_id as subject_id, total_score, grade, level_rank, from mart_org_scorecards
),
applied as (
  select period, subject_id, scored_period, from scorecard_applied('periods', 'cards')
)
select
  applied.period,
  applied.subject_id as org_id,
  applied.scored_period,
  cards.total_score as institution_score,
  cards.grade as institution_grade,
  cards.level_rank as institution_level_rank,
from applied
join cards on cards.period = applied.scored_period and cards.subject_id = applied.subject_id
