-- A holder's part of a client figure, exact, named once.
--
-- held_share(share, x) = share × x at 14 places (a share has 6, the figures 8), as DECIMAL(38,14).
-- A client held whole (share 1, most of them) takes x as it is: the same value without the 128-bit
-- product.
create or replace macro held_share(share, x) as
  case when share = 1 then cast(x as decimal(38,14)) else share * cast(x as decimal(38,8)) end;
