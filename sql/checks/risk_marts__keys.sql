-- check risk_marts__keys: the keys of the risk marts are unique and never null (manager_id may be
-- null where the grain says so: unassigned bucket or unknown originator). Returns mart and key.
select 'mart_manager_risk_period' as mart, period || '/' || manager_id as key, count(*) as rows_with_key,
from mart_manager_risk_period group by period, manager_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
union all
select 'mart_risk_migration', period || '/' || coalesce(manager_id, '-') || '/' || holder_org_id || '/' || from_class || '/' || to_class, count(*),
from mart_risk_migration group by period, manager_id, holder_org_id, from_class, to_class
having count(*) > 1 or bool_or(holder_org_id is null or from_class is null or to_class is null)
union all
select 'mart_turned_npl_loans', period || '/' || attribution || '/' || loan_id || '/' || as_of_date || '/' || coalesce(manager_id, '-') || '/' || holder_org_id, count(*),
from mart_turned_npl_loans group by period, attribution, loan_id, as_of_date, manager_id, holder_org_id
having count(*) > 1 or bool_or(holder_org_id is null)
union all
select 'mart_risk_warnings', warning || '/' || as_of_date || '/' || client_id || '/' || coalesce(loan_id, '-') || '/' || coalesce(manager_id, '-') || '/' || holder_org_id, count(*),
from mart_risk_warnings group by warning, as_of_date, client_id, loan_id, manager_id, holder_org_id
having count(*) > 1 or bool_or(holder_org_id is null or client_id is null)
union all
select 'mart_risk_vintage', coalesce(originating_manager_id, '-') || '/' || originating_org_id || '/' || origination_quarter || '/' || months_on_book, count(*),
from mart_risk_vintage group by originating_manager_id, originating_org_id, origination_quarter, months_on_book
having count(*) > 1 or bool_or(originating_org_id is null)
