-- stg_extract__fees: fee-income transactions (中间业务收入).
-- grain: one row per transaction. keys: txn_id.
-- formula: month_end = last_day(txn_date). inputs: raw_fees.
-- money: cast to its stored type, DECIMAL(18,2), which the wide build reads as DECIMAL(38,2)
--   (sql/README.md, "Amounts of any size").
select
  txn_date,
  last_day(txn_date) as month_end,
  txn_id,
  client_id,
  product_id,
  cast(amount as decimal(18,2)) as amount,
  manager_id,
  org_id,
from raw_fees
