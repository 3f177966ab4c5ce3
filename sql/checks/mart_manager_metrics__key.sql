-- check mart_manager_metrics__key: the key (period, manager_id, metric) is unique and never null.
-- Returns the offending keys.
-- How (26.6 M rows on the large bank): as mart_client_period__key — grouped first on a 64-bit hash of
-- the key; only the rows of hash groups with a repeat or a null are grouped on the key itself.
with suspect as (
  select hash(period, manager_id, metric) as h from mart_manager_metrics
  group by h having count(*) > 1 or bool_or(period is null or manager_id is null or metric is null)
)
select period, manager_id, metric, count(*) as rows_with_key,
from mart_manager_metrics semi join suspect on suspect.h = hash(period, manager_id, metric)
group by period, manager_id, metric
having count(*) > 1 or bool_or(period is null or manager_id is null or metric is null)
