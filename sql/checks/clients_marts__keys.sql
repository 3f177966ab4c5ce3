-- check clients_marts__keys: the keys of the client models are unique and never null:
-- int_client_loyalty_measured (period, client_id), mart_client_portfolio_period (period, manager_id,
-- client_id), mart_manager_client_concentration (period, manager_id), mart_client_sales_period (period,
-- client_id, category). Returns model and key.
select 'int_client_loyalty_measured' as model, period || '/' || client_id as key, count(*) as rows_with_key,
from int_client_loyalty_measured group by period, client_id
having count(*) > 1 or bool_or(period is null or client_id is null)
union all
select 'mart_client_portfolio_period', period || '/' || manager_id || '/' || client_id, count(*),
from mart_client_portfolio_period group by period, manager_id, client_id
having count(*) > 1 or bool_or(period is null or manager_id is null or client_id is null)
union all
select 'mart_manager_client_concentration', period || '/' || manager_id, count(*),
from mart_manager_client_concentration group by period, manager_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
union all
select 'mart_client_sales_period', period || '/' || client_id || '/' || category, count(*),
from mart_client_sales_period group by period, client_id, category
having count(*) > 1 or bool_or(period is null or client_id is null or category is null)
