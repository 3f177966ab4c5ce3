-- mart_risk_warnings: early warnings (风险预警), each naming the loan or client, the manager, the date
-- and the figure.
-- grain: one row per warning × date × subject × holder; keys: warning, as_of_date, client_id,
--   loan_id (null for client warnings), manager_id, holder_org_id (manager_id null = unassigned).
-- formula: rules from int_loan_warnings_flagged ('special_mention', 'overdue_rising') and
--   int_client_warnings_flagged ('deposit_outflow', 'client_gone'); see those files.
--   Holders are those in force on the warning's date: a loan's by int_loans_attributed (share of
--   the loan), a client's by int_portfolio_months (its portfolio holders that month-end). A shared
--   loan or client warns each of its managers, with the share.
--   Figures: balance (loan balance; client deposits; 0 for a gone client), previous_balance (client
--   deposits, or deposits + loans for a gone client, at the month-end before), change_ratio
--   (client warnings: (balance − previous) / previous), overdue_days now and at the two month-ends
--   before (loan warnings), five_class now and before.
-- inputs: int_loan_warnings_flagged, int_client_warnings_flagged, int_loans_attributed,
--   int_portfolio_months, stg_extract__clients, stg_extract__managers, stg_extract__orgs (client,
--   manager and holder org names: for a reader, no figure).
with loan_warnings as (
  select warning, as_of_date, loan_id, client_id, balance, five_class, previous_five_class, overdue_days,
    previous_overdue_days, earlier_overdue_days,
  from int_loan_warnings_flagged
),
client_warnings as (
  select warning, month_end, client_id, balance, previous_balance, change_ratio,
  from int_client_warnings_flagged
),
loan_holders as (
  select as_of_date, loan_id, manager_id, holder_org_id, share from int_loans_attributed
),
client_holders as (
  select month_end, client_id, manager_id, holder_org_id, share from int_portfolio_months
),
clients as (
  select client_id, client_name from stg_extract__clients
),
managers as (
  select manager_id, manager_name from stg_extract__managers
),
orgs as (
  select org_id, org_name from stg_extract__orgs
),
warned as (
  select
    w.warning, w.as_of_date, w.loan_id, w.client_id, h.manager_id, h.holder_org_id, h.share,
    w.five_class, w.previous_five_class, w.overdue_days, w.previous_overdue_days, w.earlier_overdue_days,
    cast(w.balance as decimal(38,12)) as balance,
    cast(null as decimal(38,12)) as previous_balance,
    cast(null as decimal(18,6)) as change_ratio,
  from loan_warnings as w
  join loan_holders as h on h.as_of_date = w.as_of_date and h.loan_id = w.loan_id
  union all
  select
    w.warning, w.month_end, cast(null as varchar), w.client_id, h.manager_id, h.holder_org_id, h.share,
    cast(null as varchar), cast(null as varchar), cast(null as integer), cast(null as integer), cast(null as integer),
    w.balance, w.previous_balance, w.change_ratio,
  from client_warnings as w
  join client_holders as h on h.month_end = w.month_end and h.client_id = w.client_id
)
select
  w.warning,
  w.as_of_date,
  w.loan_id,
  w.client_id,
  c.client_name,
  w.manager_id,
  m.manager_name,
  w.holder_org_id,
  o.org_name as holder_org_name,
  cast(w.share as decimal(18,6)) as share,
  w.five_class,
  w.previous_five_class,
  w.overdue_days,
  w.previous_overdue_days,
  w.earlier_overdue_days,
  cast(round(w.balance, 2) as decimal(18,2)) as balance,
  cast(round(w.previous_balance, 2) as decimal(18,2)) as previous_balance,
  w.change_ratio,
from warned as w
left join clients as c on c.client_id = w.client_id
left join managers as m on m.manager_id = w.manager_id
left join orgs as o on o.org_id = w.holder_org_id
