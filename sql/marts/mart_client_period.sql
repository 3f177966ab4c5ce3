-- mart_client_period: every client's figures per period, whoever held the client.
-- grain: one row per client × period in which the client has any ledger row (or a deposit balance
--   at the base date); keys: period, client_id.
-- formula: the full-precision figures of int_client_periods rounded to the fen (half away from zero) here, once;
--   npl_ratio = npl_balance / loan_end_balance (6 decimals, null without loans); net_deposit_increase
--   null when the warehouse holds no deposit snapshot at the prior year-end. Counts weighted by
--   share (turned_npl_count) keep 6 decimals. Definitions: see int_client_periods. Products sold per
--   category are in long form in mart_client_sales_period (one row per category sold, not 22 mostly
--   zero columns on every row here). The client's name, type and home org are not repeated on every
--   period row: stg_extract__clients and int_client_home_orgs hold them once.
-- inputs: int_client_periods, int_period_bases, int_period_ledgers, stg_extract__clients,
--   int_client_home_orgs. A figure whose ledger was not delivered in the period is null (as in
--   sql/metric-blocks/holder_period_figures.sql).
with periods as (
  select period, base_date_known, from int_period_bases
),
clients as (
  select c.client_id,
  from stg_extract__clients as c
  semi join int_client_home_orgs as h on h.client_id = c.client_id
),
figures as (
  select * from int_client_periods
)
select
  f.period,
  f.client_id,
  {% for metric in client %}
  money: case when l.{ledger} then cast(round(cast(coalesce(f.{metric}, 0) as decimal(18,8)), 2) as decimal(18,2)) end as {metric},
  units: case when l.{ledger} then mart_units(f.{metric}) end as {metric},
  count: case when l.{ledger} then cast(coalesce(f.{metric}, 0) as bigint) end as {metric},
  net_deposit_increase: case when p.base_date_known and l.{ledger} then cast(round(cast(coalesce(f.{metric}, 0) as decimal(18,8)), 2) as decimal(18,2)) end as {metric},
  npl_ratio: case when coalesce(f.loan_end_balance, 0) = 0 then null when coalesce(f.npl_balance, 0) = 0 then cast(0 as decimal(18,6)) else div_ratio(f.npl_balance, f.loan_end_balance) end as {metric},
  {% end %}
from figures as f
join periods as p on p.period = f.period
join int_period_ledgers as l on l.period = f.period
semi join clients as c on c.client_id = f.client_id
