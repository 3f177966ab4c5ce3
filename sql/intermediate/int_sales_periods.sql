-- int_sales_periods: products sold to each client per period and category (long form), whoever sold them.
-- grain: one row per period × client × category with any sale; keys: period, client_id, category.
-- formula: units and amount of int_sales_attributed (each row already × the share of its holder,
--   so the holders of one sale add up to the sale) summed over the client's holders per month
--   first, then over the period's months. mart_client_period pivots it into
--   sales_<category>_units / sales_<category>_amount; int_holder_bases charges a client's base-period
--   sales to its current holders. (Holder figures come from int_sales_attributed directly.)
--   64-bit DECIMAL(18,6) / (18,8): exact, cheaper to write than (38,x); beyond 10^10 the cast fails.
-- method: every period is a span of months of one year ending in a month, quarter, half or year
--   bucket (a ytd period is the year's bucket up to its month). A client's period row is taken from
--   its last month with a sale in the period, as the running sum of its bucket up to that month
--   (window over the client's months of the year), so each row is made once and nothing is grouped
--   after the fan-out to the periods (client × month × category to each of its ~10 periods, then
--   grouped again, was far more groups). The sums stay exact (38,x) until the cast.
-- inputs: int_sales_attributed, int_period_months.
-- materialised: build only (in memory during the build; nothing reads it afterwards)
with client_months as (
  select client_id, category, month_end, year(month_end) as year, month(month_end) as month,
    sum(units) as units, sum(amount) as amount,
  from int_sales_attributed
  group by client_id, category, month_end
),
running as (
  -- per client × category × month with a sale: its next sale month of the year and the running sums
  -- of its quarter, half and year up to it (range frames: the months since the bucket began)
  select client_id, category, month_end,
    lead(month) over months as next_month,
    units as month_units, amount as month_amount,
    sum(units) over (months range between (month - 1) % 3 preceding and current row) as quarter_units,
    sum(amount) over (months range between (month - 1) % 3 preceding and current row) as quarter_amount,
    sum(units) over (months range between (month - 1) % 6 preceding and current row) as half_units,
    sum(amount) over (months range between (month - 1) % 6 preceding and current row) as half_amount,
    sum(units) over months as year_units,
    sum(amount) over months as year_amount,
  from client_months
  window months as (partition by client_id, category, year order by month)
),
periods as (
  -- span: which running sum a period is (a ytd period is its year's up to its last month)
  select period, max(month(month_end)) as last_month,
    case any_value(period_type)
      when 'month' then 0 when 'quarter' then 1 when 'half' then 2 when 'year' then 3 when 'ytd' then 3
      else error('int_sales_periods: no running sum for period type ' || any_value(period_type))
    end as span,
  from int_period_months
  group by period
),
period_months as (
  select pm.month_end, p.period, p.last_month, p.span,
  from int_period_months as pm
  join periods as p on p.period = pm.period
)
select
  p.period,
  r.client_id,
  r.category,
  cast(case p.span when 0 then r.month_units when 1 then r.quarter_units when 2 then r.half_units else r.year_units end
    as decimal(18,6)) as units,
  cast(case p.span when 0 then r.month_amount when 1 then r.quarter_amount when 2 then r.half_amount else r.year_amount end
    as decimal(18,8)) as amount,
from running as r
join period_months as p on p.month_end = r.month_end
-- the client's last month with a sale in the period
where r.next_month is null or r.next_month > p.last_month
