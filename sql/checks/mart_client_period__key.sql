-- check mart_client_period__key: the key (period, client_id) is unique and never null.
-- Returns the offending keys.
-- How (43 M rows on the large bank): the rows are first grouped on one 64-bit hash of the key, cheaper
-- than grouping on the two texts; every repeated or null key is in a hash group of more than one row
-- or with a null, so only the rows of those hash groups (none, normally: DuckDB then skips that scan)
-- are grouped on the key itself, which also sorts out two keys that happen to share a hash.
with suspect as (
  select hash(period, client_id) as h from mart_client_period
  group by h having count(*) > 1 or bool_or(period is null or client_id is null)
)
select period, client_id, count(*) as rows_with_key,
from mart_client_period semi join suspect on suspect.h = hash(period, client_id)
group by period, client_id
having count(*) > 1 or bool_or(period is null or client_id is null)
