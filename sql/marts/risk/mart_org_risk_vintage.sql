-- mart_org_risk_vintage: vintage curves of every org node, for the loans originated in the node's
-- subtree: per origination quarter and month on book, the cumulative share of the cohort's original
-- principal and loans turned non-performing, and the NPL figures of the loans still on book.
-- grain: one row per org node × origination quarter × months on book; keys: org_id,
--   origination_quarter, months_on_book.
-- formula: Σ of mart_risk_vintage's counts and amounts over the originating orgs in the subtree
--   (int_org_ancestors; every cohort has a row at every age of its quarter, so the sums never miss
--   one); npl_ratio = npl_balance / balance, npl_loan_rate = npl_loans / loans,
--   cumulative_npl_principal_share = turned_npl_principal / cohort_principal,
--   cumulative_npl_loan_share = turned_npl_loans / cohort_loans, thin_cohort = cohort_loans < 10.
-- inputs: mart_risk_vintage, int_org_ancestors.
with rolled as (
  select
    a.ancestor_id as org_id,
    v.origination_quarter,
    v.months_on_book,
    sum(v.loans) as loans,
    sum(v.balance) as balance,
    sum(v.npl_loans) as npl_loans,
    sum(v.npl_balance) as npl_balance,
    sum(v.cohort_loans) as cohort_loans,
    sum(v.cohort_principal) as cohort_principal,
    sum(v.turned_npl_loans) as turned_npl_loans,
    sum(v.turned_npl_principal) as turned_npl_principal,
  from mart_risk_vintage as v
  join int_org_ancestors as a on a.org_id = v.originating_org_id
  group by a.ancestor_id, v.origination_quarter, v.months_on_book
)
select
  org_id,
  origination_quarter,
  months_on_book,
  cast(loans as bigint) as loans,
  cast(balance as decimal(18,2)) as balance,
  cast(npl_loans as bigint) as npl_loans,
  cast(npl_balance as decimal(18,2)) as npl_balance,
  div_ratio(npl_balance, balance) as npl_ratio,
  div_ratio(npl_loans, loans) as npl_loan_rate,
  cast(cohort_loans as bigint) as cohort_loans,
  cast(cohort_principal as decimal(18,2)) as cohort_principal,
  cohort_loans < 10 as thin_cohort,
  cast(turned_npl_loans as bigint) as turned_npl_loans,
  cast(turned_npl_principal as decimal(18,2)) as turned_npl_principal,
  div_ratio(turned_npl_principal, cohort_principal) as cumulative_npl_principal_share,
  div_ratio(turned_npl_loans, cohort_loans) as cumulative_npl_loan_share,
from rolled
