-- mart_org_ancestors: the org tree flattened, for reading a node's subtree and a caller's scope
--   without recursion per request.
-- grain: one row per org × ancestor (itself included, at depth 0); keys: org_id, ancestor_id.
-- formula: no new figure; int_org_ancestors as built: the subtree of a node N is every org_id with
--   ancestor_id = N; depth = steps from the ancestor down to the org.
-- inputs: int_org_ancestors.
select org_id, ancestor_id, depth
from int_org_ancestors
