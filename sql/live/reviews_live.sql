-- The review cycle's figures (issue 22), at request time, from the server's append-only file
-- `<db>.reviews.jsonl` (warehouse/reviews.ts; api/README.md "The server's own store"), read with
-- declared columns. Nothing here is built: the server queries these macros with the file bound.
--
--   review_log(file): every line of the file, typed (the audit trail of the cycle).
--   card_states(file): one row per card with a transition: its state (to_state of its last
--     transition line) and the roles of the chain that have signed; a card with none is open.
--   locked_cards(file): one row per card (manager × scoring period) that is locked now (its last
--     transition left it locked, or appealed: an appeal does not unfreeze it); keys manager_id,
--     period; the figures of the snapshot taken when it was locked: total_score, grade, paid_pay.
--   pay_payable(file): one row per locked card; keys manager_id, period. Pay is year-to-date, so
--     what is payable for a quarter is its card's pay less what the year's earlier locked cards
--     already paid:
--       paid_before = paid_pay of the latest earlier locked card of the same manager and year
--                     (= Σ payable of those cards: their payables telescope), 0 when none;
--       payable     = paid_pay − paid_before.
--     The year-end card (2026-12-ytd) settles the year: Σ payable of a year's locked cards =
--     paid_pay of its latest one (tests/scorecards/review-pay.test.ts, by hand).
--   pool_allocations(file): per org × scoring period × recipient, the allocation in force (the
--     last pool line; amount 0 withdraws it); keys org_id, period, manager_id.
--   pool_received(file): per manager × scoring period, Σ of the allocations in force to them from
--     any org's pool (what the card and the payroll show beside the pay).
--   pool_balance_of(allocations): per org × scoring period of mart_pay_pool_org: pool_total (the
--     org's subtree's pool contributions), allocated = Σ amount of the allocations (a table of
--     org_id, period, manager_id, amount), remaining = pool_total − allocated;
--   pool_balance(file): pool_balance_of the allocations in force. The server checks a request's
--     allocations with pool_balance_of (those in force, the request's replacing the recipients'):
--     a negative remaining is refused.
create or replace macro review_log(reviews_file) as table
select * from read_json(reviews_file, format = 'newline_delimited', columns = {
  seq: 'BIGINT',
  "at": 'VARCHAR',
  by_user: 'VARCHAR',
  by_name: 'VARCHAR',
  by_role: 'VARCHAR',
  kind: 'VARCHAR',
  manager_id: 'VARCHAR',
  period: 'VARCHAR',
  org_id: 'VARCHAR',
  action: 'VARCHAR',
  from_state: 'VARCHAR',
  to_state: 'VARCHAR',
  signed: 'INTEGER',
  summary: 'VARCHAR',
  plans: 'VARCHAR',
  comment: 'VARCHAR',
  reason: 'VARCHAR',
  snapshot: 'JSON',
  amount: 'DECIMAL(18,2)',
  talk_date: 'VARCHAR',
  participants: 'VARCHAR',
  notes: 'VARCHAR',
  agreed_actions: 'VARCHAR',
  batch: 'VARCHAR'
});

create or replace macro card_states(reviews_file) as table
select manager_id, period, to_state as state, signed, "at" as since,
from review_log(reviews_file)
where kind = 'transition'
qualify row_number() over (partition by manager_id, period order by seq desc) = 1;

create or replace macro locked_cards(reviews_file) as table
with transitions as (
  select seq, "at", manager_id, period, to_state, snapshot, from review_log(reviews_file) where kind = 'transition'
),

last_state as (
  select manager_id, period, to_state,
  from transitions
  qualify row_number() over (partition by manager_id, period order by seq desc) = 1
),

last_lock as (
  select manager_id, period, seq, "at" as locked_at, snapshot,
  from transitions
  where snapshot is not null
  qualify row_number() over (partition by manager_id, period order by seq desc) = 1
)

select
  last_lock.manager_id,
  last_lock.period,
  cast(left(last_lock.period, 4) as integer) as year,
  cast(substr(last_lock.period, 6, 2) as integer) as end_month,
  last_lock.locked_at,
  last_state.to_state as state,
  cast(last_lock.snapshot -> '$.card' ->> 'total_score' as decimal(9,2)) as total_score,
  last_lock.snapshot -> '$.card' ->> 'grade' as grade,
  cast(last_lock.snapshot -> '$.pay' ->> 'paid_pay' as decimal(18,2)) as paid_pay,
from last_lock
join last_state on last_state.manager_id = last_lock.manager_id and last_state.period = last_lock.period
where last_state.to_state in ('locked', 'appealed');

create or replace macro pay_payable(reviews_file) as table
with locked as (
  select manager_id, period, year, end_month, locked_at, total_score, grade, paid_pay, from locked_cards(reviews_file)
),

before as (
  select
    *,
    coalesce(lag(paid_pay) over (partition by manager_id, year order by end_month), 0) as paid_before,
  from locked
)

select
  manager_id, period, year, end_month, locked_at, total_score, grade, paid_pay,
  cast(paid_before as decimal(18,2)) as paid_before,
  cast(paid_pay - paid_before as decimal(18,2)) as payable,
  end_month = 12 as settles_year,
from before;

create or replace macro pool_allocations(reviews_file) as table
select org_id, period, manager_id, amount, reason, by_name, "at",
from review_log(reviews_file)
where kind = 'pool'
qualify row_number() over (partition by org_id, period, manager_id order by seq desc) = 1 and amount <> 0;

create or replace macro pool_received(reviews_file) as table
select manager_id, period, cast(sum(amount) as decimal(18,2)) as pool_received,
from pool_allocations(reviews_file)
group by manager_id, period;

create or replace macro pool_balance_of(allocations) as table
with allocated as (
  select org_id, period, sum(amount) as allocated, count(*) as recipients, from query_table(allocations) group by org_id, period
)

select
  pool.org_id,
  pool.period,
  pool.pool_total,
  cast(coalesce(allocated.allocated, 0) as decimal(18,2)) as allocated,
  coalesce(allocated.recipients, 0) as recipients,
  cast(pool.pool_total - coalesce(allocated.allocated, 0) as decimal(18,2)) as remaining,
from mart_pay_pool_org as pool
left join allocated on allocated.org_id = pool.org_id and allocated.period = pool.period;

create or replace macro pool_balance(reviews_file) as table
with allocations as (
  select org_id, period, manager_id, amount, from pool_allocations(reviews_file)
)

select * from pool_balance_of('allocations');
