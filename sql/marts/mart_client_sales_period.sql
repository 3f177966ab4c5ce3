-- mart_client_sales_period: products sold to each client per period and category, whoever sold them.
-- grain: one row per period × client × category with any sale in the period; a category without a
--   sale has no row (most clients buy nothing in most periods: on the demo bank this long form holds
--   a fifth of the values that 22 columns on every mart_client_period row did); keys: period, client_id, category.
-- formula: units and amount of int_sales_periods (each sale row × its holders' shares, summed over
--   the holders, so a sale counts once in full), rounded here, once: units to 6 decimals, amount to
--   the fen (half away from zero; a sale without an amount counts 0). The API and the clients export
--   show them beside mart_client_period as sales_<category>_units / sales_<category>_amount (0 for
--   a category without a sale; warehouse/queries/client-sales.ts reshapes, computes nothing).
-- inputs: int_sales_periods.
select
  period,
  client_id,
  category,
  mart_units(units) as units,
  cast(round(coalesce(amount, 0), 2) as decimal(18,2)) as amount,
from int_sales_periods
-- written by period: the API reads one period's rows for the clients it lists (zone maps skip the other
-- periods; a finer order would not help, a portfolio's clients are scattered over the key range)
order by period
