-- check process_visits__by_purpose: a manager's visits split by purpose add up to the visits of
-- mart_manager_period (development + maintenance + collection + other = visits), conversions never
-- exceed the visits that could convert, and the key (period, manager_id) is unique.
-- Returns the offending period and manager.
select period, manager_id, visits, development_visits + maintenance_visits + collection_visits + other_visits as by_purpose,
  converted_visits, convertible_visits, 1 as rows_with_key,
from mart_manager_process_period
where visits <> development_visits + maintenance_visits + collection_visits + other_visits
   or converted_visits > convertible_visits
   or convertible_visits > development_visits
union all
select period, manager_id, null, null, null, null, count(*),
from mart_manager_process_period
group by period, manager_id
having count(*) > 1
