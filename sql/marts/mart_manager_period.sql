-- mart_manager_period: every manager's figures per period (profit centre view).
-- grain: one row per manager × period (every manager of the managers file, every period; zeros
--   where the manager had nothing); keys: period, manager_id.
--   Unassigned business is in mart_unassigned_period, so Σ managers + unassigned = ledger total.
-- formula: the full-precision figures of int_holder_periods rounded to the fen (half away from zero) here, once;
--   npl_ratio = npl_balance / loan_end_balance (6 decimals, null without loans); net_deposit_increase
--   null when the warehouse holds no deposit snapshot at the prior year-end. Counts weighted by
--   share (turned_npl_count, sales_*_units) keep 6 decimals. Definitions: see int_holder_periods.
--   clients = open clients in the portfolio at the period's end; new_clients = clients first
--   assigned within the period, to this manager.
-- inputs: int_holder_periods, int_period_bases, int_period_ledgers, stg_extract__managers.
with periods as (
  select period, base_date_known, from int_period_bases
),
managers as (
  select manager_id, manager_name, org_id, line, grade from stg_extract__managers
),
figures as (
  select * from int_holder_periods where manager_id is not null
)
select
  p.period,
  m.manager_id,
  m.manager_name,
  m.org_id,
  m.line,
  m.grade,
  {% for metric in manager %}
  include: holder_period_figures
  {% end %}
from managers as m
cross join periods as p
join int_period_ledgers as l on l.period = p.period
left join figures as f on f.manager_id = m.manager_id and f.period = p.period

-- written in manager order: the API reads one manager at a time (sql/README.md, "Row order")
order by manager_id, period
