-- int_scorecard_points_summed: each card's sections summed, managers' and institutions' alike.
-- grain: one row per subject × scoring period with any indicator line or item;
--   keys: subject_type ('manager' | 'org'), subject_id, period.
-- formula: indicator_points = Σ points of the subject's indicator lines (int_scorecard_lines_scored);
--   bonus_raw = Σ points of its bonus items (each already capped at its own max), deduction_points
--   = Σ points of its deduction items (≤ 0); items of int_scorecard_items_scored (managers) and
--   int_org_scorecard_items_scored (org nodes). The section cap and the total are the marts'.
-- inputs: int_scorecard_lines_scored, int_scorecard_items_scored, int_org_scorecard_items_scored.
with indicator_points as (
  select subject_type, period, subject_id, sum(points) as points,
  from int_scorecard_lines_scored
  group by subject_type, period, subject_id
),

items as (
  select 'manager' as subject_type, period, manager_id as subject_id, section, points,
  from int_scorecard_items_scored
  union all
  select 'org', period, org_id, section, points,
  from int_org_scorecard_items_scored
),

item_points as (
  select
    subject_type,
    period,
    subject_id,
    sum(points) filter (where section = 'bonus') as bonus_raw,
    sum(points) filter (where section = 'deduction') as deduction_points,
  from items
  group by subject_type, period, subject_id
)

select
  coalesce(i.subject_type, t.subject_type) as subject_type,
  coalesce(i.period, t.period) as period,
  coalesce(i.subject_id, t.subject_id) as subject_id,
  coalesce(i.points, 0) as indicator_points,
  coalesce(t.bonus_raw, 0) as bonus_raw,
  coalesce(t.deduction_points, 0) as deduction_points,
from indicator_points as i
full join item_points as t on t.subject_type = i.subject_type and t.period = i.period and t.subject_id = i.subject_id
