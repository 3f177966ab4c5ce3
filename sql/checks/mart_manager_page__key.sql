-- check mart_manager_page__key: the key (period, manager_id) is unique and never null, and the
-- mart has exactly the rows of mart_manager_period. Returns the offending keys.
select period, manager_id, count(*) as rows_with_key,
from mart_manager_page
group by period, manager_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
union all
select coalesce(g.period, m.period), coalesce(g.manager_id, m.manager_id), 0,
from mart_manager_page as g
full join mart_manager_period as m on m.period = g.period and m.manager_id = g.manager_id
where g.manager_id is null or m.manager_id is null
