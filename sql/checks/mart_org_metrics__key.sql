-- check mart_org_metrics__key: the key (period, org_id, metric) is unique and never null.
-- Returns the offending keys.
select period, org_id, metric, count(*) as rows_with_key,
from mart_org_metrics
group by period, org_id, metric
having count(*) > 1 or bool_or(period is null or org_id is null or metric is null)
