-- int_sales_periods: products sold per period, client, holder and category (long form).
-- grain: one row per period × client × holder × category with any sale; keys: period, client_id,
--   manager_id, holder_org_id, category (manager_id null = unassigned bucket).
-- formula: units and amount of int_sales_attributed (already × share) summed over the period's
--   months. The period models pivot it into sales_<category>_units / sales_<category>_amount.
--   64-bit DECIMAL(18,6) / (18,8): exact, cheaper to write than (38,x); beyond 10^10 the cast fails.
-- inputs: int_sales_attributed, int_period_months.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with sales as (
  select month_end, client_id, manager_id, holder_org_id, category, units, amount from int_sales_attributed
),
period_months as (
  select period, month_end from int_period_months
)
select
  pm.period,
  s.client_id,
  s.manager_id,
  s.holder_org_id,
  s.category,
  cast(sum(s.units) as decimal(18,6)) as units,
  cast(sum(s.amount) as decimal(18,8)) as amount,
from sales as s
join period_months as pm on pm.month_end = s.month_end
group by pm.period, s.client_id, s.manager_id, s.holder_org_id, s.category
