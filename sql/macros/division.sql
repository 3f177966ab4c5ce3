-- Exact decimal division. DuckDB turns DECIMAL / DECIMAL into DOUBLE, and money must never pass
-- through binary floating point, so the models divide with these macros: the result is the exact
-- quotient rounded half away from zero. A zero or null denominator gives null.
--
--   div_units(num, den, places) : round(num / den, places) as a HUGEINT count of 10^-places
--                                 (both operands scaled to 12-decimal integers; |x| < 10^26)
--   div_fen(num, den)           : round(num / den, 2)  as DECIMAL(18,2) — money in marts
--   div_full(num, den)          : round(num / den, 12) as DECIMAL(38,12) — full precision inside
--   div_ratio(num, den)         : round(num / den, 6)  as DECIMAL(18,6) — ratios in marts
-- When the divisor is a positive integer (days in a period, 365, 36500), the cheaper forms with
-- fewer 128-bit operations (n a positive integer; num at most 12 decimals):
--   div_full_n(num, n) : round(num / n, 12) as DECIMAL(38,12)
--   div_fen_n(num, n)  : round(num / n, 2)  as DECIMAL(18,2)
--   div_e8_n(num, n)   : round(num / n, 8)  as DECIMAL(18,8) — per-row and per-client money at
--                        10^-8 yuan; a 64-bit integer inside, it holds ±9,999,999,999.99999999 yuan
--                        and a value beyond that fails the build loudly (conversion error).
create or replace macro div_units(num, den, places) as (
  case when num is null or den is null or den = 0 then null else
    sign(num) * sign(den) * divide(
      2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) * cast(pow(10, places) as hugeint)
        + abs(cast(cast(den as decimal(38,12)) * 1000000000000::hugeint as hugeint)),
      2 * abs(cast(cast(den as decimal(38,12)) * 1000000000000::hugeint as hugeint)))
  end
);

create or replace macro div_fen(num, den) as cast(div_units(num, den, 2) * 0.01 as decimal(18,2));
create or replace macro div_full(num, den) as cast(div_units(num, den, 12) * 0.000000000001 as decimal(38,12));

create or replace macro div_full_n(num, n) as (
  sign(num) * divide(
    2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) + cast(n as hugeint),
    2 * cast(n as hugeint)) * 0.000000000001
);

create or replace macro div_fen_n(num, n) as cast(
  sign(num) * divide(
    2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) + cast(n as hugeint) * 10000000000::hugeint,
    2 * cast(n as hugeint) * 10000000000::hugeint) * 0.01
  as decimal(18,2));

create or replace macro div_e8_n(num, n) as cast(
  sign(num) * divide(
    2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) + cast(n as hugeint) * 10000::hugeint,
    2 * cast(n as hugeint) * 10000::hugeint) * 0.00000001
  as decimal(18,8));

-- div_ratio avoids the HUGEINT division (DuckDB divides HUGEINTs bit by bit) where the operands
-- allow, with the same result: for operands of at most 8 decimal places below 10^9 (counts,
-- balances, amounts — narrowed to DECIMAL(18,8) exactly), a DOUBLE division only proposes a
-- candidate c, rounded to 6 places; c is kept only when exact DECIMAL products prove it right (no
-- division, no float in the proof): with e = num − c × den and h = den × 0.0000005, c is the ratio
-- rounded half away from zero exactly when |e| < |h|, or |e| = |h| (a tie) and c lies farther from
-- zero than num / den. A candidate that fails the proof and every other operand take the 128-bit
-- path (div_units), so the result is always the exact one. typeof() is constant for a column:
-- DuckDB settles the type test when it plans the query.
--
-- ratio_proven(n, d, c): c is round(n / d, 6) half away from zero (d ≠ 0, |n| and |d| below 10^9
-- with at most 8 places, c DECIMAL(18,6) or null). Exact: the products are DECIMAL(38,14) and
-- DECIMAL(38,15), and e, within |d| of 0 for any candidate near n / d, fits DECIMAL(38,15).
create or replace macro ratio_error(n, d, c) as
  cast(cast(n as decimal(38,8)) - cast(c as decimal(38,6)) * cast(d as decimal(38,8)) as decimal(38,15));
create or replace macro ratio_half_unit(d) as cast(d as decimal(38,8)) * cast(0.0000005 as decimal(7,7));
create or replace macro ratio_proven(n, d, c) as (
  c is not null and (
    abs(ratio_error(n, d, c)) < abs(ratio_half_unit(d))
    or (abs(ratio_error(n, d, c)) = abs(ratio_half_unit(d)) and sign(c) = -sign(ratio_error(n, d, c)) * sign(d))
  )
);

-- ratio_candidate(num, den): the proposal — num / den in DOUBLE, rounded to 6 places, as DECIMAL(18,6)
-- (null beyond its range). Never kept unless ratio_proven says it is the exact rounding.
create or replace macro ratio_candidate(num, den) as
  try_cast(round(cast(num as double) / cast(den as double), 6) as decimal(18,6));

create or replace macro div_ratio(num, den) as (
  case
    when num is null or den is null or den = 0 then null
    when regexp_full_match(typeof(num), 'DECIMAL\(\d+,[0-8]\)|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT')
      and regexp_full_match(typeof(den), 'DECIMAL\(\d+,[0-8]\)|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT')
      and abs(num) < 1000000000 and abs(den) < 1000000000
      and ratio_proven(cast(num as decimal(18,8)), cast(den as decimal(18,8)), ratio_candidate(num, den))
      then ratio_candidate(num, den)
    else cast(div_units(num, den, 6) * 0.000001 as decimal(18,6))
  end
);
