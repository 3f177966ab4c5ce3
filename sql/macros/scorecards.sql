-- The scorecard's arithmetic from points to total, grade, rank and pay, defined once for the build
-- (mart_scorecards, mart_pay, int_scorecard_items_scored) and for the server, which adds the points
-- people entered (warehouse/entries) to the built ones at request time (sql/live/). The table
-- macros read their inputs by name (query_table), so each caller passes its own CTEs.
--
--   scorecard_item_points(section, raw_points, max_points): a bonus item is capped at its max;
--     a deduction has no floor.
--   scorecard_totals(cards, grades): one row per card in `cards` (period, year, quarter,
--     is_year_end, manager_id, manager_name, org_id, org_level, line, scheme_id, indicator_points,
--     bonus_raw, bonus_cap, deduction_points, profit_contribution, fd_grade, fd_max_share,
--     institution_id), grades (scheme_id, grade, ordinal, min_score):
--       bonus_points, total_score, grade_by_threshold: scorecard_bonus, scorecard_total and
--       scorecard_grade (sql/macros/scorecard.sql, the same for institution cards); forced distribution: within (period, scheme, institution) at most
--       floor(fd_max_share × managers there) keep fd_grade, ranked by total_score desc, then
--       profit_contribution desc, then manager_id; the others move one grade down. peer_rank: rank
--       by total_score desc within (period, line, org_level); percentile = peers at or below / peers.
--     Every card competing for a rank or a grade must be in `cards` (a whole period).
--   scorecard_applied(periods, cards): which card applies to a subject for a period, managers' or
--     institutions' (int_scorecards_applied, int_org_scorecards_applied): one row per period of
--     `periods` (int_periods' period, period_type, year, end_date) × subject with a card in `cards`
--     (period, subject_id) of the same year ending on or before the period's end: the latest such
--     scoring period, scored_period (at the same end date the types go month, ytd, quarter, half,
--     year: the order of the API's period list).
--   scorecard_indicator_lines(lines, indicators): the detail lines of a card, managers' or
--     institutions' (mart_scorecard_indicators, mart_org_scorecard_indicators): the rows of
--     `lines` (int_scorecard_lines_scored's columns, one subject type) with the label and mapping
--     note of their scheme's indicator (`indicators`: cfg_scheme_indicators' scheme_id,
--     indicator_id, label_zh, label_en, mapping), in the marts' column order.
--   pay_earned(pays): the score-dependent part of pay, one row per row of `pays` (the mart_pay
--     columns up to the three layers, with score_scale):
--       management_score = greatest(total_score, 0) × score_scale
--       earned_efficiency_pay = round(efficiency_pay × management_score / divisor, 2) (div_fen)
--       actual_pay = base_pay + earned; pool_contribution = round(earned × pool_share, 2);
--       paid_pay = actual_pay − pool_contribution.
create or replace macro scorecard_item_points(section, raw_points, max_points) as
  cast(case when section = 'bonus' and max_points is not null then least(raw_points, max_points) else raw_points end as decimal(9,2));

create or replace macro scorecard_totals(cards, grades) as table
with scored as (
  select
    *,
    scorecard_bonus(bonus_raw, bonus_cap) as bonus_points,
    scorecard_total(indicator_points, bonus_raw, bonus_cap, deduction_points) as total_score,
  from query_table(cards)
),

thresholds as (
  select scheme_id, grade, ordinal, min_score, from query_table(grades)
),

grade_lists as (
  select scheme_id, scorecard_grade_list(grade, ordinal, min_score) as grades,
  from thresholds
  group by scheme_id
),

graded as (
  select
    scored.*,
    scorecard_grade(grade_lists.grades, scored.total_score).grade as grade_by_threshold,
    scorecard_grade(grade_lists.grades, scored.total_score).ordinal as threshold_ordinal,
  from scored
  left join grade_lists on grade_lists.scheme_id = scored.scheme_id
),

distributed as (
  select
    *,
    count(*) over (partition by period, scheme_id, institution_id) as institution_managers,
    row_number() over (
      partition by period, scheme_id, institution_id, grade_by_threshold = fd_grade
      order by total_score desc, profit_contribution desc nulls last, manager_id
    ) as place_in_grade,
  from graded
),

limited as (
  select
    *,
    fd_grade is not null
      and grade_by_threshold = fd_grade
      and place_in_grade > floor(fd_max_share * institution_managers) as forced_down,
  from distributed
),

regraded as (
  select limited.*, coalesce(lower_grade.grade, limited.grade_by_threshold) as grade,
  from limited
  left join thresholds as lower_grade
    on limited.forced_down and lower_grade.scheme_id = limited.scheme_id and lower_grade.ordinal = limited.threshold_ordinal + 1
),

ranked as (
  select
    *,
    line || ':' || org_level as peer_group,
    rank() over (partition by period, line, org_level order by total_score desc) as peer_rank,
    count(*) over (partition by period, line, org_level) as peer_group_size,
    count(*) over (partition by period, line, org_level order by total_score range between unbounded preceding and current row) as peers_at_or_below,
  from regraded
)

select
  period,
  year,
  quarter,
  is_year_end,
  manager_id,
  manager_name,
  org_id,
  org_level,
  line,
  scheme_id,
  cast(indicator_points as decimal(9,2)) as indicator_points,
  cast(bonus_raw as decimal(9,2)) as bonus_raw,
  cast(bonus_points as decimal(9,2)) as bonus_points,
  cast(deduction_points as decimal(9,2)) as deduction_points,
  cast(total_score as decimal(9,2)) as total_score,
  grade_by_threshold,
  grade,
  forced_down,
  institution_id,
  cast(institution_managers as integer) as institution_managers,
  profit_contribution,
  peer_group,
  cast(peer_rank as integer) as peer_rank,
  cast(peer_group_size as integer) as peer_group_size,
  div_ratio(peers_at_or_below, peer_group_size) as percentile,
from ranked;

create or replace macro scorecard_applied(periods, cards) as table
select p.period, s.subject_id, c.period as scored_period,
from query_table(periods) as p
join query_table(periods) as c on c.year = p.year and c.end_date <= p.end_date
join query_table(cards) as s on s.period = c.period
qualify row_number() over (
  partition by p.period, s.subject_id
  order by c.end_date desc,
    case c.period_type when 'month' then 0 when 'ytd' then 1 when 'quarter' then 2 when 'half' then 3 else 4 end
) = 1;

create or replace macro scorecard_indicator_lines(lines, indicators) as table
select
  lines.period,
  lines.subject_id,
  lines.scheme_id,
  lines.indicator_id,
  lines.ordinal,
  indicators.label_zh,
  indicators.label_en,
  lines.metric,
  lines.per_manager,
  lines.formula,
  lines.weight,
  lines.applied_weight,
  lines.cap,
  lines.floor,
  lines.managers,
  lines.actual,
  lines.base,
  lines.target,
  lines.target_source,
  lines.achievement,
  lines.capped_achievement,
  lines.points,
  lines.note,
  indicators.mapping,
from query_table(lines) as lines
join query_table(indicators) as indicators
  on indicators.scheme_id = lines.scheme_id and indicators.indicator_id = lines.indicator_id;

create or replace macro pay_earned(pays) as table
with earned as (
  select
    *,
    greatest(total_score, 0) * score_scale as management_score,
    layer_target_pay + layer_increment_pay + layer_above_pay as efficiency_pay,
    div_fen((layer_target_pay + layer_increment_pay + layer_above_pay) * greatest(total_score, 0) * score_scale, pay_divisor) as earned_efficiency_pay,
  from query_table(pays)
)

select
  period,
  manager_id,
  manager_name,
  org_id,
  line,
  scheme_id,
  manager_grade,
  total_score,
  score_grade,
  pay_metric,
  pay_actual,
  pay_base,
  pay_target,
  cast(layer_target_pay as decimal(18,2)) as layer_target_pay,
  cast(layer_increment_pay as decimal(18,2)) as layer_increment_pay,
  cast(layer_above_pay as decimal(18,2)) as layer_above_pay,
  cast(efficiency_pay as decimal(18,2)) as efficiency_pay,
  cast(management_score as decimal(18,2)) as management_score,
  pay_divisor,
  cast(earned_efficiency_pay as decimal(18,2)) as earned_efficiency_pay,
  cast(base_pay as decimal(18,2)) as base_pay,
  cast(base_pay + earned_efficiency_pay as decimal(18,2)) as actual_pay,
  pool_share,
  cast(round(earned_efficiency_pay * pool_share, 2) as decimal(18,2)) as pool_contribution,
  cast(base_pay + earned_efficiency_pay - round(earned_efficiency_pay * pool_share, 2) as decimal(18,2)) as paid_pay,
from earned;
