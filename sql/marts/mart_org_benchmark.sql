-- mart_org_benchmark: each org node beside its siblings (GET /api/orgs/{id}/benchmark lists the
--   children of a node): per-manager averages and positions among the siblings, every metric.
-- grain: one row per org node with a parent × period × metric (the rows of mart_org_metrics, the
--   root left out: it has no siblings); keys: period, org_id, metric. parent_id is the node's
--   parent (mart_org_period), so a node's children are read together.
-- formula (over mart_org_metrics.actual and mart_org_period.managers, as built):
--   per_manager_fen   = actual / managers rounded half away from zero to the fen (div_fen_n); null
--                       when the node has no managers; the per-manager average of a money metric
--   per_manager_ratio = actual / managers rounded half away from zero to 6 decimals (div_ratio); the
--                       per-manager average of a count
--   percentile        = among the siblings (same parent and period) that have a value for the
--                       metric, the share at or below this node's value (cume_dist ordered by
--                       actual, 6 decimals; 1 = top); null when the node has no value
-- inputs: mart_org_metrics, mart_org_period.
with org_metrics as (
  select period, org_id, metric, actual from mart_org_metrics
),
org_periods as (
  select period, org_id, parent_id, managers from mart_org_period
)
select
  x.period,
  h.parent_id,
  x.org_id,
  x.metric,
  div_fen_n(x.actual, nullif(h.managers, 0)) as per_manager_fen,
  div_ratio(x.actual, h.managers) as per_manager_ratio,
  case when x.actual is not null
    then cast(cume_dist() over (partition by x.period, h.parent_id, x.metric, x.actual is null order by x.actual) as decimal(18,6))
  end as percentile,
from org_metrics as x
join org_periods as h on h.org_id = x.org_id and h.period = x.period
where h.parent_id is not null

-- written in key order: the API reads a node's children for one period (zone maps skip the rest)
order by x.period, h.parent_id, x.org_id, x.metric
