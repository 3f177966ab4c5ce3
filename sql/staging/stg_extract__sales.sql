-- stg_extract__sales: products sold.
-- grain: one row per sale. keys: sale_id.
-- formula: month_end = last_day(sale_date); amount null means a unit-only sale (counts 0 yuan).
-- inputs: raw_sales.
-- money: cast to its stored type, DECIMAL(18,2), which the wide build reads as DECIMAL(38,2)
--   (sql/README.md, "Amounts of any size").
select
  sale_date,
  last_day(sale_date) as month_end,
  sale_id,
  client_id,
  product_id,
  manager_id,
  cast(coalesce(amount, 0.00) as decimal(18,2)) as amount,
  units,
  channel,
from raw_sales
