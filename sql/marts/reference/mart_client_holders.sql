-- mart_client_holders: who held each client, when, and at what share (the client page's history).
-- grain: one row per assignment of the assignments file; keys: client_id, manager_id, valid_from.
-- formula: no new figure; the assignment as delivered, with its manager's name and org:
--   valid_to null = still in force (staging writes 9999-12-31 for it; shown as the file had it).
-- inputs: stg_extract__assignments, stg_extract__managers.
select a.client_id, a.manager_id, m.manager_name, m.org_id, a.share, a.valid_from,
  nullif(a.valid_to, date '9999-12-31') as valid_to
from stg_extract__assignments as a
left join stg_extract__managers as m on m.manager_id = a.manager_id
