-- mart_risk_migration_loans: the loans behind each cell of the migration matrix (the risk page's
--   drill-down), charged to their holders as in mart_org_risk_migration / mart_risk_migration.
-- grain: one row per period × loan × holder; keys: period, loan_id, manager_id, holder_org_id
--   (manager_id null = the unassigned bucket of holder_org_id).
-- formula: int_loans_migrated's rows (from_class at the period's opening snapshot or 'new',
--   to_class at its end or 'closed'); share as DECIMAL(18,6); opening_balance, closing_balance =
--   the holder's share of the balance rounded to the fen (round_fen, null kept), as the matrix
--   rounds its sums; client_id = the loan's client (any snapshot of mart_loan_month), client_name
--   manager_name and holder_org_name from the reference files (for a reader: no figure).
-- inputs: int_loans_migrated, mart_loan_month, stg_extract__clients, stg_extract__managers,
--   stg_extract__orgs.
with loan_clients as (
  select loan_id, any_value(client_id) as client_id from mart_loan_month group by loan_id
)
select m.period, m.loan_id, lc.client_id, c.client_name, m.manager_id, mg.manager_name, m.holder_org_id, o.org_name as holder_org_name,
  m.from_class, m.to_class,
  cast(m.share as decimal(18,6)) as share,
  round_fen(m.opening_balance) as opening_balance,
  round_fen(m.closing_balance) as closing_balance
from int_loans_migrated as m
left join loan_clients as lc on lc.loan_id = m.loan_id
left join stg_extract__clients as c on c.client_id = lc.client_id
left join stg_extract__managers as mg on mg.manager_id = m.manager_id
left join stg_extract__orgs as o on o.org_id = m.holder_org_id
