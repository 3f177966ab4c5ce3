-- Migration 014: the one rounding rule of the marts, named once.
--
-- Marts write money rounded to the fen and shared counts (units sold, turned-NPL loans, which are
-- split by share and so can be fractional) at six decimals; a subject with no business in a period
-- shows 0, not null. DuckDB's round() on DECIMAL rounds half away from zero, as DOMAIN.md asks.
--   mart_fen(x)   : round(x, 2) as DECIMAL(18,2), null → 0
--   mart_units(x) : x as DECIMAL(18,6), null → 0
create macro mart_fen(x) as cast(round(coalesce(x, 0), 2) as decimal(18,2));
create macro mart_units(x) as cast(coalesce(x, 0) as decimal(18,6));
