-- Exact money arithmetic in 64-bit integers for the build's per-row hot spots: every ledger row's
-- spread and expected loss, every client-period's day-weighted average. Each splits its division so
-- that every step stays within BIGINT (overflow is an error in DuckDB, never a silent wrap) instead
-- of dividing 128-bit decimals, and rounds half away from zero once, to 10^-8 yuan, as DECIMAL(18,8).
--
-- spread_e8(avg_balance, delta_pct, days): avg_balance × delta_pct / 100 × days / 365.
--   avg_balance DECIMAL(18,2) (A = fen), delta_pct with at most 6 decimals (R = millionths of a
--   percent): in units of 10^-8 yuan the spread is A·R·days / 36500 = k·R + round(rem·R / 36500)
--   with A·days = 36500·k + rem. Holds for balances below 10^11 yuan per row.
create or replace macro spread_e8(avg_balance, delta_pct, days) as (
  cast(
    sign(cast(avg_balance * 100 as bigint)) * sign(cast(delta_pct * 1000000 as bigint)) * (
      (abs(cast(avg_balance * 100 as bigint)) * days // 36500) * abs(cast(delta_pct * 1000000 as bigint))
      + (2 * ((abs(cast(avg_balance * 100 as bigint)) * days) % 36500) * abs(cast(delta_pct * 1000000 as bigint)) + 36500) // 73000
    ) as decimal(18,0)
  ) * 0.00000001
);

-- average_e8(balance_days, days): balance_days / days. balance_days = Σ avg_balance × days in yuan
--   with 2 decimals (N = fen-days); N / days = q + rem / days; the fraction is carried to
--   10^-8 yuan = 10^-6 fen. Holds for averages below 9 × 10^10 yuan.
create or replace macro average_e8(balance_days, days) as (
  cast(sign(cast(cast(balance_days as decimal(18,2)) * 100 as bigint)) as decimal(18,0)) * (
    cast(abs(cast(cast(balance_days as decimal(18,2)) * 100 as bigint)) // days as decimal(18,0)) * 0.01
    + cast((2 * (abs(cast(cast(balance_days as decimal(18,2)) * 100 as bigint)) % days) * 1000000 + days) // (2 * days) as decimal(18,0)) * 0.00000001
  )
);

-- expected_loss_e8(avg_balance, pd, lgd, days): avg_balance × pd × lgd × days / 365. avg_balance
--   DECIMAL(18,2) (A = fen), pd and lgd with at most 6 decimals: Q = pd·10^6 × lgd·10^6 × days, and
--   in units of 10^-8 yuan the loss is A·Q / D with D = 365·10^6. With Q = u·D + v and
--   |A| = s·D + t (v, t < D):
--     A·Q / D = |A|·u + s·v + t·v / D   — only the last term has a fraction, and t·v < D² < 2^63.
--   Holds for loans below 10^12 yuan.
create or replace macro expected_loss_e8(avg_balance, pd, lgd, days) as (
  cast(
    sign(cast(avg_balance * 100 as bigint)) * (
      abs(cast(avg_balance * 100 as bigint))
        * ((cast(pd * 1000000 as bigint) * cast(lgd * 1000000 as bigint) * days) // 365000000)
      + (abs(cast(avg_balance * 100 as bigint)) // 365000000)
        * ((cast(pd * 1000000 as bigint) * cast(lgd * 1000000 as bigint) * days) % 365000000)
      + (2 * (abs(cast(avg_balance * 100 as bigint)) % 365000000)
          * ((cast(pd * 1000000 as bigint) * cast(lgd * 1000000 as bigint) * days) % 365000000)
          + 365000000) // 730000000
    ) as decimal(18,0)
  ) * 0.00000001
);
