-- mart_ledger_coverage: which ledgers each period's figures rest on (the institution page, the
--   API's coverage, and the reason beside an unavailable figure).
-- grain: one row per period × ledger (deposits, loans, fees, sales, visits); keys: period, ledger.
-- formula: over the period's months (int_period_months) and int_ledger_months: months,
--   delivered_months = months whose ledger was delivered, ledger_rows = Σ rows;
--   coverage = 'full' (every month), 'partial' (some) or 'none'. A figure computed from a ledger with
--   coverage 'none' is null in the period marts (config/glossary.json, "ledger"), never 0.
-- inputs: int_period_months, int_ledger_months.
select
  pm.period,
  lm.ledger,
  any_value(lm.ledger_kind) as ledger_kind,
  cast(count(*) as integer) as months,
  cast(count(*) filter (where lm.delivered) as integer) as delivered_months,
  cast(sum(lm.ledger_rows) as bigint) as ledger_rows,
  case
    when count(*) filter (where lm.delivered) = count(*) then 'full'
    when count(*) filter (where lm.delivered) > 0 then 'partial'
    else 'none'
  end as coverage,
from int_period_months as pm
join int_ledger_months as lm on lm.month_end = pm.month_end
group by pm.period, lm.ledger
order by pm.period, any_value(lm.ledger_order)
