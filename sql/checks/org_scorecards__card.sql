-- check org_scorecards__card: the institution cards' keys (and those of int_org_scorecards_applied,
-- which card applies to a period) are unique and not null, and each card
-- adds up: indicator_points = Σ its indicators' points, bonus_raw and deduction_points = Σ its
-- items' points by section, total = indicator + min(bonus, cap) + deductions. Returns the
-- offending cards with what failed.
with keys as (
  select 'mart_org_scorecards' as what, period, org_id, null as detail from mart_org_scorecards
  group by period, org_id having count(*) > 1 or bool_or(period is null or org_id is null)
  union all
  select 'mart_org_scorecard_indicators', period, org_id, indicator_id from mart_org_scorecard_indicators
  group by period, org_id, indicator_id having count(*) > 1 or bool_or(indicator_id is null)
  union all
  select 'mart_org_scorecard_items', period, org_id, item_id from mart_org_scorecard_items
  group by period, org_id, item_id having count(*) > 1 or bool_or(item_id is null)
  union all
  select 'int_org_scorecards_applied', period, org_id, null from int_org_scorecards_applied
  group by period, org_id having count(*) > 1 or bool_or(period is null or org_id is null)
),
sums as (
  select
    c.period, c.org_id, c.indicator_points, c.bonus_raw, c.deduction_points, c.bonus_points, c.total_score,
    coalesce((select sum(i.points) from mart_org_scorecard_indicators as i where i.period = c.period and i.org_id = c.org_id), 0) as indicators_sum,
    coalesce((select sum(t.points) from mart_org_scorecard_items as t where t.period = c.period and t.org_id = c.org_id and t.section = 'bonus'), 0) as bonus_sum,
    coalesce((select sum(t.points) from mart_org_scorecard_items as t where t.period = c.period and t.org_id = c.org_id and t.section = 'deduction'), 0) as deduction_sum,
  from mart_org_scorecards as c
)
select what, period, org_id, detail from keys
union all
select 'card does not add up', period, org_id,
  'indicators ' || indicator_points || ' vs ' || indicators_sum || ', bonus ' || bonus_raw || ' vs ' || bonus_sum
  || ', deductions ' || deduction_points || ' vs ' || deduction_sum || ', total ' || total_score
from sums
where indicator_points <> indicators_sum or bonus_raw <> bonus_sum or deduction_points <> deduction_sum
   or total_score <> indicator_points + bonus_points + deduction_points
