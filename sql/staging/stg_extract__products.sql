-- stg_extract__products: the product catalogue.
-- grain: one row per product. keys: product_id. term_months null or 0 for demand products.
-- formula: rename and cast only. inputs: raw_products.
select
  product_id,
  product_name,
  category,
  term_months,
from raw_products
