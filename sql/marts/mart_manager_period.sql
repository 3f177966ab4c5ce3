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
--   org_id, line, grade = the manager's at the period's end (int_manager_orgs: the league of a past
--   period lists the managers who were there then); current_org_id = the manager's org now.
--   A manager who moved within the period: the figures of all the manager's orgs, summed.
-- inputs: int_holder_periods, int_period_bases, int_periods, int_period_ledgers, stg_extract__managers,
--   int_manager_orgs.
with periods as (
  select b.period, b.base_date_known, d.end_date, from int_period_bases as b join int_periods as d on d.period = b.period
),
managers as (
  select manager_id, manager_name from stg_extract__managers
),
memberships as (
  select manager_id, org_id, line, grade, held_from, held_to, is_current from int_manager_orgs
),
figures as (
  -- a manager who moved within the period holds a row at each org: summed, the manager's own figures
  select period, manager_id, sum(columns(* exclude (period, manager_id, holder_org_id))),
  from int_holder_periods
  where manager_id is not null
  group by period, manager_id
)
select
  p.period,
  m.manager_id,
  m.manager_name,
  o.org_id,
  o.line,
  o.grade,
  c.org_id as current_org_id,
  {% for metric in manager %}
  include: holder_period_figures
  {% end %}
from managers as m
cross join periods as p
join memberships as o on o.manager_id = m.manager_id and p.end_date between o.held_from and o.held_to
join memberships as c on c.manager_id = m.manager_id and c.is_current
join int_period_ledgers as l on l.period = p.period
left join figures as f on f.manager_id = m.manager_id and f.period = p.period

-- written in manager order: the API reads one manager at a time (sql/README.md, "Row order")
order by manager_id, period
