-- mart_client_loans: the loan ledger as delivered, for a client's page (its loan rows).
-- grain: one row per loan × snapshot date; keys: as_of_date, loan_id.
-- formula: no new figure; the extract's columns and values as loaded (five_class as the file wrote
--   it, rate: annual percent), without the load bookkeeping.
-- inputs: raw_loans (staging renames rate and translates five_class; the page shows the file's).
select as_of_date, loan_id, client_id, product_id, currency, origination_date, maturity_date, principal,
  balance, avg_balance, rate, five_class, overdue_days, originating_manager_id, org_id
from raw_loans
