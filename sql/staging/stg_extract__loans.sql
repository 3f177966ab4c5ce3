-- stg_extract__loans: loan snapshots.
-- grain: one row per loan × month-end. keys: as_of_date, loan_id.
-- formula: month_end = last_day(as_of_date); five_class in English (the Chinese labels of the
--   contract are mapped here, in case a delivery kept them); rate_pct is annual percent.
-- inputs: raw_loans.
-- money: cast to its stored type, DECIMAL(18,2), which the wide build reads as DECIMAL(38,2)
--   (sql/README.md, "Amounts of any size").
select
  as_of_date,
  last_day(as_of_date) as month_end,
  loan_id,
  client_id,
  product_id,
  currency,
  origination_date,
  maturity_date,
  cast(principal as decimal(18,2)) as principal,
  cast(balance as decimal(18,2)) as balance,
  cast(avg_balance as decimal(18,2)) as avg_balance,
  rate as rate_pct,
  case five_class
    when '正常' then 'normal'
    when '关注' then 'special_mention'
    when '次级' then 'substandard'
    when '可疑' then 'doubtful'
    when '损失' then 'loss'
    else five_class
  end as five_class,
  overdue_days,
  originating_manager_id,
  org_id,
from raw_loans
