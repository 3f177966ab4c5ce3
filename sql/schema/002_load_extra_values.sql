-- Migration 002: columns outside the extract contract, kept aside rather than refused.
-- One row per non-empty value of an unknown column: which load, file and line it came from,
-- the column's name as delivered, and the text. load_files.extra_columns lists the names per file.
create table load_extra_values (
  load_id     integer not null,
  file_name   varchar not null,
  line        bigint not null,
  column_name varchar not null,
  value       varchar not null,
);

-- What a load was asked to do (file names and checksums, profile, encoding choice), hashed: a
-- delivery whose fingerprint equals the last applied load's is recorded as 'unchanged'.
alter table load_log add column fingerprint varchar;
