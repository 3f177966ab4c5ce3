-- mart_risk_vintage: vintage curves (账龄分析) per origination quarter and originating manager — the
-- cumulative share of a cohort's original principal and of its loans that has turned
-- non-performing by each month on book (../shared/DOMAIN.md), beside the NPL figures of the loans
-- still on book at that age.
-- grain: one row per originating manager × origination quarter × months on book, for every month on
--   book from 0 to the oldest age any loan of that quarter reached (so a cohort whose loans have all
--   closed keeps its row, and its cumulative share, at every later age); keys: originating_manager_id,
--   originating_org_id, origination_quarter, months_on_book (originating_manager_id null =
--   originator missing or unknown; then the booking org).
-- formula: over the loan snapshots of int_loans_originated with an origination date:
--   on book at that age: loans = snapshots (each loan once per age), balance = Σ balance,
--     npl_loans / npl_balance = the non-performing ones, npl_ratio = npl_balance / balance (null
--     without balance), npl_loan_rate = npl_loans / loans;
--   the cohort: cohort_loans = its loans, cohort_principal = Σ original principal (each loan's
--     principal at its first snapshot, else that balance when the extract has no principal);
--     thin_cohort = fewer than 10 loans (a share of 1 loan in 3 says little);
--   cumulative: turned_npl_loans / turned_npl_principal = the cohort's loans (and their original
--     principal) non-performing at any snapshot at or before this age — a loan that turned NPL and
--     was later repaid or upgraded still counts, so the curve never falls;
--     cumulative_npl_principal_share = turned_npl_principal / cohort_principal,
--     cumulative_npl_loan_share = turned_npl_loans / cohort_loans (6 decimals).
-- inputs: int_loans_originated.
with snapshots as (
  select loan_id, originating_manager_id, originating_org_id, origination_quarter, months_on_book, as_of_date,
    principal, balance, is_npl,
  from int_loans_originated
  where origination_date is not null
),
on_book as (
  select
    originating_manager_id, originating_org_id, origination_quarter, months_on_book,
    count(*) as loans,
    sum(balance) as balance,
    count(*) filter (where is_npl) as npl_loans,
    coalesce(sum(balance) filter (where is_npl), 0) as npl_balance,
  from snapshots
  group by originating_manager_id, originating_org_id, origination_quarter, months_on_book
),
loans as (
  -- one row per loan: its cohort, original principal and the age at which it first was NPL
  select
    loan_id, originating_manager_id, originating_org_id, origination_quarter,
    coalesce(arg_min(principal, as_of_date), arg_min(balance, as_of_date)) as principal,
    min(months_on_book) filter (where is_npl) as first_npl_age,
  from snapshots
  group by loan_id, originating_manager_id, originating_org_id, origination_quarter
),
cohorts as (
  select originating_manager_id, originating_org_id, origination_quarter,
    count(*) as cohort_loans, sum(principal) as cohort_principal,
  from loans
  group by originating_manager_id, originating_org_id, origination_quarter
),
ages as (
  -- every age from 0 to the oldest any loan of the quarter reached
  select q.origination_quarter, cast(a.age as integer) as months_on_book,
  from (select origination_quarter, max(months_on_book) as oldest from snapshots group by origination_quarter) as q,
    range(0, q.oldest + 1) as a(age)
),
turned as (
  select originating_manager_id, originating_org_id, origination_quarter, first_npl_age as months_on_book,
    count(*) as loans, sum(principal) as principal,
  from loans
  where first_npl_age is not null
  group by originating_manager_id, originating_org_id, origination_quarter, first_npl_age
),
grid as (
  select c.originating_manager_id, c.originating_org_id, c.origination_quarter, g.months_on_book,
    c.cohort_loans, c.cohort_principal,
  from cohorts as c
  join ages as g on g.origination_quarter = c.origination_quarter
),
cumulated as (
  select
    g.*,
    coalesce(sum(t.loans) over w, 0) as turned_npl_loans,
    coalesce(sum(t.principal) over w, 0) as turned_npl_principal,
  from grid as g
  left join turned as t
    on t.originating_manager_id is not distinct from g.originating_manager_id and t.originating_org_id = g.originating_org_id
   and t.origination_quarter = g.origination_quarter and t.months_on_book = g.months_on_book
  window w as (partition by g.originating_manager_id, g.originating_org_id, g.origination_quarter order by g.months_on_book)
)
select
  c.originating_manager_id,
  c.originating_org_id,
  c.origination_quarter,
  c.months_on_book,
  cast(coalesce(b.loans, 0) as bigint) as loans,
  cast(coalesce(b.balance, 0) as decimal(18,2)) as balance,
  cast(coalesce(b.npl_loans, 0) as bigint) as npl_loans,
  cast(coalesce(b.npl_balance, 0) as decimal(18,2)) as npl_balance,
  div_ratio(b.npl_balance, b.balance) as npl_ratio,
  div_ratio(b.npl_loans, b.loans) as npl_loan_rate,
  cast(c.cohort_loans as bigint) as cohort_loans,
  cast(c.cohort_principal as decimal(18,2)) as cohort_principal,
  c.cohort_loans < 10 as thin_cohort,
  cast(c.turned_npl_loans as bigint) as turned_npl_loans,
  cast(c.turned_npl_principal as decimal(18,2)) as turned_npl_principal,
  div_ratio(c.turned_npl_principal, c.cohort_principal) as cumulative_npl_principal_share,
  div_ratio(c.turned_npl_loans, c.cohort_loans) as cumulative_npl_loan_share,
from cumulated as c
left join on_book as b
  on b.originating_manager_id is not distinct from c.originating_manager_id and b.originating_org_id = c.originating_org_id
 and b.origination_quarter = c.origination_quarter and b.months_on_book = c.months_on_book
