-- check mart_client_period__key: the key (period, client_id) is unique and never null.
-- Returns the offending keys.
-- How (43 M rows on the large bank): the rows are first grouped on one 64-bit hash of the key, much
-- cheaper than grouping on the two texts; every repeated key has a repeated hash, so only the rows of
-- repeated hashes (none, normally: DuckDB then skips that scan) are grouped on the key itself, which
-- also sorts out two different keys that happen to share a hash. Null keys are looked for apart.
with repeated as (
  select hash(period, client_id) as h from mart_client_period group by h having count(*) > 1
)
select period, client_id, count(*) as rows_with_key,
from mart_client_period
semi join repeated on repeated.h = hash(period, client_id)
group by period, client_id
having count(*) > 1 and period is not null and client_id is not null
union all
select period, client_id, count(*),
from mart_client_period
where period is null or client_id is null
group by period, client_id
