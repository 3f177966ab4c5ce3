-- The wide build's versions of the macros whose arithmetic is bounded by 64 bits or by scaling a
-- DECIMAL(38,12) up by 10^12 (migrations 011–015): same formula, same single rounding (half away
-- from zero), in 128-bit integers. Used only in the wide build (warehouse/wide.ts); every other
-- macro's wide version is its own text read with DECIMAL(38,x) for DECIMAL(18,x).
-- Bounds (HUGEINT < 1.7·10^38): money sums below 10^24 yuan (10^8 rows of the largest amount
-- DECIMAL(18,2) holds), divisors of a ratio below 8·10^19 yuan; beyond them DuckDB raises an
-- overflow error, never a wrong figure.
--
-- wide_e12(x): x as a count of 10^-12 (HUGEINT), |x| < 10^26 — the integer and the fraction scaled
--   apart, since DECIMAL(38,12) × 10^12 overflows from 10^14 on.
create or replace macro wide_e12(x) as (
  cast(trunc(cast(x as decimal(38,12))) as hugeint) * 1000000000000
  + cast((cast(x as decimal(38,12)) - trunc(cast(x as decimal(38,12)))) * 1000000000000 as hugeint)
);

-- wide_div_units(num, den, places): round(num / den, places) as a HUGEINT count of 10^-places. With
--   N, D the operands in 10^-12: N·10^p / D = q·10^p + r·10^p / D (q, r = N divided by D), and only
--   the last term has a fraction.
create or replace macro wide_div_units(num, den, places) as (
  case when num is null or den is null or den = 0 then null else
    sign(num) * sign(den) * (
      (abs(wide_e12(num)) // abs(wide_e12(den))) * cast(pow(10, places) as hugeint)
      + (2 * (abs(wide_e12(num)) % abs(wide_e12(den))) * cast(pow(10, places) as hugeint) + abs(wide_e12(den)))
        // (2 * abs(wide_e12(den)))
    )
  end
);

create or replace macro wide_div_full_n(num, n) as (
  sign(num) * ((2 * abs(wide_e12(num)) + cast(n as hugeint)) // (2 * cast(n as hugeint))) * 0.000000000001
);

create or replace macro wide_div_fen_n(num, n) as cast(
  sign(num) * ((2 * abs(wide_e12(num)) + cast(n as hugeint) * 10000000000::hugeint) // (2 * cast(n as hugeint) * 10000000000::hugeint)) * 0.01
  as decimal(38,2));

create or replace macro wide_div_e8_n(num, n) as cast(
  sign(num) * ((2 * abs(wide_e12(num)) + cast(n as hugeint) * 10000::hugeint) // (2 * cast(n as hugeint) * 10000::hugeint)) * 0.00000001
  as decimal(38,8));
--
-- wide_spread_e8(avg_balance, delta_pct, days): A = fen, R = millionths of a percent; in units of
--   10^-8 yuan the spread is A·R·days / 36500 (|A·R·days| < 10^18 · 10^11 · 31 fits HUGEINT).
create or replace macro wide_spread_e8(avg_balance, delta_pct, days) as (
  cast(
    sign(cast(cast(avg_balance as decimal(38,2)) * 100 as hugeint) * cast(cast(delta_pct as decimal(38,6)) * 1000000 as hugeint)) * (
      (2 * abs(cast(cast(avg_balance as decimal(38,2)) * 100 as hugeint) * cast(cast(delta_pct as decimal(38,6)) * 1000000 as hugeint) * days) + 36500)
      // 73000
    ) as decimal(38,0)
  ) * 0.00000001
);

-- wide_average_e8(balance_days, days): N = fen-days; N / days in units of 10^-8 yuan = N·10^6 / days.
create or replace macro wide_average_e8(balance_days, days) as (
  cast(
    sign(cast(cast(balance_days as decimal(38,2)) * 100 as hugeint)) * (
      (2 * abs(cast(cast(balance_days as decimal(38,2)) * 100 as hugeint)) * 1000000 + days) // (2 * days)
    ) as decimal(38,0)
  ) * 0.00000001
);

-- wide_expected_loss_e8(avg_balance, pd, lgd, days): A = fen, Q = pd·10^6 × lgd·10^6 × days; in units of
--   10^-8 yuan the loss is A·Q / (365·10^6) (|A·Q| < 10^18 · 10^12 · 31 fits HUGEINT).
create or replace macro wide_expected_loss_e8(avg_balance, pd, lgd, days) as (
  cast(
    sign(cast(cast(avg_balance as decimal(38,2)) * 100 as hugeint)) * (
      (2 * abs(cast(cast(avg_balance as decimal(38,2)) * 100 as hugeint))
          * cast(pd * 1000000 as hugeint) * cast(lgd * 1000000 as hugeint) * days
        + 365000000) // 730000000
    ) as decimal(38,0)
  ) * 0.00000001
);
