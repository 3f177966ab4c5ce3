-- mart_risk_vintage: vintage curves (账龄分析) — NPL rate by months on book, per origination quarter
-- and originating manager.
-- grain: one row per originating manager × origination quarter × months on book; keys:
--   originating_manager_id, originating_org_id, origination_quarter, months_on_book
--   (originating_manager_id null = originator missing or unknown; then the booking org).
-- formula: over the loan snapshots of int_loans_originated with an origination date, grouped by the
--   loan's age at the snapshot (months_on_book = snapshot month − origination month):
--   loans = snapshots (each loan once per age), balance = Σ balance, npl_loans / npl_balance = the
--   non-performing ones, npl_ratio = npl_balance / balance (6 decimals; null without balance),
--   npl_loan_rate = npl_loans / loans. Reading one cohort across months_on_book gives its curve.
-- inputs: int_loans_originated.
select
  originating_manager_id,
  originating_org_id,
  origination_quarter,
  months_on_book,
  cast(count(*) as bigint) as loans,
  cast(sum(balance) as decimal(18,2)) as balance,
  cast(count(*) filter (where is_npl) as bigint) as npl_loans,
  cast(coalesce(sum(balance) filter (where is_npl), 0) as decimal(18,2)) as npl_balance,
  div_ratio(coalesce(sum(balance) filter (where is_npl), 0), sum(balance)) as npl_ratio,
  div_ratio(count(*) filter (where is_npl), count(*)) as npl_loan_rate,
from int_loans_originated
where origination_date is not null
group by originating_manager_id, originating_org_id, origination_quarter, months_on_book
