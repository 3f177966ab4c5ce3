-- Migration 020: dated manager–org membership (../shared/EXTRACTS.md, managers.valid_from;
-- ../shared/DOMAIN.md, "Institutions").
--   raw_manager_memberships: every version of a manager's org, line and grade, with the span it
--     holds: valid_from (null: from the start, the manager's first row) to valid_to (null: still;
--     the interval includes both ends). The ingest keeps it (ingest/memberships.ts): a delivered
--     managers row whose org, line or grade differs from the manager's open span closes that span
--     the day before the new row's valid_from and opens a new one; an unchanged row changes nothing.
--     Key: (manager_id, valid_from). raw_managers keeps the current row (name, hire and leave dates).
--   Warehouses loaded before this migration: each manager's current row becomes its only span.
create table raw_manager_memberships (
  manager_id varchar not null,
  org_id     varchar not null,
  line       varchar not null,
  grade      varchar,
  valid_from date,
  valid_to   date,
  load_id    integer not null,
);

insert into raw_manager_memberships
select manager_id, org_id, line, grade, null, null, load_id from raw_managers;
