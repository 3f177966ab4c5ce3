-- int_period_ledgers: per period, whether each figure's source ledger was delivered — the switch
--   that makes a figure null (unavailable) instead of 0 in the period and long marts.
-- grain: one row per period; keys: period.
-- formula: <ledger> = the ledger was delivered in at least one month of the period
--   (int_ledger_months.delivered; mart_ledger_coverage says 'full' or 'partial' for it); business = deposits or loans or fees (the figures
--   that add all three: profit contribution); reference = true (figures from the org, manager and assignment files);
--   base_<…> = the same for the period's base period (false when it is not loaded).
-- inputs: int_periods, int_period_months, int_ledger_months.
with delivered as (
  select
    pm.period,
    coalesce(bool_or(lm.delivered) filter (where lm.ledger = 'deposits'), false) as deposits,
    coalesce(bool_or(lm.delivered) filter (where lm.ledger = 'loans'), false) as loans,
    coalesce(bool_or(lm.delivered) filter (where lm.ledger = 'fees'), false) as fees,
    coalesce(bool_or(lm.delivered) filter (where lm.ledger = 'sales'), false) as sales,
    coalesce(bool_or(lm.delivered) filter (where lm.ledger = 'visits'), false) as visits,
  from int_period_months as pm
  join int_ledger_months as lm on lm.month_end = pm.month_end
  group by pm.period
)
select
  p.period,
  d.deposits,
  d.loans,
  d.fees,
  d.sales,
  d.visits,
  d.deposits or d.loans or d.fees as business,
  true as reference,
  coalesce(b.deposits, false) as base_deposits,
  coalesce(b.loans, false) as base_loans,
  coalesce(b.fees, false) as base_fees,
  coalesce(b.sales, false) as base_sales,
  coalesce(b.visits, false) as base_visits,
  coalesce(b.deposits or b.loans or b.fees, false) as base_business,
  true as base_reference,
from int_periods as p
join delivered as d on d.period = p.period
left join delivered as b on b.period = p.base_period
