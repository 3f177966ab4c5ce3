-- check reference_marts__keys: the keys of the marts the API and the exports read reference data
-- and drill-downs from are unique and never null (manager_id may be null where the grain says so:
-- the unassigned bucket). Returns mart and key.
select 'mart_periods' as mart, period as key, count(*) as rows_with_key,
from mart_periods group by period
having count(*) > 1 or bool_or(period is null)
union all
select 'mart_org_ancestors', org_id || '/' || ancestor_id, count(*),
from mart_org_ancestors group by org_id, ancestor_id
having count(*) > 1 or bool_or(org_id is null or ancestor_id is null)
union all
select 'mart_clients', client_id, count(*),
from mart_clients group by client_id
having count(*) > 1 or bool_or(client_id is null)
union all
select 'mart_client_holders', client_id || '/' || manager_id || '/' || valid_from, count(*),
from mart_client_holders group by client_id, manager_id, valid_from
having count(*) > 1 or bool_or(client_id is null or manager_id is null or valid_from is null)
union all
select 'mart_manager_orgs', manager_id || '/' || held_from, count(*),
from mart_manager_orgs group by manager_id, held_from
having count(*) > 1 or bool_or(manager_id is null or held_from is null)
union all
select 'mart_portfolio_month', month_end || '/' || client_id || '/' || coalesce(manager_id, '-'), count(*),
from mart_portfolio_month group by month_end, client_id, manager_id
having count(*) > 1 or bool_or(month_end is null or client_id is null or holder_org_id is null)
union all
select 'mart_client_deposits', as_of_date || '/' || account_id, count(*),
from mart_client_deposits group by as_of_date, account_id
having count(*) > 1 or bool_or(as_of_date is null or account_id is null)
union all
select 'mart_client_loans', as_of_date || '/' || loan_id, count(*),
from mart_client_loans group by as_of_date, loan_id
having count(*) > 1 or bool_or(as_of_date is null or loan_id is null)
union all
select 'mart_risk_migration_loans', period || '/' || loan_id || '/' || coalesce(manager_id, '-') || '/' || holder_org_id, count(*),
from mart_risk_migration_loans group by period, loan_id, manager_id, holder_org_id
having count(*) > 1 or bool_or(period is null or loan_id is null or holder_org_id is null)
union all
select 'mart_scorecard_schemes', period || '/' || manager_id, count(*),
from mart_scorecard_schemes group by period, manager_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
