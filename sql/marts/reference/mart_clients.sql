-- mart_clients: every client of the clients file with its home org, as the API and exports show them.
-- grain: one row per client; keys: client_id.
-- formula: no new figure; the client's identity as delivered (client_name, client_type, industry,
--   group_id, open_date, org_id = the org the file names) and home_org_id = int_client_home_orgs'
--   (the client's org when it is in the tree, else the root), the org its figures roll up to.
-- inputs: stg_extract__clients, int_client_home_orgs.
select c.client_id, c.client_name, c.client_type, c.industry, c.group_id, c.open_date, c.org_id, h.home_org_id
from stg_extract__clients as c
left join int_client_home_orgs as h on h.client_id = c.client_id
