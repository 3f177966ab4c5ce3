-- check clients_portfolio__ranks: within each portfolio the contribution ranks run 1..n without gaps,
-- every client has a segment (none where the deposits or loans ledger was not delivered), the positive contribution shares add up to 1 (when anything is earned),
-- and the concentration figures stay within 0..1. Returns the offending period and manager.
with portfolios as (
  select period, manager_id, count(*) as clients, max(contribution_rank) as max_rank,
    count(distinct contribution_rank) as ranks, count(*) filter (where segment is null) as unsegmented,
    sum(contribution_share) filter (where contribution_share > 0) as positive_shares,
  from mart_client_portfolio_period
  group by period, manager_id
)
select p.period, p.manager_id, p.clients, p.max_rank, p.ranks, p.unsegmented, p.positive_shares, c.hhi, c.top10_share,
from portfolios as p
join int_period_ledgers as l on l.period = p.period
left join mart_manager_client_concentration as c on c.period = p.period and c.manager_id = p.manager_id
where p.max_rank <> p.clients or p.ranks <> p.clients or p.unsegmented <> case when l.deposits and l.loans then 0 else p.clients end
   or (p.positive_shares is not null and abs(p.positive_shares - 1) > 0.00001 * p.clients)
   or c.hhi < 0 or c.hhi > 1 or c.top10_share < 0 or c.top10_share > 1
   or c.manager_id is null
