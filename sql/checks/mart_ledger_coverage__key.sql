-- check mart_ledger_coverage__key: the key (period, ledger) is unique and never null, and every
-- period has all five ledgers. Returns the offending keys.
select period, ledger, count(*) as rows_with_key,
from mart_ledger_coverage
group by period, ledger
having count(*) > 1 or bool_or(period is null or ledger is null)
union all
select period, null, count(*),
from mart_ledger_coverage
group by period
having count(*) <> 5
