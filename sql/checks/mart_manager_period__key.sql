-- check mart_manager_period__key: the key (period, manager_id) is unique and never null.
-- Returns the offending keys.
select period, manager_id, count(*) as rows_with_key,
from mart_manager_period
group by period, manager_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
