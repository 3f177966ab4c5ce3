-- Migration 011: exact decimal division for the models.
--
-- DuckDB turns DECIMAL / DECIMAL into DOUBLE. Money must never pass through binary floating
-- point, so the models divide with these macros instead: both operands are scaled to integers
-- (HUGEINT, 12 decimals), divided with integer arithmetic and rounded half away from zero.
-- Operands must fit DECIMAL(38,12), i.e. |x| < 10^26; the quotient is exact to the rounding.
--
--   div_units(num, den, places) : round(num / den, places) as a HUGEINT count of 10^-places
--   div_fen(num, den)           : round(num / den, 2)  as DECIMAL(18,2) — money in marts
--   div_ratio(num, den)         : round(num / den, 6)  as DECIMAL(18,6) — ratios in marts
--   div_full(num, den)          : round(num / den, 12) as DECIMAL(38,12) — full precision inside
-- A zero or null denominator gives null.
create macro div_units(num, den, places) as (
  case when num is null or den is null or den = 0 then null else
    sign(num) * sign(den) * divide(
      2 * abs(cast(cast(num as decimal(38,12)) * 1000000000000::hugeint as hugeint)) * cast(pow(10, places) as hugeint)
        + abs(cast(cast(den as decimal(38,12)) * 1000000000000::hugeint as hugeint)),
      2 * abs(cast(cast(den as decimal(38,12)) * 1000000000000::hugeint as hugeint)))
  end
);

create macro div_fen(num, den) as cast(div_units(num, den, 2) * 0.01 as decimal(18,2));
create macro div_ratio(num, den) as cast(div_units(num, den, 6) * 0.000001 as decimal(18,6));
create macro div_full(num, den) as cast(div_units(num, den, 12) * 0.000000000001 as decimal(38,12));
