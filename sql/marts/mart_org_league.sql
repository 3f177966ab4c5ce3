-- mart_org_league: the org nodes side by side (`jixiao export orgs`, and a node's children in
--   GET /api/orgs/{id}/benchmark): every figure of a node with base, target, achievement and
--   growth of the headline metrics, its per-manager averages and percentiles among its siblings,
--   and its place in the tree.
-- grain: one row per org node × period (the rows of mart_org_period); keys: period, org_id.
-- formula: no new figure; columns of other marts as built:
--   every column of mart_org_period, as is;
--   tree_path = the ids from the root down to the node, joined by '/': ordered by it, the nodes
--               come depth first, siblings by id (null for a node the root does not reach);
--   <metric>_base, _target, _achievement, _growth for the headline metrics (profit_contribution,
--               deposit_avg_balance, loan_avg_balance, fee_income, net_deposit_increase) = base,
--               target, achievement and growth of mart_org_metrics' row for (org, period,
--               metric), side by side by the macro headline_measures (sql/macros/
--               headline_measures.sql, shared with mart_manager_league): money, so base, target
--               and growth DECIMAL(18,2), achievement as built;
--   <metric>_per_manager = mart_org_benchmark's per_manager_fen for money, per_manager_ratio for
--               counts and units (not for ratios, nor for the head count itself);
--   <metric>_percentile  = mart_org_benchmark's percentile (every metric but the head count);
--               both null for the root (no siblings);
--   institution_score, institution_grade, institution_level_rank = the node's institution card
--               that applies to the period (int_org_scorecards_applied: the latest of its year up
--               to the period's end); null for a node no institution scheme scores.
-- inputs: mart_org_period, mart_org_metrics, mart_org_benchmark, int_org_scorecards_applied,
--   stg_extract__orgs.
with recursive paths(org_id, tree_path) as (
  select org_id, org_id from stg_extract__orgs where parent_id is null
  union all
  select o.org_id, p.tree_path || '/' || o.org_id
  from stg_extract__orgs as o
  join paths as p on o.parent_id = p.org_id
  where length(p.tree_path) < 4000
),
org_periods as (
  select * from mart_org_period
),
metric_rows as (
  select period, org_id as subject_id, metric, base, target, achievement, growth, from mart_org_metrics
),
headline as (
  -- one row per org × period: <metric>_base, _target, _achievement, _growth side by side
  select * from headline_measures('metric_rows')
),
benchmark_pivoted as (
  -- one row per org × period: <metric>_fen, _ratio, _percentile of every metric side by side
  pivot (
    select period, org_id, metric, per_manager_fen, per_manager_ratio, percentile,
    from mart_org_benchmark
  )
  on metric in (
    {% for metric in org %}
    all: '{metric}',
    {% end %}
  )
  using max(per_manager_fen) as fen, max(per_manager_ratio) as ratio, max(percentile) as percentile
  group by period, org_id
),
benchmark_wide as (
  -- the average that applies to each kind, and the percentile
  select
    period,
    org_id,
    {% for metric in org %}
    money: {metric}_fen as {metric}_per_manager,
    units: {metric}_ratio as {metric}_per_manager,
    count: {metric}_ratio as {metric}_per_manager,
    ratio:
    managers:
    {% end %}
    {% for metric in org %}
    money: {metric}_percentile,
    units: {metric}_percentile,
    count: {metric}_percentile,
    ratio: {metric}_percentile,
    managers:
    {% end %}
  from benchmark_pivoted
),
institution_cards as (
  select period, org_id, institution_score, institution_grade, institution_level_rank,
  from int_org_scorecards_applied
)
-- `o.*`: every column of mart_org_period, as mart_manager_league carries mart_manager_period's
select
  o.*,
  p.tree_path,
  t.* exclude (period, subject_id),
  b.* exclude (period, org_id),
  c.institution_score,
  c.institution_grade,
  c.institution_level_rank,
from org_periods as o
left join paths as p on p.org_id = o.org_id
left join headline as t on t.period = o.period and t.subject_id = o.org_id
left join benchmark_wide as b on b.period = o.period and b.org_id = o.org_id
left join institution_cards as c on c.period = o.period and c.org_id = o.org_id

-- written in key order
order by o.period, o.org_id
