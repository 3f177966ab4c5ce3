-- The scorecards with the points people entered, at request time (issue 21). The entries live in
-- the server's append-only file `<db>.entries.jsonl` (warehouse/entries.ts, api/README.md "The
-- server's own store"), one JSON line per change; these macros read it with declared columns and
-- add the entered points to the published marts' built points, then run the same arithmetic as the
-- build (scorecard_totals, pay_earned, scorecard_item_points: sql/macros/scorecards.sql). Nothing
-- here is built: the server queries them with the file and the scoring period as bound values.
--
--   entries_log(file): every line of the file (the audit trail), typed.
--   entries_in_force(file): per kind × manager × period × item, the last line (by seq), when its
--     value is not null (a null value withdraws the entry).
-- DuckDB binds the marts as it creates these macros, so the build creates them once its models
-- have their final names (warehouse/macros.ts). Each macro comes twice: `<name>_in(file,
-- period_keys)` for a list of scoring periods (the league of a period shows each manager's card
-- that applies, which need not be of one scoring period) and `<name>(file, period_key)` for one.
-- The live rows are their mart's rows with the entered points replaced (`i.* replace (...)`), so a
-- column added to a mart flows through; tests/scorecards/manual-entries.test.ts proves that with
-- no entries each macro gives its mart's rows column for column.
--   scorecard_indicators_live(file, period_key): mart_scorecard_indicators of the scoring period;
--     a manual indicator's points = the value entered (0 and note 'not_entered' while none).
--   scorecard_items_live(file, period_key): mart_scorecard_items of the period; raw_points = the
--     built raw points (adjustments file, rules, metrics) + the points entered for the item;
--     points = scorecard_item_points(section, raw_points, max_points).
--   scorecards_live(file, period_key): mart_scorecards of the period from the live points (every
--     card of the period, since ranks and the forced distribution compare them).
--   pay_live(file, period_key): mart_pay of the period with the live total score and grade.
create or replace macro entries_log(entries_file) as table
select * from read_json(entries_file, format = 'newline_delimited', columns = {
  seq: 'BIGINT',
  "at": 'VARCHAR',
  by_user: 'VARCHAR',
  by_name: 'VARCHAR',
  by_role: 'VARCHAR',
  kind: 'VARCHAR',
  manager_id: 'VARCHAR',
  period: 'VARCHAR',
  item_id: 'VARCHAR',
  old_value: 'DECIMAL(9,2)',
  value: 'DECIMAL(9,2)',
  rating: 'VARCHAR',
  note: 'VARCHAR',
  source: 'VARCHAR',
  batch: 'VARCHAR'
});

create or replace macro entries_in_force(entries_file) as table
select * from entries_log(entries_file)
qualify row_number() over (partition by kind, manager_id, period, item_id order by seq desc) = 1 and value is not null;

create or replace macro scorecard_indicators_live_in(entries_file, period_keys) as table
with entered as (
  select manager_id, period, item_id, value, from entries_in_force(entries_file) where kind = 'indicator' and list_contains(period_keys, period)
)
select i.* replace (
  cast(case when i.formula = 'manual' then coalesce(entered.value, 0) else i.points end as decimal(9,2)) as points,
  case when i.formula = 'manual' and entered.value is not null then 'entered' else i.note end as note
),
from mart_scorecard_indicators as i
left join entered on entered.manager_id = i.manager_id and entered.period = i.period and entered.item_id = i.indicator_id
where list_contains(period_keys, i.period);

create or replace macro scorecard_items_live_in(entries_file, period_keys) as table
with entered as (
  select manager_id, period, item_id, value, from entries_in_force(entries_file) where kind = 'item' and list_contains(period_keys, period)
)
select i.* replace (
  cast(i.raw_points + coalesce(entered.value, 0) as decimal(9,2)) as raw_points,
  scorecard_item_points(i.section, i.raw_points + coalesce(entered.value, 0), i.max_points) as points
),
from mart_scorecard_items as i
left join entered on entered.manager_id = i.manager_id and entered.period = i.period and entered.item_id = i.item_id
where list_contains(period_keys, i.period);

create or replace macro scorecards_live_in(entries_file, period_keys) as table
with indicator_points as (
  select period, manager_id, sum(points) as points, from scorecard_indicators_live_in(entries_file, period_keys) group by period, manager_id
),

item_points as (
  select
    period,
    manager_id,
    coalesce(sum(points) filter (where section = 'bonus'), 0) as bonus_raw,
    coalesce(sum(points) filter (where section = 'deduction'), 0) as deduction_points,
  from scorecard_items_live_in(entries_file, period_keys)
  group by period, manager_id
),

cards as (
  select
    s.period, s.year, s.quarter, s.is_year_end, s.manager_id, s.manager_name, s.org_id, s.org_level, s.line, s.scheme_id,
    coalesce(indicator_points.points, 0) as indicator_points,
    coalesce(item_points.bonus_raw, 0) as bonus_raw,
    schemes.bonus_cap,
    coalesce(item_points.deduction_points, 0) as deduction_points,
    s.profit_contribution,
    schemes.fd_grade,
    schemes.fd_max_share,
    s.institution_id,
  from mart_scorecards as s
  join cfg_schemes as schemes on schemes.scheme_id = s.scheme_id
  left join indicator_points on indicator_points.period = s.period and indicator_points.manager_id = s.manager_id
  left join item_points on item_points.period = s.period and item_points.manager_id = s.manager_id
  where list_contains(period_keys, s.period)
),

grades as (
  select scheme_id, grade, ordinal, min_score, from cfg_scheme_grades
)

select * from scorecard_totals('cards', 'grades');

create or replace macro pay_live_in(entries_file, period_keys) as table
with pays as (
  select
    y.period, y.manager_id, y.manager_name, y.org_id, y.line, y.scheme_id, y.manager_grade, y.pay_metric, y.pay_actual,
    y.pay_base, y.pay_target, y.layer_target_pay, y.layer_increment_pay, y.layer_above_pay, y.pay_divisor, y.base_pay,
    y.pool_share,
    live.total_score,
    live.grade as score_grade,
    schemes.score_scale,
  from mart_pay as y
  join scorecards_live_in(entries_file, period_keys) as live on live.period = y.period and live.manager_id = y.manager_id
  join cfg_schemes as schemes on schemes.scheme_id = y.scheme_id
  where list_contains(period_keys, y.period)
)

select * from pay_earned('pays');

create or replace macro scorecard_indicators_live(entries_file, period_key) as table
select * from scorecard_indicators_live_in(entries_file, [period_key]);

create or replace macro scorecard_items_live(entries_file, period_key) as table
select * from scorecard_items_live_in(entries_file, [period_key]);

create or replace macro scorecards_live(entries_file, period_key) as table
select * from scorecards_live_in(entries_file, [period_key]);

create or replace macro pay_live(entries_file, period_key) as table
select * from pay_live_in(entries_file, [period_key]);
