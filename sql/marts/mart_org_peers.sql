-- mart_org_peers: every org node beside all the others of its level, bank-wide (the head office's
--   benchmarking page, GET /api/orgs/{id}/peers): size, profit against target, per manager, its
--   percentile among the level, NPL ratio and its change, and a peer group by size.
-- grain: one row per org node with a parent × period (the root has no peers); keys: period, org_id.
-- formula (over marts as built):
--   level, parent_id, org_name, managers, clients, profit_contribution, deposit_avg_balance,
--     loan_avg_balance, loan_end_balance, npl_ratio = mart_org_period's; parent_name = the parent's name
--   profit_contribution_target, _achievement = mart_org_metrics' target and achievement of profit
--     contribution; for a month, mart_month_pace's (the year to date against the annual target by
--     elapsed time, 序时进度)
--   profit_contribution_per_manager = mart_org_benchmark.per_manager_fen of profit contribution
--   profit_contribution_per_manager_percentile = among the nodes of the same level and period that
--     have managers, the share at or below this node's figure (cume_dist, 6 decimals; 1 = top);
--     null without managers
--   npl_ratio_growth = mart_org_metrics' growth of npl_ratio: the change against the base, a
--     difference of two ratios (shown in percentage points)
--   size_tier_by_staff, size_tier_by_book = small | medium | large: the node's third of its level
--     by managers, or by book (deposit_avg_balance + loan_avg_balance), ranked with cume_dist, so
--     equal sizes fall in the same third (≤ 1/3 small, ≤ 2/3 medium, else large)
--   institution_score, institution_grade, institution_level_rank = the node's institution card
--     that applies to the period (int_org_scorecards_applied: the latest of its year up to the
--     period's end; score, grade and rank among all scored nodes of its level); null for a node no
--     institution scheme scores
-- inputs: mart_org_period, mart_org_metrics, mart_org_benchmark, mart_month_pace, int_periods,
--   int_org_scorecards_applied, stg_extract__orgs.
with org_periods as (
  select
    period, org_id, org_name, parent_id, level, managers, clients, profit_contribution,
    deposit_avg_balance, loan_avg_balance, loan_end_balance, npl_ratio,
  from mart_org_period
  where parent_id is not null
),
parents as (
  select org_id, org_name from stg_extract__orgs
),
period_types as (
  select period, period_type from int_periods
),
profit_targets as (
  select period, org_id, target, achievement from mart_org_metrics where metric = 'profit_contribution'
),
npl_changes as (
  select period, org_id, growth from mart_org_metrics where metric = 'npl_ratio'
),
per_manager as (
  select period, org_id, per_manager_fen from mart_org_benchmark where metric = 'profit_contribution'
),
month_pace as (
  select period, subject_id as org_id, pace_target, achievement
  from mart_month_pace
  where subject_type = 'org' and metric = 'profit_contribution'
),
institution_cards as (
  select period, org_id, institution_score, institution_grade, institution_level_rank,
  from int_org_scorecards_applied
),
joined as (
  select
    o.period,
    o.org_id,
    o.org_name,
    o.level,
    o.parent_id,
    p.org_name as parent_name,
    o.managers,
    o.clients,
    o.profit_contribution,
    case when pt.period_type = 'month' then mp.pace_target else t.target end as profit_contribution_target,
    case when pt.period_type = 'month' then mp.achievement else t.achievement end as profit_contribution_achievement,
    pm.per_manager_fen as profit_contribution_per_manager,
    o.deposit_avg_balance,
    o.loan_avg_balance,
    o.loan_end_balance,
    o.npl_ratio,
    n.growth as npl_ratio_growth,
    o.deposit_avg_balance + o.loan_avg_balance as book,
    c.institution_score,
    c.institution_grade,
    c.institution_level_rank,
  from org_periods as o
  join period_types as pt on pt.period = o.period
  left join parents as p on p.org_id = o.parent_id
  left join profit_targets as t on t.period = o.period and t.org_id = o.org_id
  left join month_pace as mp on mp.period = o.period and mp.org_id = o.org_id
  left join npl_changes as n on n.period = o.period and n.org_id = o.org_id
  left join per_manager as pm on pm.period = o.period and pm.org_id = o.org_id
  left join institution_cards as c on c.period = o.period and c.org_id = o.org_id
),
ranked as (
  select
    *,
    case when profit_contribution_per_manager is not null then cast(cume_dist() over (
      partition by period, level, profit_contribution_per_manager is null order by profit_contribution_per_manager
    ) as decimal(18,6)) end as profit_contribution_per_manager_percentile,
    cume_dist() over (partition by period, level order by managers) as staff_rank,
    cume_dist() over (partition by period, level order by book) as book_rank,
  from joined
)
select
  period,
  org_id,
  org_name,
  level,
  parent_id,
  parent_name,
  managers,
  clients,
  profit_contribution,
  profit_contribution_target,
  profit_contribution_achievement,
  profit_contribution_per_manager,
  profit_contribution_per_manager_percentile,
  deposit_avg_balance,
  loan_avg_balance,
  loan_end_balance,
  npl_ratio,
  npl_ratio_growth,
  case when staff_rank * 3 <= 1 then 'small' when staff_rank * 3 <= 2 then 'medium' else 'large' end as size_tier_by_staff,
  case when book_rank * 3 <= 1 then 'small' when book_rank * 3 <= 2 then 'medium' else 'large' end as size_tier_by_book,
  institution_score,
  institution_grade,
  institution_level_rank,
from ranked

-- written in key order: the API reads one period's nodes of one level (zone maps skip the rest)
order by period, level, org_id
