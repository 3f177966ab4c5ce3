-- Migration 010: the build log. One row per `jixiao build` (build_log) and one per model it
-- materialised (build_models): which model, how many rows, how long. A failed build rolls its
-- models back and is recorded with status 'failed' and the reason.
create table build_log (
  build_id    integer not null primary key,
  started_at  timestamp not null,
  finished_at timestamp,
  status      varchar not null,   -- built | failed
  models      integer not null default 0,
  checks      integer not null default 0,
  message     varchar,
);

create table build_models (
  build_id integer not null,
  model    varchar not null,      -- file name without .sql, also the view/table name
  layer    varchar not null,      -- staging | intermediate | marts | check | input
  path     varchar not null,      -- relative to sql/ (or to warehouse/build-inputs for inputs)
  kind     varchar not null,      -- view | table | check | input
  rows     bigint,
  ms       integer not null,
);

create sequence build_id_seq start 1;
