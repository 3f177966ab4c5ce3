-- mart_manager_league: the league table's rows (GET /api/orgs/{id}/managers): every manager's
--   figures per period with the scorecard that applies and profit contribution against base and
--   target, in one row, so a league request reads one table instead of joining three; and each
--   row once under every node above the manager, so the league of a node is its rows, together.
-- grain: one row per manager × period (the rows of mart_manager_period) × org node whose subtree
--   holds the manager's org at the period's end (int_org_ancestors: the org itself and each node
--   above it), so a node's league of a past period lists the managers who were there then;
--   keys: period, ancestor_id, manager_id.
-- formula: no new figure; columns of other marts as built:
--   ancestor_id  = the node whose league the row belongs to (int_org_ancestors.ancestor_id);
--   every column of mart_manager_period, as is;
--   org_name     = the manager's org node's name (stg_extract__orgs);
--   total_score, score_grade (= grade), peer_rank, percentile, score_period (= period of the card):
--                  the manager's row of mart_scorecards for the scored period that applies to the
--                  manager for the period (int_scorecards_applied: the latest card of the
--                  period's year up to its end), null without one;
--   <metric>_base, _target, _achievement, _growth for the headline metrics (profit_contribution,
--                  deposit_avg_balance, loan_avg_balance, fee_income, net_deposit_increase: the
--                  columns the league and `jixiao export managers` show beside the figures) = base,
--                  target, achievement and growth of mart_manager_metrics' row for (manager,
--                  period, metric), side by side by the macro headline_measures
--                  (sql/macros/headline_measures.sql, shared with mart_org_league): money, so
--                  base, target and growth DECIMAL(18,2), achievement as built (6 places).
--                  For profit_contribution in a month (no target of its own): the year to date against the annual target by
--                  elapsed time instead: pace_base, pace_target, achievement, growth of
--                  mart_month_pace (序时进度)
--   profit_contribution_ytd = for a month, the year-to-date actual those four are measured on
--                  (mart_month_pace.ytd_actual); null for other periods
--   elapsed_share  = for a month, the share of the year gone (mart_month_pace); null otherwise.
--   moved          = the manager belonged to the node's subtree at the period's end (org_id) but
--                  has left it since (current_org_id outside it): 已调离 in the league.
--   achievement__<metric> for every metric of mart_manager_period = for a metric an indicator of a
--                  managers' evaluation scheme names (cfg_scheme_indicators of cfg_schemes;
--                  institution cards are not managers'), its achievement as
--                  profit_contribution_achievement has it: actual / target of mart_manager_metrics,
--                  for a month the year to date against the annual target by elapsed time
--                  (mart_month_pace.achievement, null without an annual target); null for a metric
--                  no scheme names. A column per metric (the catalog's, so the columns do not
--                  depend on the schemes), of which the league reads those of the main indicators
--                  of the schemes in force under its node (contract/main-indicators.ts,
--                  mart_league_indicators)
-- inputs: mart_manager_period, mart_scorecards, int_scorecards_applied, mart_manager_metrics,
--   mart_month_pace, int_periods, int_org_ancestors, stg_extract__orgs, cfg_schemes,
--   cfg_scheme_indicators.
-- `m.*`: the league shows every column of mart_manager_period, and the API takes that list from
-- the catalog of mart_manager_period; carrying the row whole keeps the two the same when a metric
-- is added there (an explicit list here would have to be edited in step).
with manager_periods as (
  select * from mart_manager_period
),
scorecards as (
  select period, manager_id, total_score, grade, peer_rank, percentile from mart_scorecards
),
metric_rows as (
  select period, manager_id as subject_id, metric, base, target, achievement, growth, from mart_manager_metrics
),
headline as (
  -- one row per manager × period: <metric>_base, _target, _achievement, _growth side by side
  select * from headline_measures('metric_rows')
),
month_pace as (
  select period, subject_id as manager_id, elapsed_share, ytd_actual, pace_base, pace_target, achievement, growth
  from mart_month_pace
  where subject_type = 'manager' and metric = 'profit_contribution'
),
months as (
  select period from int_periods where period_type = 'month'
),
ancestors as (
  select org_id, ancestor_id from int_org_ancestors
),
orgs as (
  select org_id, org_name from stg_extract__orgs
),
card_applies as (
  select period, manager_id, scored_period from int_scorecards_applied
),
scheme_metrics as (
  -- the metrics the managers' schemes name (an institution card's indicators are in the same table)
  select distinct i.metric
  from cfg_scheme_indicators as i
  semi join cfg_schemes as s on s.scheme_id = i.scheme_id
  where i.metric is not null
),
indicator_rows as (
  -- a month (no target of its own) takes the year to date by elapsed time, as profit contribution does
  select
    r.period,
    r.subject_id as manager_id,
    r.metric,
    case when mo.period is null then r.achievement else p.achievement end as achievement,
  from metric_rows as r
  semi join scheme_metrics as sm on sm.metric = r.metric
  left join months as mo on mo.period = r.period
  left join mart_month_pace as p
    on p.period = r.period and p.subject_type = 'manager' and p.subject_id = r.subject_id and p.metric = r.metric
),
indicators as (
  -- side by side, one row per manager × period: achievement__<metric> for every manager metric
  pivot indicator_rows
  on metric in (
    {% for metric in manager %}
    all: '{metric}' as achievement__{metric},
    {% end %}
  )
  using max(achievement)
  group by period, manager_id
)
select
  anc.ancestor_id,
  m.*,
  o.org_name,
  sc.total_score,
  sc.grade as score_grade,
  sc.peer_rank,
  sc.percentile,
  sc.period as score_period,
  t.* exclude (period, subject_id, profit_contribution_base, profit_contribution_target, profit_contribution_achievement, profit_contribution_growth),
  round_fen(case when mo.period is null then t.profit_contribution_base else p.pace_base end) as profit_contribution_base,
  round_fen(case when mo.period is null then t.profit_contribution_target else p.pace_target end) as profit_contribution_target,
  case when mo.period is null then t.profit_contribution_achievement else p.achievement end as profit_contribution_achievement,
  round_fen(case when mo.period is null then t.profit_contribution_growth else p.growth end) as profit_contribution_growth,
  p.ytd_actual as profit_contribution_ytd,
  p.elapsed_share,
  now.org_id is null as moved,
  ind.* exclude (period, manager_id),
from manager_periods as m
join ancestors as anc on anc.org_id = m.org_id
left join ancestors as now on now.org_id = m.current_org_id and now.ancestor_id = anc.ancestor_id
left join orgs as o on o.org_id = m.org_id
left join card_applies as a on a.period = m.period and a.manager_id = m.manager_id
left join scorecards as sc on sc.manager_id = m.manager_id and sc.period = a.scored_period
left join headline as t on t.period = m.period and t.subject_id = m.manager_id
left join months as mo on mo.period = m.period
left join month_pace as p on p.period = m.period and p.manager_id = m.manager_id
left join indicators as ind on ind.period = m.period and ind.manager_id = m.manager_id

-- written in key order: the API reads one node's league for one period, contiguous rows (zone maps
-- skip the rest)
order by m.period, anc.ancestor_id, m.manager_id
