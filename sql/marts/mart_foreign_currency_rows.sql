-- mart_foreign_currency_rows: every deposit and loan snapshot not in yuan, with its amounts as
-- delivered and in yuan — what the client page shows beside each other.
-- grain: one row per ledger × row × month-end of a non-CNY snapshot; keys: ledger, row_id, as_of_date.
-- formula: balance, avg_balance = the delivered amounts × cny_per_unit (the fx_rates rate of the
--   month-end), to the fen, as int_deposits_priced and int_loans_priced convert them before any sum.
-- inputs: int_deposits_priced, int_loans_priced.
with deposits as (
  select 'deposits' as ledger, account_id as row_id, as_of_date, client_id, currency, currency_balance, currency_avg_balance,
    cny_per_unit, balance, avg_balance,
  from int_deposits_priced
  where currency <> 'CNY'
),
loans as (
  select 'loans' as ledger, loan_id as row_id, as_of_date, client_id, currency, currency_balance, currency_avg_balance,
    cny_per_unit, balance, avg_balance,
  from int_loans_priced
  where currency <> 'CNY'
)
select ledger, row_id, as_of_date, client_id, currency, currency_balance, currency_avg_balance, cny_per_unit, balance, avg_balance,
from (select * from deposits union all select * from loans)
order by client_id, as_of_date, ledger, row_id
