-- mart_manager_process_period: process management (过程管理) — how much each manager visits, whom,
-- why, and what followed.
-- grain: one row per manager × period (every manager of the managers file, every period);
--   keys: period, manager_id.
-- formula (visits credited to the visiting manager, int_visits_attributed; months = months of the period):
--   visits, development_visits   read from mart_manager_period (one definition);
--   maintenance_visits, collection_visits, other_visits = visits by purpose (int_visits_classified);
--   visits_per_month = visits / months (2 decimals);
--   visit_ceiling = 44 × months (two half-day visits a working day, 22 days); visit_good_level = 15 × months;
--   visit_level = 'above_ceiling' when visits > visit_ceiling (more than can really be made: check
--     the log), 'good' when visits ≥ visit_good_level, 'below_good' otherwise; null when the visits
--     ledger was not delivered in the period (visits null in mart_manager_period);
--   new_or_prospect_visits = visits to prospects or to clients won within the last 365 days
--     (int_visits_classified.audience); new_or_prospect_share = that / visits;
--   development_share (sql/macros/metrics.sql) = development_visits / visits; development_to_maintenance = development /
--     maintenance visits (null without maintenance visits);
--   convertible_visits = development visits to known clients; converted_visits = those followed by a
--     product sale to the client within 30 days; conversion_rate = converted / convertible;
--     sales_after_visits = Σ sales counted against those visits;
--   premium-client maintenance coverage, read from the scorecards' int_premium_client_upkeep (one
--     definition: premium = the scheme's deposit threshold; ≥1 maintenance visit per premium client per
--     quarter): premium_client_quarters, upkept_client_quarters, maintenance_coverage — filled for the
--     scoring periods (year-to-date at a quarter end) of managers whose scheme has that rule, null elsewhere.
-- inputs: mart_manager_period, int_periods, int_period_months, int_visits_classified,
--   int_premium_client_upkeep.
with managers as (
  select period, manager_id, manager_name, org_id, line, grade, visits, development_visits,
  from mart_manager_period
),
periods as (
  select period, months from int_periods
),
period_months as (
  select period, month_end from int_period_months
),
visits as (
  select month_end, manager_id, purpose, audience, is_convertible, converted, converted_sales,
  from int_visits_classified
  where manager_id is not null
),
by_manager as (
  select
    pm.period,
    v.manager_id,
    count(*) filter (where v.purpose = 'maintenance') as maintenance_visits,
    count(*) filter (where v.purpose = 'collection') as collection_visits,
    count(*) filter (where v.purpose = 'other') as other_visits,
    count(*) filter (where v.audience in ('prospect', 'new')) as new_or_prospect_visits,
    count(*) filter (where v.is_convertible) as convertible_visits,
    count(*) filter (where v.converted) as converted_visits,
    sum(v.converted_sales) as sales_after_visits,
  from visits as v
  join period_months as pm on pm.month_end = v.month_end
  group by pm.period, v.manager_id
),
upkeep as (
  -- a scheme holds at most one upkeep item in practice; should it hold several, the first (by item_id) is shown
  select period, manager_id,
    arg_min(premium_client_quarters, item_id) as premium_client_quarters,
    arg_min(upkept_client_quarters, item_id) as upkept_client_quarters,
    arg_min(coverage, item_id) as maintenance_coverage,
  from int_premium_client_upkeep
  group by period, manager_id
),
measured as (
  select
    m.*,
    p.months,
    coalesce(b.maintenance_visits, 0) as maintenance_visits,
    coalesce(b.collection_visits, 0) as collection_visits,
    coalesce(b.other_visits, 0) as other_visits,
    coalesce(b.new_or_prospect_visits, 0) as new_or_prospect_visits,
    coalesce(b.convertible_visits, 0) as convertible_visits,
    coalesce(b.converted_visits, 0) as converted_visits,
    coalesce(b.sales_after_visits, 0) as sales_after_visits,
    u.premium_client_quarters,
    u.upkept_client_quarters,
    u.maintenance_coverage,
  from managers as m
  join periods as p on p.period = m.period
  left join by_manager as b on b.period = m.period and b.manager_id = m.manager_id
  left join upkeep as u on u.period = m.period and u.manager_id = m.manager_id
)
select
  period,
  manager_id,
  manager_name,
  org_id,
  line,
  grade,
  cast(months as integer) as months,
  cast(visits as bigint) as visits,
  cast(development_visits as bigint) as development_visits,
  cast(maintenance_visits as bigint) as maintenance_visits,
  cast(collection_visits as bigint) as collection_visits,
  cast(other_visits as bigint) as other_visits,
  cast(div_units(visits, months, 2) * 0.01 as decimal(18,2)) as visits_per_month,
  cast(44 * months as integer) as visit_ceiling,
  cast(15 * months as integer) as visit_good_level,
  case
    when visits is null then null -- the visits ledger was not delivered in the period: no level
    when visits > 44 * months then 'above_ceiling'
    when visits >= 15 * months then 'good'
    else 'below_good'
  end as visit_level,
  cast(new_or_prospect_visits as bigint) as new_or_prospect_visits,
  div_ratio(new_or_prospect_visits, visits) as new_or_prospect_share,
  development_share(development_visits, visits) as development_share,
  div_ratio(development_visits, maintenance_visits) as development_to_maintenance,
  cast(convertible_visits as bigint) as convertible_visits,
  cast(converted_visits as bigint) as converted_visits,
  div_ratio(converted_visits, convertible_visits) as conversion_rate,
  cast(sales_after_visits as bigint) as sales_after_visits,
  cast(premium_client_quarters as bigint) as premium_client_quarters,
  cast(upkept_client_quarters as bigint) as upkept_client_quarters,
  cast(maintenance_coverage as decimal(18,6)) as maintenance_coverage,
from measured
