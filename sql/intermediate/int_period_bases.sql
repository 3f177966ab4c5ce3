-- int_period_bases: what the warehouse knows of each period's bases, which decides between a figure
--   of 0 and none.
-- grain: one row per period; keys: period.
-- formula: base_date_known = a deposit snapshot is loaded at the period's base date (the prior
--   year-end), so its net deposit increase is known; base_period_loaded = the base period (the same
--   period a year earlier) is loaded, so a computed base is 0 where the portfolio produced nothing;
--   base_period_base_date_known = the base period's own base-date snapshot is loaded, so its net
--   deposit increase is known.
-- inputs: int_periods, int_deposit_months.
with deposit_months as (
  select month_end from int_deposit_months
)
select
  p.period,
  exists (select 1 from deposit_months as d where d.month_end = p.base_date) as base_date_known,
  b.period is not null as base_period_loaded,
  exists (select 1 from deposit_months as d where d.month_end = b.base_date) as base_period_base_date_known,
from int_periods as p
left join int_periods as b on b.period = p.base_period
