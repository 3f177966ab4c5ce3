-- The headline metrics' measures side by side, one definition for the league tables of managers
-- and of org nodes (mart_manager_league, mart_org_league: the columns the league, the children
-- table and `jixiao export managers|orgs` show beside the figures).
--
--   headline_measures(metrics): one row per period × subject of `metrics` (a long metrics mart's
--     rows: period, subject_id, metric, base, target, achievement, growth) with
--     <metric>_base, _target, _achievement, _growth for profit_contribution, deposit_avg_balance,
--     loan_avg_balance, fee_income and net_deposit_increase. They are money, so base, target and
--     growth are written DECIMAL(18,2) (round_fen: the long form holds every kind at 6 places,
--     money already at the fen); achievement as built (6 places).
create or replace macro headline_measures(metrics) as table
pivot (
  select period, subject_id, metric, round_fen(base) as base, round_fen(target) as target, achievement, round_fen(growth) as growth,
  from query_table(metrics)
  where metric in ('profit_contribution', 'deposit_avg_balance', 'loan_avg_balance', 'fee_income', 'net_deposit_increase')
)
on metric in ('profit_contribution', 'deposit_avg_balance', 'loan_avg_balance', 'fee_income', 'net_deposit_increase')
using max(base) as base, max(target) as target, max(achievement) as achievement, max(growth) as growth
group by period, subject_id;
