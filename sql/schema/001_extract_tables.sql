-- Migration 001: one table per file of the extract contract (../shared/EXTRACTS.md, version 1),
-- plus the load log and the rejects.
--
-- Column names are the contract's; types are explicit: money DECIMAL(18,2), annual rates in
-- percent DECIMAL(9,6) (3.45 = 3.45%), shares DECIMAL(9,6), ids VARCHAR (leading zeros kept).
-- Every ledger row carries the load_id that last wrote it (lineage back to load_log).
--
-- Keys (enforced by the ingest's replace rules rather than PRIMARY KEY constraints, which slow
-- bulk loads and make delete-then-insert within one transaction fragile in DuckDB):
--   raw_orgs(org_id), raw_managers(manager_id), raw_clients(client_id), raw_products(product_id),
--   raw_assignments(client_id, manager_id, valid_from), raw_ftp_curve(effective_date, term_months),
--   raw_targets(year, period, subject_type, subject_id, metric),
--   raw_deposits(as_of_date, account_id), raw_loans(as_of_date, loan_id),
--   raw_fees(txn_id), raw_sales(sale_id), raw_visits(visit_id),
--   raw_adjustments(year, period, manager_id, item, line_no) — a delivery's adjustments file replaces
--   all entries of the (year, period) pairs it contains.

create table raw_orgs (
  org_id      varchar not null,
  parent_id   varchar,
  org_name    varchar not null,
  level       varchar not null,   -- head_office | tier1_branch | tier2_branch | sub_branch | outlet
  load_id     integer not null,
);

create table raw_managers (
  manager_id   varchar not null,
  manager_name varchar not null,
  org_id       varchar not null,
  line         varchar not null,  -- corporate | retail
  grade        varchar,
  hire_date    date,
  leave_date   date,
  load_id      integer not null,
);

create table raw_clients (
  client_id   varchar not null,
  client_name varchar not null,
  client_type varchar not null,   -- corporate | individual
  industry    varchar,
  group_id    varchar,
  open_date   date,
  org_id      varchar,
  load_id     integer not null,
);

create table raw_assignments (
  client_id  varchar not null,
  manager_id varchar not null,
  share      decimal(9,6) not null, -- 0 < share <= 1; shares of one client on one day sum to 1
  valid_from date not null,
  valid_to   date,                  -- null: still valid; the interval includes both ends
  load_id    integer not null,
);

create table raw_products (
  product_id   varchar not null,
  product_name varchar not null,
  category     varchar not null,  -- deposit | loan | fee | wealth | fund | insurance | debit_card | credit_card | ebank | agreement | other
  term_months  integer,
  load_id      integer not null,
);

create table raw_ftp_curve (
  effective_date date not null,
  term_months    integer not null,
  rate           decimal(9,6) not null, -- annual, percent
  load_id        integer not null,
);

create table raw_targets (
  year         integer not null,
  period       varchar not null,   -- Y | H1 | H2 | Q1..Q4
  subject_type varchar not null,   -- manager | org
  subject_id   varchar not null,
  metric       varchar not null,   -- a metric name of DOMAIN.md
  -- Targets hold money, counts and ratios alike, so six decimals: DECIMAL(24,6) keeps yuan to the fen
  -- and ratios (npl_ratio 0.015) exactly.
  base_value   decimal(24,6),
  target_value decimal(24,6) not null,
  load_id      integer not null,
);

create table raw_deposits (
  as_of_date  date not null,       -- month-end snapshot date
  account_id  varchar not null,
  client_id   varchar not null,
  product_id  varchar not null,
  currency    varchar not null default 'CNY',
  balance     decimal(18,2) not null,
  avg_balance decimal(18,2) not null, -- average daily balance of the month (月日均)
  rate        decimal(9,6) not null,
  org_id      varchar,
  load_id     integer not null,
);

create table raw_loans (
  as_of_date             date not null,
  loan_id                varchar not null,
  client_id              varchar not null,
  product_id             varchar not null,
  currency               varchar not null default 'CNY',
  origination_date       date,
  maturity_date          date,
  principal              decimal(18,2),
  balance                decimal(18,2) not null,
  avg_balance            decimal(18,2) not null,
  rate                   decimal(9,6) not null,
  five_class             varchar not null, -- normal | special_mention | substandard | doubtful | loss
  overdue_days           integer,
  originating_manager_id varchar,
  org_id                 varchar,
  load_id                integer not null,
);

create table raw_fees (
  txn_date   date not null,
  txn_id     varchar not null,
  client_id  varchar not null,
  product_id varchar not null,
  amount     decimal(18,2) not null,
  manager_id varchar,
  org_id     varchar,
  load_id    integer not null,
);

create table raw_sales (
  sale_date  date not null,
  sale_id    varchar not null,
  client_id  varchar not null,
  product_id varchar not null,
  manager_id varchar,
  amount     decimal(18,2),
  units      integer not null default 1,
  channel    varchar,
  load_id    integer not null,
);

create table raw_visits (
  visit_date date not null,
  visit_id   varchar not null,
  manager_id varchar not null,
  client_id  varchar,               -- null for a prospect
  purpose    varchar not null,      -- development | maintenance | collection | other
  outcome    varchar,
  load_id    integer not null,
);

create table raw_adjustments (
  year       integer not null,
  period     varchar not null,
  manager_id varchar not null,
  item       varchar not null,
  points     decimal(9,2) not null, -- positive bonus, negative deduction
  note       varchar,
  entered_by varchar,
  line_no    integer not null,      -- line in the delivered file, to keep repeated items apart
  load_id    integer not null,
);

-- One row per delivery the ingest was asked to load, loaded or refused.
create table load_log (
  load_id       integer not null primary key,
  delivery      varchar not null,   -- folder path as given
  started_at    timestamp not null,
  finished_at   timestamp,
  status        varchar not null,   -- loaded | refused | unchanged
  files         integer not null default 0,
  rows_read     bigint not null default 0,
  rows_loaded   bigint not null default 0,
  rows_rejected bigint not null default 0,
  message       varchar,
);

-- One row per file of a delivery.
create table load_files (
  load_id       integer not null,
  file_name     varchar not null,
  kind          varchar not null,   -- deposits | loans | … (from the file name)
  format        varchar not null,   -- csv | parquet
  encoding      varchar,            -- utf8 | utf8-bom | gb18030 (csv only)
  bytes         bigint not null,
  sha256        varchar not null,
  rows_read     bigint not null,
  rows_loaded   bigint not null,
  rows_rejected bigint not null,
  extra_columns varchar[],          -- columns outside the contract, kept aside, not an error
);

-- Rows set aside: file, line (1 = header, so the first data row is line 2), column, value, reason.
create table load_rejects (
  load_id     integer not null,
  file_name   varchar not null,
  line        bigint not null,
  column_name varchar,
  value       varchar,
  reason      varchar not null,
);

create sequence load_id_seq start 1;
