-- check mart_org_benchmark__key: the key (period, org_id, metric) is unique and never null, and
-- every node with a parent has its mart_org_metrics rows there (no sibling left out of a ranking).
-- Returns the offending keys.
select period, org_id, metric, count(*) as rows_with_key,
from mart_org_benchmark
group by period, org_id, metric
having count(*) > 1 or bool_or(period is null or org_id is null or metric is null or parent_id is null)
union all
select x.period, x.org_id, x.metric, 0,
from mart_org_metrics as x
join mart_org_period as h on h.org_id = x.org_id and h.period = x.period and h.parent_id is not null
anti join mart_org_benchmark as b on b.period = x.period and b.org_id = x.org_id and b.metric = x.metric
