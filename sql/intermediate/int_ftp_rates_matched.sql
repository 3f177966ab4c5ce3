-- int_ftp_rates_matched: the FTP rate of each product, per currency, on each date a row is priced at.
-- grain: one row per pricing date × currency × product priced on that date.
--   keys: pricing_date, currency, product_id.
-- formula:
--   pricing date: a deposit's snapshot date; a loan's snapshot date, or under loan_method
--     'origination' (config/ftp.json, cfg_ftp) its origination_date when it has one — the points in
--     force when the loan was booked price it for its whole life (matched-maturity FTP).
--   points in force on a date (per currency): for each term, the point with the latest
--     effective_date <= the date — a point stays in force until a later point of the same term and
--     currency replaces it, so a delivery restating only some terms leaves the others as they were.
--     A date before every point of its currency takes the currency's first points (the curve of its
--     earliest effective_date).
--   point chosen for a product of term T months: among the points in force, the shortest term >= T,
--     or the longest when T is beyond them; demand products (term_months null or 0) take the shortest
--     point (overnight / the shortest tenor the bank publishes). Rates stay annual percent.
--   point_date = the effective_date of the point chosen. A currency with no curve at all gives no
--     row: its snapshots stay unpriced and the check int_priced__ftp_and_class fails the build.
-- inputs: stg_extract__deposits, stg_extract__loans, stg_extract__products, stg_extract__ftp_curve, cfg_ftp.
with method as (
  select loan_method from cfg_ftp
),
requests as (
  select distinct as_of_date as pricing_date, currency, product_id from stg_extract__deposits
  union
  select distinct
    case when m.loan_method = 'origination' and l.origination_date is not null then l.origination_date else l.as_of_date end,
    l.currency,
    l.product_id,
  from stg_extract__loans as l
  cross join method as m
),
products as (
  select product_id, term_months from stg_extract__products
),
curve as (
  select currency, effective_date, term_months, rate_pct from stg_extract__ftp_curve
),
request_dates as (
  select distinct pricing_date, currency from requests
),
points_in_force as (
  -- each term's latest point on or before the date
  select
    d.pricing_date,
    d.currency,
    c.term_months,
    max(c.effective_date) as point_date,
    arg_max(c.rate_pct, c.effective_date) as rate_pct,
  from request_dates as d
  join curve as c on c.currency = d.currency and c.effective_date <= d.pricing_date
  group by d.pricing_date, d.currency, c.term_months
),
first_points as (
  select c.currency, c.effective_date, c.term_months, c.rate_pct,
  from curve as c
  where c.effective_date = (select min(f.effective_date) from curve as f where f.currency = c.currency)
),
curve_on_date as (
  select pricing_date, currency, term_months, point_date, rate_pct from points_in_force
  union all
  -- a date before every point of its currency
  select d.pricing_date, d.currency, f.term_months, f.effective_date, f.rate_pct,
  from request_dates as d
  join first_points as f on f.currency = d.currency
  where not exists (select 1 from curve as c where c.currency = d.currency and c.effective_date <= d.pricing_date)
),
point_chosen as (
  select
    r.pricing_date,
    r.currency,
    r.product_id,
    p.term_months,
    coalesce(
      min(c.term_months) filter (where c.term_months >= coalesce(p.term_months, 0)),
      max(c.term_months)
    ) as ftp_term_months,
  from requests as r
  left join products as p on p.product_id = r.product_id
  join curve_on_date as c on c.pricing_date = r.pricing_date and c.currency = r.currency
  group by r.pricing_date, r.currency, r.product_id, p.term_months
)
select
  t.pricing_date,
  t.currency,
  t.product_id,
  t.term_months,
  t.ftp_term_months,
  c.point_date,
  c.rate_pct as ftp_rate_pct,
from point_chosen as t
join curve_on_date as c on c.pricing_date = t.pricing_date and c.currency = t.currency and c.term_months = t.ftp_term_months
