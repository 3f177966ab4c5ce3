-- check int_priced__ftp_and_class: every deposit and loan snapshot found an FTP rate on the curve of
-- its currency and, when not in yuan, an exchange rate for its month (fx_rates) — never a silent
-- 1:1 —, and every loan's five-category class has an expected-loss entry
-- (config/expected_loss.json). Returns one row per ledger × currency × month × problem, with the
-- number of rows concerned.
with problems as (
  select 'deposits' as ledger, currency, month_end, 'no positive exchange rate for the month in fx_rates' as problem,
  from int_deposits_priced
  where currency <> 'CNY' and (cny_per_unit is null or cny_per_unit <= 0)
  union all
  select 'deposits', currency, month_end, 'no FTP curve for the currency (ftp_curve)',
  from int_deposits_priced
  where ftp_rate_pct is null
  union all
  select 'loans', currency, month_end, 'no positive exchange rate for the month in fx_rates',
  from int_loans_priced
  where currency <> 'CNY' and (cny_per_unit is null or cny_per_unit <= 0)
  union all
  select 'loans', currency, month_end, 'no FTP curve for the currency (ftp_curve)',
  from int_loans_priced
  where ftp_rate_pct is null
  union all
  select 'loans', currency, month_end, 'five_class ' || five_class || ' has no pd/lgd in cfg_expected_loss',
  from int_loans_priced
  where pd is null
)
select ledger, currency, strftime(month_end, '%Y-%m') as month, problem, count(*) as rows,
from problems
group by ledger, currency, month_end, problem
order by ledger, currency, month_end, problem
