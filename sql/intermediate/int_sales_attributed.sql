-- int_sales_attributed: product sales attributed to managers.
-- grain: one row per sale × holder; keys: sale_id, manager_id (null = unassigned bucket).
-- formula: as int_fees_attributed: a sale naming a known manager credits that manager in full;
--   otherwise the client's assignments on sale_date × share; with none, the unassigned bucket of
--   the client's home org (sales carry no org). units × share and amount × share, full precision;
--   category from the product catalogue ('other' when the product is unknown). A manager's
--   holder_org_id is the manager's org on sale_date (int_manager_orgs).
-- inputs: stg_extract__sales, stg_extract__products, stg_extract__assignments, int_manager_orgs,
--   int_client_home_orgs.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with sales as (
  select sale_date, month_end, sale_id, client_id, product_id, manager_id as named_manager_id, amount, units
  from stg_extract__sales
),
products as (
  select product_id, category from stg_extract__products
),
assignments as (
  select client_id, manager_id, share, valid_from, valid_to from stg_extract__assignments
),
managers as (
  select manager_id, org_id, held_from, held_to from int_manager_orgs
),
homes as (
  select client_id, home_org_id from int_client_home_orgs
),
booked as (
  select s.*, coalesce(p.category, 'other') as category, h.home_org_id as booking_org_id,
    n.manager_id as credited_manager_id, n.org_id as credited_org_id,
  from sales as s
  left join products as p on p.product_id = s.product_id
  left join homes as h on h.client_id = s.client_id
  left join managers as n on n.manager_id = s.named_manager_id and s.sale_date between n.held_from and n.held_to
),
named as (
  select sale_date, month_end, sale_id, client_id, product_id, category, amount, units,
    credited_manager_id as manager_id, credited_org_id as holder_org_id, 'named' as attribution,
    cast(1 as decimal(9,6)) as share,
  from booked
  where credited_manager_id is not null
),
by_assignment as (
  select b.sale_date, b.month_end, b.sale_id, b.client_id, b.product_id, b.category, b.amount, b.units,
    a.manager_id,
    case when a.manager_id is null then b.booking_org_id else m.org_id end as holder_org_id,
    case when a.manager_id is null then 'unassigned' else 'assignment' end as attribution,
    coalesce(a.share, 1) as share,
  from booked as b
  left join assignments as a
    on a.client_id = b.client_id and b.sale_date between a.valid_from and a.valid_to
  left join managers as m on m.manager_id = a.manager_id and b.sale_date between m.held_from and m.held_to
  where b.credited_manager_id is null
),
holders as (
  select * from named
  union all
  select * from by_assignment
)
select
  sale_date,
  month_end,
  sale_id,
  client_id,
  product_id,
  category,
  manager_id,
  holder_org_id,
  attribution,
  share,
  cast(units * share as decimal(38,6)) as units,
  cast(cast(amount as decimal(38,2)) * share as decimal(38,8)) as amount,
from holders
