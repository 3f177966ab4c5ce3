-- mart_manager_orgs: the history of a manager's orgs (the manager page's "机构履历 / Org history").
-- grain: one row per manager × span of int_manager_orgs; keys: manager_id, held_from.
-- formula: no new figure; each span with its org's name: valid_from null = from the start (the
--   manager's first row), valid_to null = still in force; is_current = the span in force now.
-- inputs: int_manager_orgs, stg_extract__orgs.
select m.manager_id, m.org_id, o.org_name, m.line, m.grade, m.valid_from, m.valid_to, m.held_from, m.is_current,
from int_manager_orgs as m
left join stg_extract__orgs as o on o.org_id = m.org_id
order by m.manager_id, m.held_from
