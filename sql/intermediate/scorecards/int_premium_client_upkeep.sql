-- int_premium_client_upkeep: premium-client upkeep (优质客户维护), for the bonus rule of that name.
-- grain: one row per manager × scoring period × scheme item with rule premium_client_upkeep.
--   keys: manager_id, period, item_id.
-- formula: for each quarter of the year-to-date scoring period, a manager's premium clients are
--   the clients assigned to the manager (any share) on the quarter's last day whose average daily
--   deposits in that quarter (mart_client_period.deposit_avg_balance) reach the item's
--   premium_min_deposit_avg, or (premium_top_share) rank among the bank's top share of clients
--   with deposits that quarter (rank by average deposits, then client_id; rank <= share × clients).
--   A premium client is upkept in a quarter when the manager logged at
--   least min_visits_per_quarter maintenance visits (purpose 'maintenance') to that client within
--   the quarter. coverage = upkept client-quarters / premium client-quarters (null when the
--   manager has no premium client). The source (seeds/004): every premium account needs at least
--   one maintenance record per quarter, judged from the maintenance records.
-- inputs: int_scorecard_schemes_resolved, int_scorecard_periods, int_periods, cfg_scheme_items,
--   stg_extract__assignments, stg_extract__visits, mart_client_period.
with resolved as (
  select period, manager_id, scheme_id,
  from int_scorecard_schemes_resolved
  where scheme_id is not null
),

scoring_periods as (
  select period, year, quarter,
  from int_scorecard_periods
),

quarters as (
  select period, year, start_date, end_date, cast(substr(period, 7, 1) as integer) as quarter,
  from int_periods
  where period_type = 'quarter'
),

rules as (
  select scheme_id, item_id, premium_min_deposit_avg, premium_top_share, min_visits_per_quarter,
  from cfg_scheme_items
  where source = 'rule' and rule = 'premium_client_upkeep'
),

assignments as (
  select client_id, manager_id, valid_from, valid_to,
  from stg_extract__assignments
),

maintenance_visits as (
  select manager_id, client_id, visit_date,
  from stg_extract__visits
  where purpose = 'maintenance' and client_id is not null
),

client_deposits as (
  select
    period,
    client_id,
    deposit_avg_balance,
    row_number() over (partition by period order by deposit_avg_balance desc, client_id) as deposit_rank,
    count(*) over (partition by period) as clients_with_deposits,
  from mart_client_period
  where deposit_avg_balance > 0
    and period in (select period from quarters)
),

-- every (manager, scoring period, rule) with each quarter the scoring period covers
rule_quarters as (
  select
    resolved.period,
    resolved.manager_id,
    rules.item_id,
    rules.premium_min_deposit_avg,
    rules.premium_top_share,
    rules.min_visits_per_quarter,
    quarters.period as quarter_period,
    quarters.start_date,
    quarters.end_date,
  from resolved
  join rules on rules.scheme_id = resolved.scheme_id
  join scoring_periods on scoring_periods.period = resolved.period
  join quarters on quarters.year = scoring_periods.year and quarters.quarter <= scoring_periods.quarter
),

premium_clients as (
  select distinct
    rule_quarters.period,
    rule_quarters.manager_id,
    rule_quarters.item_id,
    rule_quarters.quarter_period,
    rule_quarters.start_date,
    rule_quarters.end_date,
    rule_quarters.min_visits_per_quarter,
    assignments.client_id,
  from rule_quarters
  join assignments
    on assignments.manager_id = rule_quarters.manager_id
   and assignments.valid_from <= rule_quarters.end_date
   and assignments.valid_to >= rule_quarters.end_date
  join client_deposits
    on client_deposits.period = rule_quarters.quarter_period
   and client_deposits.client_id = assignments.client_id
   and (client_deposits.deposit_avg_balance >= rule_quarters.premium_min_deposit_avg
        or client_deposits.deposit_rank <= rule_quarters.premium_top_share * client_deposits.clients_with_deposits)
),

upkept as (
  select
    premium_clients.period,
    premium_clients.manager_id,
    premium_clients.item_id,
    premium_clients.quarter_period,
    premium_clients.client_id,
    count(maintenance_visits.visit_date) >= any_value(premium_clients.min_visits_per_quarter) as is_upkept,
  from premium_clients
  left join maintenance_visits
    on maintenance_visits.manager_id = premium_clients.manager_id
   and maintenance_visits.client_id = premium_clients.client_id
   and maintenance_visits.visit_date between premium_clients.start_date and premium_clients.end_date
  group by premium_clients.period, premium_clients.manager_id, premium_clients.item_id,
    premium_clients.quarter_period, premium_clients.client_id
),

counted as (
  select
    period,
    manager_id,
    item_id,
    count(*) as premium_client_quarters,
    count(*) filter (where is_upkept) as upkept_client_quarters,
  from upkept
  group by period, manager_id, item_id
)

select
  rule_keys.period,
  rule_keys.manager_id,
  rule_keys.item_id,
  coalesce(counted.premium_client_quarters, 0) as premium_client_quarters,
  coalesce(counted.upkept_client_quarters, 0) as upkept_client_quarters,
  div_ratio(counted.upkept_client_quarters, counted.premium_client_quarters) as coverage,
from (select distinct period, manager_id, item_id from rule_quarters) as rule_keys
left join counted
  on counted.period = rule_keys.period and counted.manager_id = rule_keys.manager_id and counted.item_id = rule_keys.item_id
