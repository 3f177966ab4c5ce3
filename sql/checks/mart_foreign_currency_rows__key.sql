-- check mart_foreign_currency_rows__key: the key (ledger, row_id, as_of_date) is unique and never null.
-- Returns the offending keys.
select ledger, row_id, as_of_date, count(*) as rows_with_key,
from mart_foreign_currency_rows
group by ledger, row_id, as_of_date
having count(*) > 1 or bool_or(ledger is null or row_id is null or as_of_date is null)
