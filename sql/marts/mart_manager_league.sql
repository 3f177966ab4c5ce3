-- mart_manager_league: the league table's rows (GET /api/orgs/{id}/managers): every manager's
--   figures per period with the scorecard that applies and profit contribution against base and
--   target, in one row, so a league request reads one table instead of joining three; and each
--   row once under every node above the manager, so the league of a node is its rows, together.
-- grain: one row per manager × period (the rows of mart_manager_period) × org node whose subtree
--   holds the manager's org (int_org_ancestors: the org itself and each node above it);
--   keys: period, ancestor_id, manager_id.
-- formula: no new figure; columns of other marts as built:
--   ancestor_id  = the node whose league the row belongs to (int_org_ancestors.ancestor_id);
--   every column of mart_manager_period, as is;
--   org_name     = the manager's org node's name (stg_extract__orgs);
--   total_score, score_grade (= grade), peer_rank, percentile, score_period (= period of the card):
--                  the manager's row of mart_scorecards for the scored period that applies, null
--                  without one. The scored period that applies to a period = the latest period of
--                  the same year ending on or before its end that has any scorecard (scoring runs
--                  quarterly on year-to-date figures, so a month or a quarter shows the latest
--                  card of its year up to its end); at the same end date the types go month, ytd,
--                  quarter, half, year (the order of the API's period list);
--   profit_contribution_base, _target, _achievement, _growth = base, target, achievement and
--                  growth of mart_manager_metrics' row for (manager, period, profit_contribution).
-- inputs: mart_manager_period, mart_scorecards, mart_manager_metrics, int_periods, int_org_ancestors,
--   stg_extract__orgs.
-- `m.*`: the league shows every column of mart_manager_period, and the API takes that list from
-- the catalog of mart_manager_period; carrying the row whole keeps the two the same when a metric
-- is added there (an explicit list here would have to be edited in step).
with manager_periods as (
  select * from mart_manager_period
),
periods as (
  select period, period_type, year, end_date from int_periods
),
scorecards as (
  select period, manager_id, total_score, grade, peer_rank, percentile from mart_scorecards
),
profit_targets as (
  select period, manager_id, base, target, achievement, growth
  from mart_manager_metrics
  where metric = 'profit_contribution'
),
ancestors as (
  select org_id, ancestor_id from int_org_ancestors
),
orgs as (
  select org_id, org_name from stg_extract__orgs
),
scored_periods as (
  select distinct period from scorecards
),
card_applies as (
  select p.period, c.period as scored_period
  from periods as p
  join periods as c on c.year = p.year and c.end_date <= p.end_date
  join scored_periods as s on s.period = c.period
  qualify row_number() over (
    partition by p.period
    order by c.end_date desc,
      case c.period_type when 'month' then 0 when 'ytd' then 1 when 'quarter' then 2 when 'half' then 3 else 4 end
  ) = 1
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
  t.base as profit_contribution_base,
  t.target as profit_contribution_target,
  t.achievement as profit_contribution_achievement,
  t.growth as profit_contribution_growth,
from manager_periods as m
join ancestors as anc on anc.org_id = m.org_id
left join orgs as o on o.org_id = m.org_id
left join card_applies as a on a.period = m.period
left join scorecards as sc on sc.manager_id = m.manager_id and sc.period = a.scored_period
left join profit_targets as t on t.period = m.period and t.manager_id = m.manager_id

-- written in key order: the API reads one node's league for one period, contiguous rows (zone maps
-- skip the rest)
order by m.period, anc.ancestor_id, m.manager_id
