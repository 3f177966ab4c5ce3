-- check int_attribution__shares: every attributed ledger row is shared out exactly once — the
-- shares of its holders sum to 1 (the contract: the shares of one client on one day sum to 1).
-- Overlapping or partial assignments would otherwise create or lose money silently.
-- Returns the ledger, the row's key and date, the sum of shares.
select 'deposits' as ledger, account_id as row_id, as_of_date as on_date, client_id, sum(share) as shares,
from int_deposits_attributed
group by account_id, as_of_date, client_id
having sum(share) <> 1
union all
select 'loans', loan_id, as_of_date, client_id, sum(share),
from int_loans_attributed
group by loan_id, as_of_date, client_id
having sum(share) <> 1
union all
select 'fees', txn_id, txn_date, client_id, sum(share),
from int_fees_attributed
group by txn_id, txn_date, client_id
having sum(share) <> 1
union all
select 'sales', sale_id, sale_date, client_id, sum(share),
from int_sales_attributed
group by sale_id, sale_date, client_id
having sum(share) <> 1
