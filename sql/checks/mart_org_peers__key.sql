-- check mart_org_peers__key: the key (period, org_id) is unique and never null, and the mart has
-- exactly the nodes with a parent of mart_org_period, each period. Returns the offending keys.
select period, org_id, count(*) as rows_with_key,
from mart_org_peers
group by period, org_id
having count(*) > 1 or bool_or(period is null or org_id is null)
union all
select coalesce(p.period, o.period), coalesce(p.org_id, o.org_id), 0,
from mart_org_peers as p
full join (select period, org_id from mart_org_period where parent_id is not null) as o
  on o.period = p.period and o.org_id = p.org_id
where p.org_id is null or o.org_id is null
