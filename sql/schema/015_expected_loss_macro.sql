-- Migration 015: a loan row's expected loss in exact 64-bit integer arithmetic.
--
-- expected_loss_e8(avg_balance, pd, lgd, days): avg_balance × pd × lgd × days / 365, rounded half
--   away from zero once, to 10^-8 yuan, as DECIMAL(18,8). avg_balance DECIMAL(18,2) (A = fen), pd and
--   lgd with at most 6 decimals: Q = pd·10^6 × lgd·10^6 × days, and in units of 10^-8 yuan the loss
--   is A·Q / D with D = 365·10^6. With Q = u·D + v and |A| = s·D + t (v, t < D):
--     A·Q / D = |A|·u + s·v + t·v / D   — only the last term has a fraction, and t·v < D² < 2^63,
--   so every step stays within BIGINT (overflow is an error in DuckDB, never a silent wrap). Holds
--   for loans below 10^12 yuan. The earlier form divided 128-bit decimals (≈ 15–30 µs a row here,
--   DuckDB divides HUGEINT bit by bit) and rounded twice (to 10^-12, then to 10^-8).
create macro expected_loss_e8(avg_balance, pd, lgd, days) as (
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
