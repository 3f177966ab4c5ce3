-- int_ftp_rates_matched: the FTP rate of each product on each snapshot date.
-- grain: one row per snapshot date × product present in the deposit or loan snapshots of that date.
--   keys: as_of_date, product_id.
-- formula: the curve in effect = the curve with the latest effective_date <= as_of_date (before the
--   first curve, the first curve). On that curve, the point used for a product of term T months is
--   the shortest point with term >= T, or the longest point when T is beyond the curve. Demand
--   products (term_months null or 0) have no term: they take the shortest point of the curve
--   (overnight / the shortest tenor the bank publishes). Rates stay annual percent.
-- inputs: stg_extract__deposits, stg_extract__loans, stg_extract__products, stg_extract__ftp_curve.
with snapshots as (
  select distinct as_of_date, product_id from stg_extract__deposits
  union
  select distinct as_of_date, product_id from stg_extract__loans
),
products as (
  select product_id, term_months from stg_extract__products
),
curve as (
  select effective_date, term_months, rate_pct from stg_extract__ftp_curve
),
curve_dates as (
  select distinct effective_date from curve
),
snapshot_dates as (
  select distinct as_of_date from snapshots
),
curve_in_effect as (
  select
    s.as_of_date,
    coalesce(max(c.effective_date) filter (where c.effective_date <= s.as_of_date), min(c.effective_date)) as curve_date,
  from snapshot_dates as s
  cross join curve_dates as c
  group by s.as_of_date
),
point_chosen as (
  select
    s.as_of_date,
    s.product_id,
    p.term_months,
    e.curve_date,
    coalesce(
      min(c.term_months) filter (where c.term_months >= coalesce(p.term_months, 0)),
      max(c.term_months)
    ) as ftp_term_months,
  from snapshots as s
  join curve_in_effect as e on e.as_of_date = s.as_of_date
  left join products as p on p.product_id = s.product_id
  join curve as c on c.effective_date = e.curve_date
  group by s.as_of_date, s.product_id, p.term_months, e.curve_date
)
select
  t.as_of_date,
  t.product_id,
  t.term_months,
  t.curve_date,
  t.ftp_term_months,
  c.rate_pct as ftp_rate_pct,
from point_chosen as t
join curve as c on c.effective_date = t.curve_date and c.term_months = t.ftp_term_months
