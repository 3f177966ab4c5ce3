-- int_sales_periods: products sold to each client per period and category (long form), whoever sold them.
-- grain: one row per period × client × category with any sale; keys: period, client_id, category.
-- formula: units and amount of int_sales_attributed (each row already × the share of its holder,
--   so the holders of one sale add up to the sale) summed over the client's holders per month
--   first, then over the period's months. mart_client_period pivots it into
--   sales_<category>_units / sales_<category>_amount; int_holder_bases charges a client's base-period
--   sales to its current holders. (Holder figures come from int_sales_attributed directly.)
--   64-bit DECIMAL(18,6) / (18,8): exact, cheaper to write than (38,x); beyond 10^10 the cast fails.
-- inputs: int_sales_attributed, int_period_months.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with client_months as (
  select month_end, client_id, category, sum(units) as units, sum(amount) as amount,
  from int_sales_attributed
  group by month_end, client_id, category
),
period_months as (
  select period, month_end from int_period_months
)
select
  pm.period,
  m.client_id,
  m.category,
  cast(sum(m.units) as decimal(18,6)) as units,
  cast(sum(m.amount) as decimal(18,8)) as amount,
from client_months as m
join period_months as pm on pm.month_end = m.month_end
group by pm.period, m.client_id, m.category
