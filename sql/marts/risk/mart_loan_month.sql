-- mart_loan_month: every loan at every month-end, with its five-category class (五级分类).
-- grain: one row per loan × month-end snapshot; keys: as_of_date, loan_id.
-- formula: five_class as delivered (English codes); is_npl = substandard, doubtful or loss
--   (non-performing); turned_npl = performing at the loan's previous snapshot, non-performing now
--   (int_loans_priced). Originator, origination quarter and months on book: int_loans_originated.
--   Holders are not here (a loan may have several): see int_loans_attributed / mart_turned_npl_loans.
-- inputs: int_loans_originated.
select
  as_of_date,
  month_end,
  loan_id,
  client_id,
  product_id,
  five_class,
  previous_five_class,
  is_npl,
  turned_npl,
  overdue_days,
  cast(balance as decimal(18,2)) as balance,
  origination_date,
  origination_quarter,
  months_on_book,
  originating_manager_id,
  originating_org_id,
  booking_org_id,
from int_loans_originated
