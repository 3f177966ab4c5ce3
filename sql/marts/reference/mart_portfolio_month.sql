-- mart_portfolio_month: every client's holders at every loaded month-end (the portfolios a page
--   lists at a period's end).
-- grain: one row per month-end × client × holder; keys: month_end, client_id, manager_id
--   (manager_id null = no assignment in force that day: the unassigned bucket of holder_org_id).
-- formula: no new figure; int_portfolio_months as built: a client is in a manager's portfolio on
--   month_end when an assignment with valid_from <= month_end <= valid_to exists; share as
--   assigned (unassigned: 1); holder_org_id = the manager's org (unassigned: the client's home org).
-- inputs: int_portfolio_months.
select month_end, client_id, manager_id, holder_org_id, share
from int_portfolio_months
