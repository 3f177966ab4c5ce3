-- Migration 017: div_ratio (migration 011) without 128-bit division where the operands allow, same
-- result.
--
-- div_ratio divides in HUGEINT, and DuckDB divides HUGEINTs bit by bit: ~5 µs a ratio here, and the
-- marts take millions (npl_ratio, the process shares, achievements, per-manager averages). For
-- operands of at most 8 decimal places below 10^9 (counts, balances, amounts — narrowed to
-- DECIMAL(18,8) exactly), a DOUBLE division only proposes a candidate c, rounded to 6 places; c is
-- kept only when exact DECIMAL products prove it right (no division, no float in the proof): with
-- e = num − c × den and h = den × 0.0000005, c is the ratio rounded half away from zero exactly
-- when |e| < |h|, or |e| = |h| (a tie) and c lies farther from zero than num / den. A candidate
-- that fails the proof (the DOUBLE estimate fell on the wrong side of a tie or a rounding edge) and
-- every other operand take the 128-bit path, so the result is always the exact one. typeof() is
-- constant for a column: DuckDB settles the type test when it plans the query.
--   div_ratio(num, den) : round(num / den, 6) as DECIMAL(18,6), half away from zero; null when
--                         either is null or den = 0 (unchanged)

-- ratio_proven(n, d, c): c is round(n / d, 6) half away from zero (d ≠ 0, |n| and |d| below 10^9
-- with at most 8 places, c DECIMAL(18,6) or null). Exact: the products are DECIMAL(38,14) and
-- DECIMAL(38,15), and e, within |d| of 0 for any candidate near n / d, fits DECIMAL(38,15).
create macro ratio_error(n, d, c) as
  cast(cast(n as decimal(38,8)) - cast(c as decimal(38,6)) * cast(d as decimal(38,8)) as decimal(38,15));
create macro ratio_half_unit(d) as cast(d as decimal(38,8)) * cast(0.0000005 as decimal(7,7));
create macro ratio_proven(n, d, c) as (
  c is not null and (
    abs(ratio_error(n, d, c)) < abs(ratio_half_unit(d))
    or (abs(ratio_error(n, d, c)) = abs(ratio_half_unit(d)) and sign(c) = -sign(ratio_error(n, d, c)) * sign(d))
  )
);

-- ratio_candidate(num, den): the proposal — num / den in DOUBLE, rounded to 6 places, as DECIMAL(18,6)
-- (null beyond its range). Never kept unless ratio_proven says it is the exact rounding.
create macro ratio_candidate(num, den) as
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
