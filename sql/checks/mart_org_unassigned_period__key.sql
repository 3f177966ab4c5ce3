-- check mart_org_unassigned_period__key: the key (period, org_id) is unique and never null.
-- Returns the offending keys.
select period, org_id, count(*) as rows_with_key,
from mart_org_unassigned_period
group by period, org_id
having count(*) > 1 or bool_or(period is null or org_id is null)
