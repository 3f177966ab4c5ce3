-- mart_org_period: every org node's figures per period, at every level of the tree.
-- grain: one row per org node × period; keys: period, org_id.
--   A node = its own managers and unassigned buckets plus all of its subtree (int_org_periods), so
--   the head office equals the ledger total.
-- formula: the full-precision figures of int_org_periods rounded to the fen (half away from zero) here, once;
--   npl_ratio = npl_balance / loan_end_balance (6 decimals, null without loans); net_deposit_increase
--   null when the warehouse holds no deposit snapshot at the prior year-end. Counts weighted by
--   share (turned_npl_count, sales_*_units) keep 6 decimals. Definitions: see int_org_periods.
--   Each node is rounded from its own full-precision total, so a parent may differ from the sum of
--   its rounded children by a few fen.
--   clients, new_clients: distinct clients of the subtree's managers (a client shared by two
--   sub-branches counts once at their parent); managers: employed at the period's end;
--   span_of_management = clients / managers (6 decimals; null without managers).
-- inputs: int_org_periods, int_period_bases, int_period_ledgers, stg_extract__orgs.
with periods as (
  select period, base_date_known, from int_period_bases
),
orgs as (
  select org_id, parent_id, org_name, level from stg_extract__orgs
),
figures as (
  select * from int_org_periods
)
select
  f.period,
  f.org_id,
  o.org_name,
  o.parent_id,
  o.level,
  {% for metric in org %}
  include: holder_period_figures
  {% end %}
from figures as f
join periods as p on p.period = f.period
join int_period_ledgers as l on l.period = f.period
join orgs as o on o.org_id = f.org_id

-- written in key order: the API reads it by period and subject, and DuckDB skips the row groups
-- whose zone maps exclude them (sql/README.md, "Row order")
order by period, org_id
