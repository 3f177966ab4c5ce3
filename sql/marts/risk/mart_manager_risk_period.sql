-- mart_manager_risk_period: each manager's asset quality per period, charged both ways: loans held
-- now (by share, on each snapshot date) and loans the manager originated (in full).
-- grain: one row per manager × period (every manager of the managers file, every period);
--   keys: period, manager_id.
-- formula:
--   held (read from mart_manager_period, one definition): loan_end_balance, npl_balance, npl_ratio,
--     turned_npl_count, turned_npl_balance — the loans the manager held by share on each date;
--   special_mention_balance = Σ balance × share of the held loans in class special_mention at the
--     period's end (int_loans_attributed);
--   originated (int_loans_originated, loans whose originating manager is this one, whoever holds them):
--     originated_turned_npl_count   = loans that turned non-performing at a snapshot in the period (1 each),
--     originated_turned_npl_balance = their balance at that snapshot,
--     originated_loan_end_balance   = balance of the manager's originated loans at the period's end,
--     originated_npl_balance        = the non-performing part of it,
--     originated_npl_ratio          = originated_npl_balance / originated_loan_end_balance (null without loans);
--   warnings = early warnings dated within the period that name the manager (mart_risk_warnings rows).
-- inputs: mart_manager_period, int_periods, int_period_months, int_loans_originated,
--   int_loans_attributed, mart_risk_warnings.
with held as (
  select period, manager_id, manager_name, org_id, line, grade, loan_end_balance, npl_balance, npl_ratio,
    turned_npl_count, turned_npl_balance,
  from mart_manager_period
),
periods as (
  select period, start_date, end_date from int_periods
),
period_months as (
  select period, month_end from int_period_months
),
originated_loans as (
  select month_end, loan_id, balance, is_npl, turned_npl, originating_manager_id,
  from int_loans_originated
  where originating_manager_id is not null
),
originated_turned as (
  select pm.period, o.originating_manager_id as manager_id,
    count(*) as turned_npl_count,
    sum(o.balance) as turned_npl_balance,
  from originated_loans as o
  join period_months as pm on pm.month_end = o.month_end
  where o.turned_npl
  group by pm.period, o.originating_manager_id
),
originated_book as (
  select p.period, o.originating_manager_id as manager_id,
    sum(o.balance) as loan_end_balance,
    coalesce(sum(o.balance) filter (where o.is_npl), 0) as npl_balance,
  from originated_loans as o
  join periods as p on p.end_date = o.month_end
  group by p.period, o.originating_manager_id
),
special_mention as (
  select p.period, a.manager_id, sum(a.loan_end_balance) as special_mention_balance,
  from int_loans_attributed as a
  join periods as p on p.end_date = a.month_end
  where a.five_class = 'special_mention' and a.manager_id is not null
  group by p.period, a.manager_id
),
warnings as (
  select p.period, w.manager_id, count(*) as warnings,
  from mart_risk_warnings as w
  join periods as p on w.as_of_date between p.start_date and p.end_date
  where w.manager_id is not null
  group by p.period, w.manager_id
)
select
  h.period,
  h.manager_id,
  h.manager_name,
  h.org_id,
  h.line,
  h.grade,
  h.loan_end_balance,
  h.npl_balance,
  h.npl_ratio,
  cast(round(coalesce(s.special_mention_balance, 0), 2) as decimal(18,2)) as special_mention_balance,
  h.turned_npl_count,
  h.turned_npl_balance,
  cast(coalesce(t.turned_npl_count, 0) as bigint) as originated_turned_npl_count,
  cast(coalesce(t.turned_npl_balance, 0) as decimal(18,2)) as originated_turned_npl_balance,
  cast(coalesce(b.loan_end_balance, 0) as decimal(18,2)) as originated_loan_end_balance,
  cast(coalesce(b.npl_balance, 0) as decimal(18,2)) as originated_npl_balance,
  npl_ratio(b.npl_balance, b.loan_end_balance) as originated_npl_ratio,
  cast(coalesce(w.warnings, 0) as bigint) as warnings,
from held as h
left join originated_turned as t on t.period = h.period and t.manager_id = h.manager_id
left join originated_book as b on b.period = h.period and b.manager_id = h.manager_id
left join special_mention as s on s.period = h.period and s.manager_id = h.manager_id
left join warnings as w on w.period = h.period and w.manager_id = h.manager_id
