-- check mart_manager_metrics__key: the key (period, manager_id, metric) is unique and never null.
-- Returns the offending keys.
select period, manager_id, metric, count(*) as rows_with_key,
from mart_manager_metrics
group by period, manager_id, metric
having count(*) > 1 or bool_or(period is null or manager_id is null or metric is null)
