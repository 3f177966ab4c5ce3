-- stg_extract__clients: clients.
-- grain: one row per client. keys: client_id. org_id: the client's home org (may be null).
-- formula: rename and cast only. inputs: raw_clients.
select
  client_id,
  client_name,
  client_type,
  industry,
  group_id,
  open_date,
  org_id,
from raw_clients
