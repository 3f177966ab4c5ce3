-- stg_extract__ftp_curve: funds-transfer-pricing curve points.
-- grain: one row per effective_date × term_months. keys: effective_date, term_months.
-- formula: rename only; rate_pct is an annual rate in percent (3.45 = 3.45%). inputs: raw_ftp_curve.
select
  effective_date,
  term_months,
  rate as rate_pct,
from raw_ftp_curve
