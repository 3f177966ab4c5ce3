-- mart_org_risk_vintage: vintage curves of every org node: NPL rate by months on book per
-- origination quarter, for the loans originated in the node's subtree.
-- grain: one row per org node × origination quarter × months on book; keys: org_id,
--   origination_quarter, months_on_book.
-- formula: Σ of mart_risk_vintage's counts and balances over the originating orgs in the subtree
--   (int_org_ancestors); npl_ratio = npl_balance / balance, npl_loan_rate = npl_loans / loans.
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
from rolled
