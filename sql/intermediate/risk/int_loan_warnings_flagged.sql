-- int_loan_warnings_flagged: loan snapshots that raise an early warning (预警).
-- grain: one row per warning × loan × month-end snapshot; keys: warning, as_of_date, loan_id.
-- formula: two rules, each on the loan's own snapshots in the warehouse:
--   'special_mention' — moved to special mention: class special_mention now, normal at the previous
--     snapshot (int_loans_priced.previous_five_class). Figure: the balance.
--   'overdue_rising'  — overdue days rising two months running: overdue(m) > overdue(m−1) >
--     overdue(m−2) over three consecutive month-ends, the loan still performing at m (once it is
--     non-performing it is counted as turned NPL, no longer warned). Empty overdue days count as 0.
--     Figure: the overdue days now and at the two month-ends before.
-- inputs: int_loans_priced.
with loans as (
  select
    as_of_date, month_end, loan_id, client_id, balance, five_class, previous_five_class, is_npl,
    coalesce(overdue_days, 0) as overdue_days,
    lag(coalesce(overdue_days, 0), 1) over w as overdue_days_1,
    lag(coalesce(overdue_days, 0), 2) over w as overdue_days_2,
    lag(month_end, 1) over w as month_end_1,
    lag(month_end, 2) over w as month_end_2,
  from int_loans_priced
  window w as (partition by loan_id order by as_of_date)
),
special_mention as (
  select 'special_mention' as warning, as_of_date, month_end, loan_id, client_id, balance, five_class,
    previous_five_class, overdue_days, overdue_days_1 as previous_overdue_days, overdue_days_2 as earlier_overdue_days,
  from loans
  where five_class = 'special_mention' and previous_five_class = 'normal'
),
overdue_rising as (
  select 'overdue_rising' as warning, as_of_date, month_end, loan_id, client_id, balance, five_class,
    previous_five_class, overdue_days, overdue_days_1 as previous_overdue_days, overdue_days_2 as earlier_overdue_days,
  from loans
  where not is_npl
    and month_end_1 = last_day(month_end - interval 1 month)
    and month_end_2 = last_day(month_end_1 - interval 1 month)
    and overdue_days > overdue_days_1
    and overdue_days_1 > overdue_days_2
)
select * from special_mention
union all
select * from overdue_rising
