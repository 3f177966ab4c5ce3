-- check mart_manager_league__key: the key (period, manager_id) is unique and never null, and the
-- mart has exactly the rows of mart_manager_period (one league row per manager × period).
-- Returns the offending keys.
select period, manager_id, count(*) as rows_with_key,
from mart_manager_league
group by period, manager_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
union all
select coalesce(l.period, m.period), coalesce(l.manager_id, m.manager_id), 0,
from mart_manager_league as l
full join mart_manager_period as m on m.period = l.period and m.manager_id = l.manager_id
where l.manager_id is null or m.manager_id is null
