-- check mart_org_league__key: the key (period, org_id) is unique and never null, and the mart has
-- exactly the rows of mart_org_period. Returns the offending keys.
select period, org_id, count(*) as rows_with_key,
from mart_org_league
group by period, org_id
having count(*) > 1 or bool_or(period is null or org_id is null)
union all
select coalesce(l.period, o.period), coalesce(l.org_id, o.org_id), 0,
from mart_org_league as l
full join mart_org_period as o on o.period = l.period and o.org_id = l.org_id
where l.org_id is null or o.org_id is null
