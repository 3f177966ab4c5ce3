-- check clients_marts__keys: the keys of the client models are unique and never null:
-- int_client_loyalty_measured (period, client_id), mart_client_portfolio_period (period, manager_id,
-- client_id), mart_manager_client_concentration (period, manager_id), mart_client_sales_period (period,
-- client_id, category). Returns model and key.
-- How (10–42 M rows a model on the large bank): as mart_client_period__key — grouped first on a 64-bit
-- hash of the key; only the rows of hash groups with a repeat or a null (normally none, and DuckDB then
-- skips that scan) are grouped on the key itself.
with loyalty_suspect as (
  select hash(period, client_id) as h from int_client_loyalty_measured
  group by h having count(*) > 1 or bool_or(period is null or client_id is null)
),
portfolio_suspect as (
  select hash(period, manager_id, client_id) as h from mart_client_portfolio_period
  group by h having count(*) > 1 or bool_or(period is null or manager_id is null or client_id is null)
),
sales_suspect as (
  select hash(period, client_id, category) as h from mart_client_sales_period
  group by h having count(*) > 1 or bool_or(period is null or client_id is null or category is null)
)
select 'int_client_loyalty_measured' as model, period || '/' || client_id as key, count(*) as rows_with_key,
from int_client_loyalty_measured semi join loyalty_suspect as s on s.h = hash(period, client_id)
group by period, client_id
having count(*) > 1 or bool_or(period is null or client_id is null)
union all
select 'mart_client_portfolio_period', period || '/' || manager_id || '/' || client_id, count(*),
from mart_client_portfolio_period semi join portfolio_suspect as s on s.h = hash(period, manager_id, client_id)
group by period, manager_id, client_id
having count(*) > 1 or bool_or(period is null or manager_id is null or client_id is null)
union all
select 'mart_manager_client_concentration', period || '/' || manager_id, count(*),
from mart_manager_client_concentration group by period, manager_id
having count(*) > 1 or bool_or(period is null or manager_id is null)
union all
select 'mart_client_sales_period', period || '/' || client_id || '/' || category, count(*),
from mart_client_sales_period semi join sales_suspect as s on s.h = hash(period, client_id, category)
group by period, client_id, category
having count(*) > 1 or bool_or(period is null or client_id is null or category is null)
