-- stg_extract__ftp_curve: funds-transfer-pricing curve points.
-- grain: one row per currency × effective_date × term_months. keys: currency, effective_date, term_months.
-- formula: rename only; rate_pct is an annual rate in percent (3.45 = 3.45%); currency CNY when the
--   delivery gave none (files of contract version 1). inputs: raw_ftp_curve.
select
  coalesce(currency, 'CNY') as currency,
  effective_date,
  term_months,
  rate as rate_pct,
from raw_ftp_curve
