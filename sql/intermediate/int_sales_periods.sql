-- int_sales_periods: products sold to each client per period and category (long form), whoever sold them.
-- grain: one row per period × client × category with any sale; keys: period, client_id, category.
-- formula: units and amount of int_client_sales_months summed over the period's months.
--   mart_client_sales_period rounds it (its one reader: base figures and warnings read the months).
--   64-bit DECIMAL(18,6) / (18,8): exact; beyond 10^10 the cast fails.
-- inputs: int_client_sales_months, int_period_months.
-- materialised: build only view (computed once, by mart_client_sales_period: not written as a table)
select
  pm.period,
  m.client_id,
  m.category,
  cast(sum(m.units) as decimal(18,6)) as units,
  cast(sum(m.amount) as decimal(18,8)) as amount,
from int_client_sales_months as m
join int_period_months as pm on pm.month_end = m.month_end
group by pm.period, m.client_id, m.category
