-- mart_manager_client_concentration: how much a manager's contribution hangs on a few clients
-- (客户集中度), and the portfolio's segment mix.
-- grain: one row per manager × period with a portfolio at the period's end; keys: period, manager_id.
-- formula (over mart_client_portfolio_period, contributions × share, in fen):
--   portfolio_clients = clients in the portfolio; positive_contribution = Σ max(contribution, 0)
--     (a loss-making client adds no concentration);
--   top10_contribution = Σ positive contributions of the 10 best-ranked clients;
--   top10_share = top10_contribution / positive_contribution;
--   hhi = Σ (max(contribution, 0) / positive_contribution)² = Σ c² / (Σ c)² (Herfindahl-Hirschman
--     index, 0–1: 1 = one client earns everything; 1 / n for n equal clients); null when nothing is earned;
--   <segment>_clients = clients per segment of mart_client_portfolio_period.
-- inputs: mart_client_portfolio_period.
with clients as (
  select period, manager_id, client_id, contribution_rank, greatest(profit_contribution, 0) as contribution, segment,
  from mart_client_portfolio_period
),
summed as (
  select
    period,
    manager_id,
    count(*) as portfolio_clients,
    sum(contribution) as positive_contribution,
    sum(contribution) filter (where contribution_rank <= 10) as top10_contribution,
    -- Σ c² (exact: DECIMAL(38,2)² keeps 4 decimals; DuckDB would keep an 18-digit product and overflow), for the HHI
    sum(cast(contribution as decimal(38,2)) * cast(contribution as decimal(38,2))) as contribution_squares,
    count(*) filter (where segment = 'high_value_growing') as high_value_growing_clients,
    count(*) filter (where segment = 'high_value_stable') as high_value_stable_clients,
    count(*) filter (where segment = 'high_value_falling') as high_value_falling_clients,
    count(*) filter (where segment = 'low_value_growing') as low_value_growing_clients,
    count(*) filter (where segment = 'low_value_stable') as low_value_stable_clients,
    count(*) filter (where segment = 'low_value_falling') as low_value_falling_clients,
    count(*) filter (where segment = 'new') as new_segment_clients,
    count(*) filter (where segment = 'dormant') as dormant_clients,
  from clients
  group by period, manager_id
),
hhi as (
  -- HHI = Σ c² / (Σ c)², both as integers of 10^-4 yuan², divided in HUGEINT once per manager,
  -- to 6 places, half away from zero
  select period, manager_id,
    cast(((2 * cast(contribution_squares * 10000 as hugeint) * 1000000 + cast(cast(positive_contribution as decimal(38,2)) * positive_contribution * 10000 as hugeint))
      // (2 * cast(cast(positive_contribution as decimal(38,2)) * positive_contribution * 10000 as hugeint))) * 0.000001 as decimal(18,6)) as hhi,
  from summed
  where positive_contribution > 0
)
select
  period,
  manager_id,
  cast(portfolio_clients as bigint) as portfolio_clients,
  cast(positive_contribution as decimal(18,2)) as positive_contribution,
  cast(coalesce(top10_contribution, 0) as decimal(18,2)) as top10_contribution,
  div_ratio(top10_contribution, positive_contribution) as top10_share,
  h.hhi,
  cast(high_value_growing_clients as bigint) as high_value_growing_clients,
  cast(high_value_stable_clients as bigint) as high_value_stable_clients,
  cast(high_value_falling_clients as bigint) as high_value_falling_clients,
  cast(low_value_growing_clients as bigint) as low_value_growing_clients,
  cast(low_value_stable_clients as bigint) as low_value_stable_clients,
  cast(low_value_falling_clients as bigint) as low_value_falling_clients,
  cast(new_segment_clients as bigint) as new_segment_clients,
  cast(dormant_clients as bigint) as dormant_clients,
from summed
left join hhi as h using (period, manager_id)
