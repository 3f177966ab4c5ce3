-- stg_extract__deposits: deposit account snapshots.
-- grain: one row per account × month-end. keys: as_of_date, account_id.
-- formula: month_end = last_day(as_of_date) (the month the snapshot belongs to); rate_pct is annual
--   percent. inputs: raw_deposits.
select
  as_of_date,
  last_day(as_of_date) as month_end,
  account_id,
  client_id,
  product_id,
  currency,
  balance,
  avg_balance,
  rate as rate_pct,
  org_id,
from raw_deposits
