-- int_visits_classified: each visit with whom it reached and what followed it (process quality).
-- grain: one row per visit; keys: visit_id. The visit is credited as in int_visits_attributed
--   (manager_id null = a visitor unknown to the managers file, in the unassigned bucket).
-- formula:
--   audience = 'prospect'  when the visit names no client, a client not in the clients file, or a
--                          client not yet assigned to any manager on the visit date;
--              'new'       when the client's first assignment (int_clients_first_assigned) lies
--                          within the 365 days up to the visit date (a newly won client);
--              'existing'  otherwise.
--   is_convertible = a development visit naming a client of the clients file (a prospect already on
--     file included: whether the cold visit converted is the point); converted = at least one
--     product sale to that client dated from the visit day to 30 days after it (any product, any
--     seller: the visit is judged by the business that followed it). converted_sales = how many.
-- inputs: int_visits_attributed, stg_extract__clients, int_clients_first_assigned, stg_extract__sales.
with visits as (
  select visit_date, month_end, visit_id, client_id, purpose, manager_id, holder_org_id, visits, development_visits,
  from int_visits_attributed
),
clients as (
  select client_id from stg_extract__clients
),
firsts as (
  select distinct client_id, first_assigned_date from int_clients_first_assigned
),
sales as (
  select sale_id, sale_date, client_id from stg_extract__sales
),
classified as (
  select
    v.*,
    case
      when v.client_id is null or c.client_id is null or f.first_assigned_date is null
        or f.first_assigned_date > v.visit_date then 'prospect'
      when f.first_assigned_date > v.visit_date - interval 365 day then 'new'
      else 'existing'
    end as audience,
    c.client_id is not null as client_on_file,
  from visits as v
  left join clients as c on c.client_id = v.client_id
  left join firsts as f on f.client_id = v.client_id
),
followed as (
  select v.visit_id, count(*) as converted_sales,
  from classified as v
  join sales as s
    on s.client_id = v.client_id
   and s.sale_date between v.visit_date and v.visit_date + interval 30 day
  where v.purpose = 'development' and v.client_on_file
  group by v.visit_id
)
select
  v.visit_date,
  v.month_end,
  v.visit_id,
  v.client_id,
  v.purpose,
  v.manager_id,
  v.holder_org_id,
  v.audience,
  (v.purpose = 'development' and v.client_on_file) as is_convertible,
  coalesce(f.converted_sales, 0) > 0 as converted,
  cast(coalesce(f.converted_sales, 0) as integer) as converted_sales,
from classified as v
left join followed as f on f.visit_id = v.visit_id
