-- int_periods_base_loaded: whether each period's base period (the same period a year earlier) is
--   loaded, which decides between a computed base of 0 and none.
-- grain: one row per period; keys: period.
-- formula: loaded = the base period is in int_periods; ndi_known = the warehouse holds a deposit
--   snapshot at the base period's own base date (so a net deposit increase can be computed for it).
-- inputs: int_periods, int_deposit_months.
select
  p.period,
  b.period is not null as loaded,
  exists (select 1 from int_deposit_months as d where d.month_end = b.base_date) as ndi_known,
from int_periods as p
left join int_periods as b on b.period = p.base_period
