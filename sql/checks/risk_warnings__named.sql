-- check risk_warnings__named: every early warning names its subject, date, holder and figure: loan
-- warnings a loan, its balance and overdue days; client warnings a previous balance above zero and
-- a change below −30% (outflow) or a zero balance (gone); holder shares within (0, 1].
-- Returns the offending warnings.
select warning, as_of_date, loan_id, client_id, manager_id, holder_org_id, share, balance, previous_balance, change_ratio,
from mart_risk_warnings
where as_of_date is null or client_id is null or holder_org_id is null or share <= 0 or share > 1
   or warning not in ('special_mention', 'overdue_rising', 'deposit_outflow', 'client_gone')
   or (warning in ('special_mention', 'overdue_rising') and (loan_id is null or balance is null or overdue_days is null))
   or (warning = 'deposit_outflow' and not (previous_balance > 0 and change_ratio < -0.3))
   or (warning = 'client_gone' and not (previous_balance > 0 and balance = 0))
