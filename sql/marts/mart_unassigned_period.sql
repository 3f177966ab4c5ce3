-- mart_unassigned_period: business no manager held, per booking org and period.
-- grain: one row per org × period with any unassigned business or client; keys: period, org_id.
--   A ledger row without an assignment in force on its date lands here, at its booking org (the
--   row's org_id, else the client's home org), never lost.
-- formula: the full-precision figures of int_holder_periods rounded to the fen (half away from zero) here, once;
--   npl_ratio = npl_balance / loan_end_balance (6 decimals, null without loans); net_deposit_increase
--   null when the warehouse holds no deposit snapshot at the prior year-end. Counts weighted by
--   share (turned_npl_count, sales_*_units) keep 6 decimals. Definitions: see int_holder_periods.
--   clients = open clients without any assignment at the period's end, by home org.
-- inputs: int_holder_periods, int_period_bases, int_period_ledgers, stg_extract__orgs.
with periods as (
  select period, base_date_known, from int_period_bases
),
orgs as (
  select org_id, org_name from stg_extract__orgs
),
figures as (
  select * from int_holder_periods where manager_id is null
)
select
  f.period,
  f.holder_org_id as org_id,
  o.org_name,
  {% for metric in unassigned %}
  include: holder_period_figures
  {% end %}
from figures as f
join periods as p on p.period = f.period
join int_period_ledgers as l on l.period = f.period
left join orgs as o on o.org_id = f.holder_org_id
