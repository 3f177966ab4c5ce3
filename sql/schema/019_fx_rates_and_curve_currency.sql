-- Migration 019: extract contract version 2's foreign-currency files (../shared/EXTRACTS.md,
-- "FTP curve and exchange rates").
--   raw_ftp_curve.currency: the curve a point belongs to (default CNY); a point is in force for its
--     term and currency until a later point of the same term and currency.
--     Key now: raw_ftp_curve(currency, effective_date, term_months).
--   raw_fx_rates: yuan for one unit of a currency at a month-end. Key: (as_of_date, currency).
--     cny_per_unit DECIMAL(24,6) like the targets' values (7.301234 for USD; six places).
alter table raw_ftp_curve add column currency varchar default 'CNY';

create table raw_fx_rates (
  as_of_date   date not null,      -- a month-end
  currency     varchar not null,
  cny_per_unit decimal(24,6) not null,
  load_id      integer not null,
);
