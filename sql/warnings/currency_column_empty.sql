-- warning currency_column_empty: deposit or loan rows with an empty currency column in a bank whose
--   reporting currency (config/currency.json) is not CNY. The contract reads an empty currency as
--   CNY (ingest stores it so: raw_* cannot tell an empty column from a written CNY, so every CNY row
--   is counted); at a bank reporting in another currency such rows are in fact in that currency,
--   and are taken so — the bank should fill the column or fix the extract.
-- zh: 币种列为空（报告币种不是人民币）
-- en: Currency column empty while the reporting currency is not CNY
-- One row per ledger with such rows: how many, over which months.
-- inputs: raw_deposits, raw_loans, cfg_reporting_currency.
with empty as (
  select 'deposits' as ledger, count(*) as ledger_rows, min(as_of_date) as first_date, max(as_of_date) as last_date,
  from raw_deposits where currency = 'CNY'
  union all
  select 'loans', count(*), min(as_of_date), max(as_of_date),
  from raw_loans where currency = 'CNY'
)
select
  e.ledger,
  e.ledger_rows,
  c.code as reporting_currency,
  printf('%s: %s rows (%s … %s) with an empty currency column (read as CNY), in a bank reporting in %s (config/currency.json)',
    e.ledger, format('{:,}', e.ledger_rows), strftime(e.first_date, '%Y-%m'), strftime(e.last_date, '%Y-%m'), c.code) as detail,
from empty as e
cross join cfg_reporting_currency as c
where e.ledger_rows > 0
  and c.code <> 'CNY'
order by e.ledger
