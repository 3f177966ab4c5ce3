-- check int_holders__known: every holder lies in the org tree and every manager named by an
-- assignment is in the managers file, so roll-ups lose nothing (Σ managers + unassigned = ledger).
-- Every date of a manager falls in exactly one span of int_manager_orgs (no two overlap), or a
-- manager's figures would count twice. Returns what is unknown or overlaps.
select 'assignment names an unknown manager' as problem, a.manager_id as id, a.client_id as detail,
from stg_extract__assignments as a
anti join stg_extract__managers as m on m.manager_id = a.manager_id
union all
select 'manager belongs to an org outside the tree', m.manager_id, m.org_id,
from stg_extract__managers as m
anti join stg_extract__orgs as o on o.org_id = m.org_id
union all
select 'manager belongs (for a span) to an org outside the tree', m.manager_id, m.org_id || ' from ' || cast(m.held_from as varchar),
from int_manager_orgs as m
anti join stg_extract__orgs as o on o.org_id = m.org_id
union all
select 'manager spans overlap', a.manager_id, cast(a.held_from as varchar) || ' and ' || cast(b.held_from as varchar),
from int_manager_orgs as a
join int_manager_orgs as b on b.manager_id = a.manager_id and b.held_from > a.held_from and b.held_from <= a.held_to
union all
select 'holder org outside the tree', coalesce(h.manager_id, '(unassigned)'), coalesce(h.holder_org_id, '(null)'),
from (select distinct manager_id, holder_org_id from int_holder_periods) as h
anti join stg_extract__orgs as o on o.org_id = h.holder_org_id
