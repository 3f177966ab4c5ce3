-- stg_extract__deposits: deposit account snapshots.
-- grain: one row per account × month-end. keys: as_of_date, account_id.
-- formula: month_end = last_day(as_of_date) (the month the snapshot belongs to); rate_pct is annual
--   percent. inputs: raw_deposits.
-- money: cast to its stored type, DECIMAL(18,2), which the wide build reads as DECIMAL(38,2)
--   (sql/README.md, "Amounts of any size").
select
  as_of_date,
  last_day(as_of_date) as month_end,
  account_id,
  client_id,
  product_id,
  currency,
  cast(balance as decimal(18,2)) as balance,
  cast(avg_balance as decimal(18,2)) as avg_balance,
  rate as rate_pct,
  org_id,
from raw_deposits
