-- mart_client_deposits: the deposit ledger as delivered, for a client's page (its account rows).
-- grain: one row per deposit account × snapshot date; keys: as_of_date, account_id.
-- formula: no new figure; the extract's columns and values as loaded (rate: annual percent, the
--   file's own value; balances in yuan), without the load bookkeeping.
-- inputs: raw_deposits (staging renames rate; the page shows the file's names).
select as_of_date, account_id, client_id, product_id, currency, balance, avg_balance, rate, org_id
from raw_deposits
