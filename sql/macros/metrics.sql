-- The ratio metrics of the catalog (config/glossary.json, kind ratio), one definition each: a macro
-- named like the metric over its two inputs, which the period marts apply to their full-precision
-- figures and the long marts to the computed bases. 6 decimals, half away from zero (div_ratio).

-- npl_ratio = npl_balance / loan_end_balance; null without loans (0/0 is undefined, not 0 %)
create or replace macro npl_ratio(npl_balance, loan_end_balance) as
  div_ratio(npl_balance, loan_end_balance);

-- span_of_management = clients / managers; null without managers
create or replace macro span_of_management(clients, managers) as
  div_ratio(clients, managers);

-- development_share = development_visits / visits (营销拜访占比: the share of the visits made to win
-- business); null without visits
create or replace macro development_share(development_visits, visits) as
  div_ratio(development_visits, visits);
