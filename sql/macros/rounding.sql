-- The one rounding rule of the marts, named once.
--
-- Marts write money rounded to the fen and shared counts (units sold, turned-NPL loans, which are
-- split by share and so can be fractional) at six decimals; a subject with no business in a period
-- shows 0, not null. DuckDB's round() on DECIMAL rounds half away from zero, as DOMAIN.md asks.
--   round_fen(x)  : round(x, 2) as DECIMAL(18,2), half away from zero; null stays null
--   mart_fen(x)   : round_fen(x), null → 0
--   mart_units(x) : x as DECIMAL(18,6), null → 0
-- round_fen rounds in 64-bit arithmetic where the value allows, with the same result: a value of 3
-- to 8 decimal places below 10^9 fits DECIMAL(18,8) exactly (the cast only adds zeros), so rounding
-- it there gives the very same fen without a 128-bit division. Everything else keeps the 128-bit
-- path: more places (the spreads' 14; narrowing them would round twice), larger values, and 2
-- places or fewer (nothing to divide). typeof() is constant for a column: DuckDB settles that test
-- when it plans the query, not per row.
create or replace macro round_fen(x) as (
  case
    when regexp_full_match(typeof(x), 'DECIMAL\(\d+,[3-8]\)') and abs(x) < 1000000000
      then cast(round(cast(x as decimal(18,8)), 2) as decimal(18,2))
    else cast(round(x, 2) as decimal(18,2))
  end
);

create or replace macro mart_fen(x) as round_fen(coalesce(x, 0));
create or replace macro mart_units(x) as cast(coalesce(x, 0) as decimal(18,6));
