-- mart_pay_pool_org: the common performance pool (公共绩效池) per institution.
-- grain: one row per org node × scoring period (every node with a scored manager in its subtree).
--   keys: org_id, period.
-- formula: pool_total = Σ pool_contribution of the managers of the node and its whole subtree;
--   pool_own = of the managers who belong to the node itself; so a node's total = its own + its
--   children's totals. The department head redistributes it (seeds/001).
-- inputs: mart_pay, int_org_ancestors, stg_extract__orgs.
with pay as (
  select period, manager_id, org_id, pool_contribution, efficiency_pay, earned_efficiency_pay,
  from mart_pay
),

ancestors as (
  select org_id, ancestor_id, depth as distance,
  from int_org_ancestors
),

orgs as (
  select org_id, org_name, level,
  from stg_extract__orgs
),

rolled as (
  select
    pay.period,
    ancestors.ancestor_id as org_id,
    count(*) as managers,
    sum(pay.efficiency_pay) as efficiency_pay,
    sum(pay.earned_efficiency_pay) as earned_efficiency_pay,
    sum(pay.pool_contribution) filter (where ancestors.distance = 0) as pool_own,
    sum(pay.pool_contribution) as pool_total,
  from pay
  join ancestors on ancestors.org_id = pay.org_id
  group by pay.period, ancestors.ancestor_id
)

select
  rolled.period,
  rolled.org_id,
  orgs.org_name,
  orgs.level,
  cast(rolled.managers as integer) as managers,
  cast(rolled.efficiency_pay as decimal(18,2)) as efficiency_pay,
  cast(rolled.earned_efficiency_pay as decimal(18,2)) as earned_efficiency_pay,
  cast(coalesce(rolled.pool_own, 0) as decimal(18,2)) as pool_own,
  cast(rolled.pool_total as decimal(18,2)) as pool_total,
from rolled
left join orgs on orgs.org_id = rolled.org_id
