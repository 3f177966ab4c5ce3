-- The ratio metrics of the catalog (config/glossary.json, kind ratio), one definition each: a macro
-- named like the metric over its two inputs, which the period marts apply to their full-precision
-- figures and the long marts to the computed bases. 6 decimals, half away from zero (div_ratio).
--   npl_ratio          = npl_balance / loan_end_balance; 0 without loans
--   span_of_management = clients / managers; null without managers
create or replace macro npl_ratio(npl_balance, loan_end_balance) as
  coalesce(div_ratio(npl_balance, loan_end_balance), 0);
create or replace macro span_of_management(clients, managers) as
  div_ratio(clients, managers);
