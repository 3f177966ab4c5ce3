-- int_client_sales_months: products sold to each client per month and category, whoever sold them.
-- grain: one row per month-end × client × category with any sale; keys: month_end, client_id, category.
-- formula: units and amount of int_sales_attributed (each row already × the share of its holder, so
--   the holders of one sale add up to the sale), summed over the client's holders. A period's sales
--   are the sum over its months (int_sales_periods); base figures and the warnings read the months
--   they need from here instead of a period table ~8× larger (41.5 M rows on the 1,000,000-client bank).
--   64-bit DECIMAL(18,6) / (18,8): exact, cheaper to carry than (38,x); beyond 10^10 the cast fails.
-- inputs: int_sales_attributed.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
select
  month_end,
  client_id,
  category,
  cast(sum(units) as decimal(18,6)) as units,
  cast(sum(amount) as decimal(18,8)) as amount,
from int_sales_attributed
group by month_end, client_id, category
