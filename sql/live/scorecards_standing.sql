-- The scorecards as they stand now, for the readers that list many cards (the league table of a
-- node, `jixiao export scorecards`): live with what people entered (issue 21) and frozen once
-- locked (issue 22). Nothing here is built: the server and the export query these macros with the
-- entries file (`<db>.entries.jsonl`), the reviews file (`<db>.reviews.jsonl`) and the periods as
-- bound values, over the macros of scorecards_live.sql and reviews_live.sql (no arithmetic of its
-- own). With both files empty every row is its mart's row as built
-- (tests/scorecards/standing-cards.test.ts).
--
--   locked_snapshots(reviews_file): per card locked now (locked_cards), the card as approved: the
--     snapshot of its last locking line; keys manager_id, period; card, pay (JSON objects of the
--     card's and the pay's columns) and indicators (JSON array of its indicator lines).
--   scorecards_standing_in(entries_file, reviews_file, period_keys): mart_scorecards' rows of the
--     scoring periods as scorecards_live_in gives them, except a locked card, whose points,
--     total, grades, forced distribution, rank, percentile and profit contribution are those of
--     its snapshot; score_locked = the card is locked. keys period, manager_id.
--   pay_standing_in(entries_file, reviews_file, period_keys): mart_pay's rows as pay_live_in gives
--     them; a locked card's pay columns are those of its snapshot.
--   scorecard_lines_standing_in(entries_file, reviews_file, period_keys): long form, one row per
--     card × indicator of mart_scorecard_indicators (scorecard_indicators_live_in); a locked
--     card's points are those of its snapshot's line. keys period, manager_id, indicator_id.
--   scorecard_sheet_standing_in(entries_file, reviews_file, period_keys): mart_scorecard_sheet's
--     rows of the scoring periods (scorecard_sheet over the three macros above and the built pool
--     of the card's org), and score_locked. keys as the mart's.
--   league_standing(league, entries_file, reviews_file, period_key): the rows of the period of a
--     league table (`league`: the name of mart_manager_league, read with query_table, since a
--     build of the scorecards alone has no league to bind) with the card that applies to each
--     (score_period) as it stands: total_score, score_grade, peer_rank and percentile from
--     scorecards_standing_in, and score_locked. keys as the league's.
-- A locked card keeps its own rank as approved; the others are ranked live (among every card of
-- the period with its live total).
create or replace macro locked_snapshots(reviews_file) as table
select t.manager_id, t.period, t.snapshot -> '$.card' as card, t.snapshot -> '$.pay' as pay, t.snapshot -> '$.indicators' as indicators,
from review_log(reviews_file) as t
where t.kind = 'transition'
  and t.snapshot is not null
  and exists (select 1 from locked_cards(reviews_file) as l where l.manager_id = t.manager_id and l.period = t.period)
qualify row_number() over (partition by t.manager_id, t.period order by t.seq desc) = 1;

create or replace macro scorecards_standing_in(entries_file, reviews_file, period_keys) as table
with locked as (
  select manager_id, period, card, from locked_snapshots(reviews_file) where list_contains(period_keys, period)
)

select
  s.* replace (
    if(k.card is null, s.indicator_points, cast(k.card ->> 'indicator_points' as decimal(9,2))) as indicator_points,
    if(k.card is null, s.bonus_raw, cast(k.card ->> 'bonus_raw' as decimal(9,2))) as bonus_raw,
    if(k.card is null, s.bonus_points, cast(k.card ->> 'bonus_points' as decimal(9,2))) as bonus_points,
    if(k.card is null, s.deduction_points, cast(k.card ->> 'deduction_points' as decimal(9,2))) as deduction_points,
    if(k.card is null, s.total_score, cast(k.card ->> 'total_score' as decimal(9,2))) as total_score,
    if(k.card is null, s.grade_by_threshold, k.card ->> 'grade_by_threshold') as grade_by_threshold,
    if(k.card is null, s.grade, k.card ->> 'grade') as grade,
    if(k.card is null, s.forced_down, cast(k.card ->> 'forced_down' as boolean)) as forced_down,
    if(k.card is null, s.institution_managers, cast(k.card ->> 'institution_managers' as integer)) as institution_managers,
    if(k.card is null, s.profit_contribution, cast(k.card ->> 'profit_contribution' as decimal(18,2))) as profit_contribution,
    if(k.card is null, s.peer_rank, cast(k.card ->> 'peer_rank' as integer)) as peer_rank,
    if(k.card is null, s.peer_group_size, cast(k.card ->> 'peer_group_size' as integer)) as peer_group_size,
    if(k.card is null, s.percentile, cast(k.card ->> 'percentile' as decimal(18,6))) as percentile
  ),
  k.card is not null as score_locked,
from scorecards_live_in(entries_file, period_keys) as s
left join locked as k on k.manager_id = s.manager_id and k.period = s.period;

create or replace macro pay_standing_in(entries_file, reviews_file, period_keys) as table
with locked as (
  select manager_id, period, pay, from locked_snapshots(reviews_file) where list_contains(period_keys, period) and pay is not null
)

select
  y.* replace (
    if(k.pay is null, y.total_score, cast(k.pay ->> 'total_score' as decimal(9,2))) as total_score,
    if(k.pay is null, y.score_grade, k.pay ->> 'score_grade') as score_grade,
    if(k.pay is null, y.pay_actual, cast(k.pay ->> 'pay_actual' as decimal(24,6))) as pay_actual,
    if(k.pay is null, y.pay_base, cast(k.pay ->> 'pay_base' as decimal(24,6))) as pay_base,
    if(k.pay is null, y.pay_target, cast(k.pay ->> 'pay_target' as decimal(24,6))) as pay_target,
    if(k.pay is null, y.layer_target_pay, cast(k.pay ->> 'layer_target_pay' as decimal(18,2))) as layer_target_pay,
    if(k.pay is null, y.layer_increment_pay, cast(k.pay ->> 'layer_increment_pay' as decimal(18,2))) as layer_increment_pay,
    if(k.pay is null, y.layer_above_pay, cast(k.pay ->> 'layer_above_pay' as decimal(18,2))) as layer_above_pay,
    if(k.pay is null, y.efficiency_pay, cast(k.pay ->> 'efficiency_pay' as decimal(18,2))) as efficiency_pay,
    if(k.pay is null, y.management_score, cast(k.pay ->> 'management_score' as decimal(18,2))) as management_score,
    if(k.pay is null, y.earned_efficiency_pay, cast(k.pay ->> 'earned_efficiency_pay' as decimal(18,2))) as earned_efficiency_pay,
    if(k.pay is null, y.base_pay, cast(k.pay ->> 'base_pay' as decimal(18,2))) as base_pay,
    if(k.pay is null, y.actual_pay, cast(k.pay ->> 'actual_pay' as decimal(18,2))) as actual_pay,
    if(k.pay is null, y.pool_contribution, cast(k.pay ->> 'pool_contribution' as decimal(18,2))) as pool_contribution,
    if(k.pay is null, y.paid_pay, cast(k.pay ->> 'paid_pay' as decimal(18,2))) as paid_pay
  ),
from pay_live_in(entries_file, period_keys) as y
left join locked as k on k.manager_id = y.manager_id and k.period = y.period;

create or replace macro scorecard_lines_standing_in(entries_file, reviews_file, period_keys) as table
with locked_lines as (
  select k.manager_id, k.period, line ->> 'indicator_id' as indicator_id, cast(line ->> 'points' as decimal(9,2)) as points,
  from locked_snapshots(reviews_file) as k, unnest(cast(k.indicators as json[])) as lines(line)
  where list_contains(period_keys, k.period)
),

locked as (
  select distinct manager_id, period, from locked_lines
)

select
  i.* replace (if(k.manager_id is null, i.points, l.points) as points),
from scorecard_indicators_live_in(entries_file, period_keys) as i
left join locked as k on k.manager_id = i.manager_id and k.period = i.period
left join locked_lines as l on l.manager_id = i.manager_id and l.period = i.period and l.indicator_id = i.indicator_id;

create or replace macro league_standing(league, entries_file, reviews_file, period_key) as table
with league_rows as (
  select * from query_table(league) where period = period_key
),

cards as (
  select period, manager_id, total_score, grade, peer_rank, percentile, score_locked,
  from scorecards_standing_in(
    entries_file,
    reviews_file,
    coalesce((select list(distinct score_period) from league_rows where score_period is not null), []::varchar[])
  )
)

select
  l.* replace (c.total_score as total_score, c.grade as score_grade, c.peer_rank as peer_rank, c.percentile as percentile),
  coalesce(c.score_locked, false) as score_locked,
from league_rows as l
left join cards as c on c.period = l.score_period and c.manager_id = l.manager_id;

create or replace macro scorecard_sheet_standing_in(entries_file, reviews_file, period_keys) as table
with cards as (
  select * from scorecards_standing_in(entries_file, reviews_file, period_keys)
),

lines as (
  select * from scorecard_lines_standing_in(entries_file, reviews_file, period_keys)
),

pays as (
  select * from pay_standing_in(entries_file, reviews_file, period_keys)
),

pools as (
  select * from mart_pay_pool_org where list_contains(period_keys, period)
)

select sheet.*, cards.score_locked,
from scorecard_sheet('cards', 'lines', 'pays', 'pools') as sheet
join cards on cards.period = sheet.period and cards.manager_id = sheet.manager_id;
