-- stg_extract__sales: products sold.
-- grain: one row per sale. keys: sale_id.
-- formula: month_end = last_day(sale_date); amount null means a unit-only sale (counts 0 yuan).
-- inputs: raw_sales.
select
  sale_date,
  last_day(sale_date) as month_end,
  sale_id,
  client_id,
  product_id,
  manager_id,
  coalesce(amount, 0.00) as amount,
  units,
  channel,
from raw_sales
