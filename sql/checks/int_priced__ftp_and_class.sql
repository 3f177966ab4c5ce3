-- check int_priced__ftp_and_class: every deposit and loan snapshot found an FTP rate (the warehouse
-- holds an FTP curve), and every loan's five-category class has an expected-loss entry
-- (config/expected_loss.json). Returns the ledger, row, date and what is missing.
select 'deposits' as ledger, account_id as row_id, as_of_date, 'no FTP rate (empty ftp_curve?)' as problem,
from int_deposits_priced
where ftp_rate_pct is null
union all
select 'loans', loan_id, as_of_date, 'no FTP rate (empty ftp_curve?)',
from int_loans_priced
where ftp_rate_pct is null
union all
select 'loans', loan_id, as_of_date, 'five_class ' || five_class || ' has no pd/lgd in cfg_expected_loss',
from int_loans_priced
where pd is null
