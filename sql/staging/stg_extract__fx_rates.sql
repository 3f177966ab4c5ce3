-- stg_extract__fx_rates: exchange rates, yuan for one unit of a currency, at month-ends.
-- grain: one row per rate date × currency. keys: as_of_date, currency.
-- formula: month_end = last_day(as_of_date), the month the rate converts; cny_per_unit as delivered
--   (7.300000 = ¥7.30 for one unit). source: raw_fx_rates.
select
  as_of_date,
  last_day(as_of_date) as month_end,
  currency,
  cny_per_unit,
from raw_fx_rates
