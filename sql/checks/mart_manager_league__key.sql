-- check mart_manager_league__key: the key (period, ancestor_id, manager_id) is unique and never
-- null, and the mart has exactly the rows of mart_manager_period under each node above the
-- manager's org (int_org_ancestors), no more, no fewer. Returns the offending keys.
select period, ancestor_id, manager_id, count(*) as rows_with_key,
from mart_manager_league
group by period, ancestor_id, manager_id
having count(*) > 1 or bool_or(period is null or ancestor_id is null or manager_id is null)
union all
select coalesce(l.period, e.period), coalesce(l.ancestor_id, e.ancestor_id), coalesce(l.manager_id, e.manager_id), 0,
from mart_manager_league as l
full join (
  select m.period, a.ancestor_id, m.manager_id
  from mart_manager_period as m
  join int_org_ancestors as a on a.org_id = m.org_id
) as e on e.period = l.period and e.ancestor_id = l.ancestor_id and e.manager_id = l.manager_id
where l.manager_id is null or e.manager_id is null
