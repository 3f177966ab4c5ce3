-- Migration 013: exact money arithmetic in 64-bit integers for the two hot spots of the build —
-- the spread of every ledger row and the day-weighted average of every client-period. 128-bit
-- (HUGEINT) division costs ~5 µs a value here; these split the division so every step stays within
-- BIGINT, and BIGINT overflow is an error in DuckDB, never a silent wrap.
--
-- spread_e8(avg_balance, delta_pct, days): avg_balance × delta_pct / 100 × days / 365, rounded half
--   away from zero to 10^-8 yuan, as DECIMAL(18,8). avg_balance DECIMAL(18,2) (A = fen),
--   delta_pct with at most 6 decimals (R = millionths of a percent): in units of 10^-8 yuan the
--   spread is A·R·days / 36500 = k·R + round(rem·R / 36500) with A·days = 36500·k + rem.
--   Holds for balances below 10^11 yuan per row.
create macro spread_e8(avg_balance, delta_pct, days) as (
  cast(
    sign(cast(avg_balance * 100 as bigint)) * sign(cast(delta_pct * 1000000 as bigint)) * (
      (abs(cast(avg_balance * 100 as bigint)) * days // 36500) * abs(cast(delta_pct * 1000000 as bigint))
      + (2 * ((abs(cast(avg_balance * 100 as bigint)) * days) % 36500) * abs(cast(delta_pct * 1000000 as bigint)) + 36500) // 73000
    ) as decimal(18,0)
  ) * 0.00000001
);

-- average_e8(balance_days, days): balance_days / days rounded half away from zero to 10^-8 yuan, as
--   DECIMAL(18,8). balance_days = Σ avg_balance × days in yuan with 2 decimals (N = fen-days);
--   N / days = q + rem / days; the fraction is carried to 10^-8 yuan = 10^-6 fen.
--   Holds for averages below 9 × 10^10 yuan.
create macro average_e8(balance_days, days) as (
  cast(sign(cast(cast(balance_days as decimal(18,2)) * 100 as bigint)) as decimal(18,0)) * (
    cast(abs(cast(cast(balance_days as decimal(18,2)) * 100 as bigint)) // days as decimal(18,0)) * 0.01
    + cast((2 * (abs(cast(cast(balance_days as decimal(18,2)) * 100 as bigint)) % days) * 1000000 + days) // (2 * days) as decimal(18,0)) * 0.00000001
  )
);
