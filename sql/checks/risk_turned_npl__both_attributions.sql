-- check risk_turned_npl__both_attributions: charged to holders by share or to originators in full,
-- the loans that turned non-performing in a period add up to the same ledger count and balance:
--   Σ 'current' rows = Σ 'originating' rows = loans of int_loans_priced that turned in the period,
-- and each manager's 'current' rows add up to mart_manager_period's turned_npl_count (the one
-- definition the risk mart reads). Returns the offending period (and manager).
with period_months as (
  select period, month_end from int_period_months
),
ledger as (
  select pm.period, count(*) as loans, sum(l.balance) as balance,
  from int_loans_priced as l
  join period_months as pm on pm.month_end = l.month_end
  where l.turned_npl
  group by pm.period
),
charged as (
  select period, attribution, sum(turned_npl_count) as loans, sum(turned_npl_balance) as balance,
  from mart_turned_npl_loans
  group by period, attribution
),
by_manager as (
  select period, manager_id, sum(turned_npl_count) as loans,
  from mart_turned_npl_loans
  where attribution = 'current' and manager_id is not null
  group by period, manager_id
)
select l.period, c.attribution, cast(null as varchar) as manager_id, l.loans as ledger_loans, c.loans as charged_loans,
from ledger as l
cross join (values ('current'), ('originating')) as a(attribution)
left join charged as c on c.period = l.period and c.attribution = a.attribution
where abs(l.loans - coalesce(c.loans, 0)) > 0.0001 or abs(l.balance - coalesce(c.balance, 0)) > 0.01 * l.loans
union all
select m.period, 'current', m.manager_id, m.turned_npl_count, b.loans,
from mart_manager_period as m
left join by_manager as b on b.period = m.period and b.manager_id = m.manager_id
where abs(m.turned_npl_count - coalesce(b.loans, 0)) > 0.0001
