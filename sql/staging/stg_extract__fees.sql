-- stg_extract__fees: fee-income transactions (中间业务收入).
-- grain: one row per transaction. keys: txn_id.
-- formula: month_end = last_day(txn_date). inputs: raw_fees.
select
  txn_date,
  last_day(txn_date) as month_end,
  txn_id,
  client_id,
  product_id,
  amount,
  manager_id,
  org_id,
from raw_fees
