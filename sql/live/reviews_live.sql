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
--     what is payable for a quarter is its card's pay less what the year's earlier locks already
--     paid, fixed when the card locks (the locking line's snapshot keeps it: `payable`), so a
--     later lock, reopening or appeal never changes what an earlier lock made payable:
--       paid_before = lock_paid_before at the moment of the lock (below);
--       payable     = paid_pay − paid_before.
--     The year-end card (2026-12-ytd) settles the year: Σ payable of every lock of a year =
--     paid_pay of its year-end card (tests/scorecards/review-pay.test.ts, by hand).
--   lock_paid_before(file, manager, period): what the manager's locks so far already made payable
--     for the year up to that card: Σ payable frozen by every locking line of the manager and
--     year whose card ends no later than `period` — the earlier quarters' locks and this card's
--     own earlier locks (a card reopened by an appeal and locked again pays only the difference);
--     0 when none. The server takes it just before it writes a locking line.
--   pool_allocations(file): per org × scoring period × recipient, the allocation in force (the
--     last pool line; amount 0 withdraws it); keys org_id, period, manager_id.
--   pool_received(file): per manager × scoring period, Σ of the allocations in force to them from
--     any org's pool (what the card and the payroll show beside the pay).
--   pool_balance_of(allocations): per org × scoring period of mart_pay_pool_org. Nested pools:
--     an org's pool_total is its whole subtree's contributions, so a branch's pool contains its
--     sub-branches' pools. The money is spent once: every allocation made from an org's pool
--     draws on that pool and on the pool of every ancestor of the org (config/schemes/README.md,
--     "The public pool"). Columns:
--       allocated       = Σ amount allocated from the org's own pool (a table of org_id, period,
--                         manager_id, amount);
--       allocated_below = Σ amount allocated from the pools of the orgs under it;
--       headroom        = pool_total − allocated − allocated_below;
--       remaining       = the least headroom of the org and its ancestors (what the org may still
--                         allocate); limited_by = the org of that least headroom (itself first).
--   pool_balance(file): pool_balance_of the allocations in force. The server checks a request's
--     allocations with pool_balance_of (those in force, the request's replacing the recipients'):
--     a negative remaining (the org's or an ancestor's pool overdrawn) is refused.
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
  cast(last_lock.snapshot -> '$.payable' ->> 'paid_before' as decimal(18,2)) as paid_before,
  cast(last_lock.snapshot -> '$.payable' ->> 'payable' as decimal(18,2)) as payable,
from last_lock
join last_state on last_state.manager_id = last_lock.manager_id and last_state.period = last_lock.period
where last_state.to_state in ('locked', 'appealed');

create or replace macro pay_payable(reviews_file) as table
select
  manager_id, period, year, end_month, locked_at, total_score, grade, paid_pay, paid_before, payable,
  end_month = 12 as settles_year,
from locked_cards(reviews_file);

create or replace macro lock_paid_before(reviews_file, lock_manager_id, lock_period) as table
with locks as (
  select
    manager_id,
    cast(left(period, 4) as integer) as year,
    cast(substr(period, 6, 2) as integer) as end_month,
    cast(snapshot -> '$.payable' ->> 'payable' as decimal(18,2)) as payable,
  from review_log(reviews_file)
  where kind = 'transition' and snapshot is not null
)

select cast(coalesce(sum(payable), 0) as decimal(18,2)) as paid_before,
from locks
where manager_id = lock_manager_id
  and year = cast(left(lock_period, 4) as integer)
  and end_month <= cast(substr(lock_period, 6, 2) as integer);

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
with allocations as (
  select org_id, period, amount, from query_table(allocations)
),

own as (
  select org_id, period, sum(amount) as allocated, count(*) as recipients, from allocations group by org_id, period
),

within as (
  select ancestors.ancestor_id as org_id, allocations.period, sum(allocations.amount) as allocated_within,
  from allocations
  join mart_org_ancestors as ancestors on ancestors.org_id = allocations.org_id
  group by ancestors.ancestor_id, allocations.period
),

headroom as (
  select
    pool.org_id,
    pool.period,
    pool.pool_total,
    coalesce(own.allocated, 0) as allocated,
    coalesce(own.recipients, 0) as recipients,
    coalesce(within.allocated_within, 0) - coalesce(own.allocated, 0) as allocated_below,
    pool.pool_total - coalesce(within.allocated_within, 0) as headroom,
  from mart_pay_pool_org as pool
  left join own on own.org_id = pool.org_id and own.period = pool.period
  left join within on within.org_id = pool.org_id and within.period = pool.period
),

limited as (
  select
    headroom.org_id,
    headroom.period,
    min(up.headroom) as remaining,
    arg_min(up.org_id, struct_pack(h := up.headroom, d := ancestors.depth)) as limited_by,
  from headroom
  join mart_org_ancestors as ancestors on ancestors.org_id = headroom.org_id
  join headroom as up on up.org_id = ancestors.ancestor_id and up.period = headroom.period
  group by headroom.org_id, headroom.period
)

select
  headroom.org_id,
  headroom.period,
  headroom.pool_total,
  cast(headroom.allocated as decimal(18,2)) as allocated,
  headroom.recipients,
  cast(headroom.allocated_below as decimal(18,2)) as allocated_below,
  cast(headroom.headroom as decimal(18,2)) as headroom,
  cast(limited.remaining as decimal(18,2)) as remaining,
  limited.limited_by,
from headroom
join limited on limited.org_id = headroom.org_id and limited.period = headroom.period;

create or replace macro pool_balance(reviews_file) as table
with allocations as (
  select org_id, period, manager_id, amount, from pool_allocations(reviews_file)
)

select * from pool_balance_of('allocations');
