-- mart_client_portfolio_period: every manager's portfolio (客户组合) at a period's end, clients ranked
-- by contribution, with loyalty and an actionable segment (客户分层).
-- grain: one row per segmentation period (the periods of int_client_loyalty_measured: every quarter,
--   half and year, and the latest month) × manager × client held at the period's end;
--   keys: period, manager_id, client_id.
-- formula:
--   portfolio = the open clients assigned to the manager on the period's end_date, with the share in
--     force (int_portfolio_months; unassigned clients are not in any portfolio);
--   the client's figures are its whole-period figures (int_client_periods, whoever held it) × share,
--     as the base figures do (history follows the client): profit_contribution, deposit_avg_balance,
--     loan_end_balance; rounded to the fen here;
--   contribution_rank = 1 for the largest profit_contribution in the portfolio (ties by client_id);
--   contribution_share = the client's contribution / Σ positive contributions of the portfolio
--     (null when the portfolio earns nothing);
--   loyalty (int_client_loyalty_measured): tenure_months, products_held, opening_balance,
--     closing_balance (whole client, not × share), balance_change_ratio;
--   value_tier = 'high' for the top 20% of the portfolio by rank (rank ≤ ceil(0.2 × clients)) with a
--     positive contribution, else 'low';
--   trend = 'growing' (balance_change_ratio ≥ +10%), 'falling' (≤ −10%), 'stable' otherwise or unknown;
--   profit_contribution, deposit_avg_balance, loan_end_balance: null when their ledger was not
--   delivered in the period (int_period_ledgers), like the period marts;
--   segment (null when the deposits or the loans ledger was not delivered in the period:
--   int_period_ledgers), the first that applies:
--     'new'                tenure under 12 months                             → onboard, cross-sell
--     'dormant'            nothing held at the end and no contribution        → reactivate or release
--     'high_value_falling' high value, balances falling                       → retention call now
--     'high_value_growing' high value, balances growing                       → protect and deepen
--     'high_value_stable'  high value, balances stable                        → keep the upkeep visits
--     'low_value_growing'  low value, balances growing                        → develop
--     'low_value_falling'  low value, balances falling                        → find out why, low-cost service
--     'low_value_stable'   low value, stable                                  → serve efficiently, cross-sell
--   org_id, manager_name = the manager's org at the period's end (int_manager_orgs) and name, so that a node's
--     portfolios are read by org like every other manager mart's rows.
-- inputs: int_periods, int_portfolio_months, int_client_periods, int_client_loyalty_measured,
--   stg_extract__clients, stg_extract__managers, int_manager_orgs, int_period_ledgers.
-- periods is read from int_periods (one row a period) filtered by the loyalty periods, not from a join
-- of the loyalty rows: its row estimate is then a few dozen, and the joins below build their hash
-- tables on these few periods (with the estimate of a million, the portfolio months were the build
-- side).
with periods as (
  select p.period, p.end_date,
  from int_periods as p
  where p.period in (select distinct period from int_client_loyalty_measured)
),
portfolios as (
  select p.period, f.manager_id, f.client_id, f.share,
  from int_portfolio_months as f
  join periods as p on p.end_date = f.month_end
  where f.manager_id is not null and f.is_open
),
figures as (
  select c.period, c.client_id, c.profit_contribution, c.deposit_avg_balance, c.loan_end_balance,
  from int_client_periods as c
  semi join periods as p on p.period = c.period
),
loyalty as (
  select period, client_id, tenure_months, products_held, opening_balance, closing_balance, balance_change_ratio,
  from int_client_loyalty_measured
),
clients as (
  select client_id, client_name, client_type from stg_extract__clients
),
managers as (
  select o.manager_id, n.manager_name, o.org_id, o.held_from, o.held_to,
  from int_manager_orgs as o
  join stg_extract__managers as n on n.manager_id = o.manager_id
),
attributed as (
  select
    f.period,
    f.manager_id,
    f.client_id,
    f.share,
    -- a client held whole (share 1, most of them) is rounded in 64 bits (no 128-bit product and
    -- round); the same figure, exactly, as the product path
    case when f.share = 1 then mart_fen(cast(coalesce(x.profit_contribution, 0) as decimal(18,8)))
      else cast(round(coalesce(x.profit_contribution, 0) * f.share, 2) as decimal(18,2)) end as profit_contribution,
    case when f.share = 1 then mart_fen(cast(coalesce(x.deposit_avg_balance, 0) as decimal(18,8)))
      else cast(round(coalesce(x.deposit_avg_balance, 0) * f.share, 2) as decimal(18,2)) end as deposit_avg_balance,
    case when f.share = 1 then mart_fen(cast(coalesce(x.loan_end_balance, 0) as decimal(18,8)))
      else cast(round(coalesce(x.loan_end_balance, 0) * f.share, 2) as decimal(18,2)) end as loan_end_balance,
  from portfolios as f
  left join figures as x on x.period = f.period and x.client_id = f.client_id
),
ranked as (
  select
    a.*,
    row_number() over (partition by a.period, a.manager_id order by a.profit_contribution desc, a.client_id) as contribution_rank,
    count(*) over (partition by a.period, a.manager_id) as portfolio_clients,
    sum(greatest(a.profit_contribution, 0)) over (partition by a.period, a.manager_id) as portfolio_positive_contribution,
  from attributed as a
),
tiered as (
  select
    r.*,
    l.tenure_months,
    coalesce(l.products_held, 0) as products_held,
    l.opening_balance,
    coalesce(l.closing_balance, 0) as closing_balance,
    l.balance_change_ratio,
    -- rank ≤ ceil(0.2 × clients) ⟺ 5 × rank ≤ clients + 4 for whole numbers, in BIGINT (0.2 × a BIGINT
    -- is a 128-bit DECIMAL)
    case when 5 * r.contribution_rank <= r.portfolio_clients + 4 and r.profit_contribution > 0 then 'high' else 'low' end as value_tier,
    case
      when l.balance_change_ratio >= 0.10 then 'growing'
      when l.balance_change_ratio <= -0.10 then 'falling'
      else 'stable'
    end as trend,
  from ranked as r
  left join loyalty as l on l.period = r.period and l.client_id = r.client_id
)
select
  t.period,
  t.manager_id,
  t.client_id,
  c.client_name,
  c.client_type,
  cast(t.share as decimal(18,6)) as share,
  case when l.business then t.profit_contribution end as profit_contribution,
  case when l.deposits then t.deposit_avg_balance end as deposit_avg_balance, -- null: deposits not delivered
  case when l.loans then t.loan_end_balance end as loan_end_balance, -- null: loans not delivered
  cast(t.contribution_rank as bigint) as contribution_rank,
  cast(t.portfolio_clients as bigint) as portfolio_clients,
  -- exact to 6 places, half away from zero, in BIGINT fen arithmetic (div_ratio's HUGEINT path is far
  -- dearer per row; it remains the path beyond 4 × 10^10 yuan). The window's sum is DECIMAL(38,2): it
  -- is narrowed to DECIMAL(18,2) (exact below 4 × 10^10) before × 100, as a 128-bit × 100 and cast to
  -- BIGINT was most of this column's time.
  case
    when t.portfolio_positive_contribution = 0 then null
    when abs(t.profit_contribution) < 40000000000 and t.portfolio_positive_contribution < 40000000000
      then cast(sign(t.profit_contribution) * ((2 * abs(cast(t.profit_contribution * 100 as bigint)) * 1000000
          + cast(cast(t.portfolio_positive_contribution as decimal(18,2)) * 100 as bigint))
        // (2 * cast(cast(t.portfolio_positive_contribution as decimal(18,2)) * 100 as bigint))) * 0.000001 as decimal(18,6))
    else div_ratio(t.profit_contribution, t.portfolio_positive_contribution)
  end as contribution_share,
  t.tenure_months,
  cast(t.products_held as integer) as products_held,
  cast(round(t.opening_balance, 2) as decimal(18,2)) as opening_balance,
  cast(round(t.closing_balance, 2) as decimal(18,2)) as closing_balance,
  t.balance_change_ratio,
  t.value_tier,
  t.trend,
  case
    -- balances rest on both the deposits and the loans ledger: without either, no segment
    when not (l.deposits and l.loans) then null
    when t.tenure_months < 12 then 'new'
    when t.closing_balance = 0 and t.profit_contribution = 0 then 'dormant'
    -- value_tier || '_value_' || trend, spelled out (a concatenation a row costs more than the choice)
    when t.value_tier = 'high' then
      case t.trend when 'growing' then 'high_value_growing' when 'falling' then 'high_value_falling' else 'high_value_stable' end
    else
      case t.trend when 'growing' then 'low_value_growing' when 'falling' then 'low_value_falling' else 'low_value_stable' end
  end as segment,
  m.org_id,
  m.manager_name,
from tiered as t
join clients as c on c.client_id = t.client_id
join periods as p on p.period = t.period
left join managers as m on m.manager_id = t.manager_id and p.end_date between m.held_from and m.held_to
join int_period_ledgers as l on l.period = t.period
