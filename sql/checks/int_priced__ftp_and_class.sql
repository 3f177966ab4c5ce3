-- check int_priced__ftp_and_class: every deposit and loan snapshot found an FTP rate on the curve of
-- its currency and, when not in yuan, an exchange rate for its month (fx_rates) — never a silent
-- 1:1 —, and every loan's five-category class has an expected-loss entry
-- (config/expected_loss.json). Returns one row per ledger × currency × month × problem, with the
-- number of rows concerned.
with priced as (
  select 'deposits' as ledger, currency, month_end, cny_per_unit, ftp_rate_pct, null as class_without_pd,
  from int_deposits_priced
  union all
  select 'loans', currency, month_end, cny_per_unit, ftp_rate_pct, case when pd is null then five_class end,
  from int_loans_priced
),
problems as (
  select ledger, currency, month_end, 'no positive exchange rate for the month in fx_rates' as problem,
  from priced
  where currency <> 'CNY' and (cny_per_unit is null or cny_per_unit <= 0)
  union all
  select ledger, currency, month_end, 'no FTP curve for the currency (ftp_curve)',
  from priced
  where ftp_rate_pct is null
  union all
  select ledger, currency, month_end, 'five_class ' || class_without_pd || ' has no pd/lgd in cfg_expected_loss',
  from priced
  where class_without_pd is not null
)
select ledger, currency, strftime(month_end, '%Y-%m') as month, problem, count(*) as rows,
from problems
group by ledger, currency, month_end, problem
order by ledger, currency, month_end, problem
