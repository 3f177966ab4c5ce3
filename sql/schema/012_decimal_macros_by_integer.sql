-- Migration 012: cheaper exact division when the divisor is a positive integer (days in a period,
-- 365, 36500) — the common case in the models. Same rounding as migration 011 (half away from
-- zero), fewer 128-bit operations per call. n must be a positive integer; num at most 12 decimals.
--   div_full_n(num, n) : round(num / n, 12) as DECIMAL(38,12)
--   div_fen_n(num, n)  : round(num / n, 2)  as DECIMAL(18,2)
create macro div_full_n(num, n) as (
  sign(num) * divide(
    2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) + cast(n as hugeint),
    2 * cast(n as hugeint)) * 0.000000000001
);

create macro div_fen_n(num, n) as cast(
  sign(num) * divide(
    2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) + cast(n as hugeint) * 10000000000::hugeint,
    2 * cast(n as hugeint) * 10000000000::hugeint) * 0.01
  as decimal(18,2));

-- div_e8_n(num, n) : round(num / n, 8) as DECIMAL(18,8) — per-row and per-client money at 10^-8 yuan.
-- DECIMAL(18,8) is a 64-bit integer inside: summing and rounding it is ~30× cheaper than the 128-bit
-- DECIMAL(38,x) (measured), and it holds up to ±9,999,999,999.99999999 yuan — a value beyond that
-- fails the build loudly (conversion error), never silently.
create macro div_e8_n(num, n) as cast(
  sign(num) * divide(
    2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) + cast(n as hugeint) * 10000::hugeint,
    2 * cast(n as hugeint) * 10000::hugeint) * 0.00000001
  as decimal(18,8));
