-- check mart_client_period__key: the key (period, client_id) is unique and never null.
-- Returns the offending keys.
select period, client_id, count(*) as rows_with_key,
from mart_client_period
group by period, client_id
having count(*) > 1 or bool_or(period is null or client_id is null)
