// Reads of the quarterly review cycle (issue 22): a scheme's approval chain, the cards of a period
// in the caller's scope with their state (the review queue), counts by state per branch, the
// payable pay of locked cards (the payroll export) and the public pool's balance and allocations.
// The figures come from the macros of sql/live/reviews_live.sql over `<db>.reviews.jsonl`, which
// changes while the results file does not, so every query here runs fresh.
import { listValue } from '@duckdb/node-api';
import type { Role } from '../../contract/api.ts';
import type { Reader } from './reader.ts';
import { managerInScope, scopeOrgsCte, scopeParams, type Scope } from './scope.ts';

const fresh = { fresh: true };

export interface ReviewRules {
  chain: Role[];
  appeal_days: number;
}

/** The scheme's approval chain and appeal window. */
export async function reviewRules(reader: Reader, schemeId: string): Promise<ReviewRules> {
  const rows = await reader.query<{ review_chain: string; appeal_days: number }>(
    `select review_chain, appeal_days from cfg_schemes where scheme_id = $scheme`,
    { scheme: schemeId },
  );
  const r = rows[0];
  if (!r) throw new Error(`scheme ${schemeId} is not in cfg_schemes`);
  return { chain: r.review_chain.split(',') as Role[], appeal_days: Number(r.appeal_days) };
}

export interface QueueCard {
  manager_id: string;
  manager_name: string;
  org_id: string;
  org_name: string;
  period: string;
  scheme_id: string;
  review_chain: string;
  state: string;
  signed: number;
  since: string | null;
}

/** The cards of a scoring period in the caller's scope (`orgId`: only that node's subtree), with their state. */
export async function periodCards(reader: Reader, file: string, scope: Scope, period: string, orgId: string | null = null): Promise<QueueCard[]> {
  const rows = await reader.query<QueueCard>(
    `with ${scopeOrgsCte}
     select s.manager_id, s.manager_name, s.org_id, o.org_name, s.period, s.scheme_id, c.review_chain,
       coalesce(st.state, 'open') as state, coalesce(st.signed, 0) as signed, st.since
     from mart_scorecards s
     join cfg_schemes c on c.scheme_id = s.scheme_id
     join stg_extract__orgs o on o.org_id = s.org_id
     left join card_states($f) st on st.manager_id = s.manager_id and st.period = s.period
     where s.period = $period and ${managerInScope('s')}
       and ($org::varchar is null or s.org_id in (select org_id from mart_org_ancestors where ancestor_id = $org::varchar))
     order by s.org_id, s.manager_id`,
    { ...scopeParams(scope), f: file, period, org: orgId },
    fresh,
  );
  return rows.map((r) => ({ ...r, signed: Number(r.signed) }));
}

/**
 * Counts of the period's cards by state under each child of the caller's scope root (each branch
 * for head office), in the caller's scope.
 */
export async function stateCounts(reader: Reader, file: string, scope: Scope, period: string) {
  return reader.query<{ org_id: string; org_name: string; state: string; cards: string }>(
    `with ${scopeOrgsCte},
     root as (
       select org_id from stg_extract__orgs where $scope_org::varchar is null and parent_id is null
       union all select $scope_org::varchar where $scope_org::varchar is not null
     ),
     branches as (
       select o.org_id, o.org_name from stg_extract__orgs o where o.parent_id in (select org_id from root)
     ),
     cards as (
       select s.manager_id, s.org_id, coalesce(st.state, 'open') as state
       from mart_scorecards s
       left join card_states($f) st on st.manager_id = s.manager_id and st.period = s.period
       where s.period = $period and ${managerInScope('s')}
     )
     select b.org_id, b.org_name, c.state, count(*)::varchar as cards
     from cards c
     join mart_org_ancestors a on a.org_id = c.org_id
     join branches b on b.org_id = a.ancestor_id
     group by b.org_id, b.org_name, c.state
     order by b.org_id, c.state`,
    { ...scopeParams(scope), f: file, period },
    fresh,
  );
}

/** A locked card's payable pay (pay_payable), or undefined when the card is not locked. */
export async function cardPayable(reader: Reader, file: string, managerId: string, period: string) {
  const rows = await reader.query<{ paid_pay: string; paid_before: string; payable: string; settles_year: boolean }>(
    `select paid_pay::varchar as paid_pay, paid_before::varchar as paid_before, payable::varchar as payable, settles_year
     from pay_payable($f) where manager_id = $id and period = $period`,
    { f: file, id: managerId, period },
    fresh,
  );
  return rows[0];
}

export const payrollColumns = ['manager_id', 'manager_name', 'org_id', 'org_name', 'period', 'locked_at', 'total_score', 'grade', 'paid_pay', 'paid_before', 'payable', 'pool_allocated', 'payable_total'] as const;

/**
 * The payroll of a node's subtree for a scoring period: its locked cards only, each with the pay
 * as locked, what the year's earlier locked cards paid, the payable, the public pool allocated to
 * the manager (from any org's pool, for the period) and payable_total = payable + pool_allocated.
 */
export async function payroll(reader: Reader, file: string, scope: Scope, orgId: string, period: string) {
  return reader.query(
    `with ${scopeOrgsCte}
     select y.manager_id, s.manager_name, s.org_id, o.org_name, y.period, y.locked_at,
       y.total_score::varchar as total_score, y.grade, y.paid_pay::varchar as paid_pay, y.paid_before::varchar as paid_before,
       y.payable::varchar as payable, cast(coalesce(pool.pool_received, 0) as decimal(18,2))::varchar as pool_allocated,
       cast(y.payable + coalesce(pool.pool_received, 0) as decimal(18,2))::varchar as payable_total
     from pay_payable($f) y
     join mart_scorecards s on s.manager_id = y.manager_id and s.period = y.period
     join stg_extract__orgs o on o.org_id = s.org_id
     join mart_org_ancestors sub on sub.org_id = s.org_id and sub.ancestor_id = $org_id::varchar
     left join pool_received($f) pool on pool.manager_id = y.manager_id and pool.period = y.period
     where y.period = $period and ${managerInScope('s')}
     order by s.org_id, y.manager_id`,
    { ...scopeParams(scope), f: file, org_id: orgId, period },
    fresh,
  );
}

export interface PoolBalance {
  pool_total: string;
  allocated: string;
  allocated_below: string;
  remaining: string;
  limited_by: string;
  recipients: string;
}
const balanceColumns = `pool_total::varchar as pool_total, allocated::varchar as allocated, allocated_below::varchar as allocated_below,
  remaining::varchar as remaining, limited_by, recipients::varchar as recipients`;

/**
 * The org's pool for the period (pool_balance): total, allocated from it, allocated from the pools
 * under it, remaining (bounded by its ancestors' pools) and which org bounds it; undefined when the
 * org has none.
 */
export async function poolBalance(reader: Reader, file: string, orgId: string, period: string) {
  const rows = await reader.query<PoolBalance>(
    `select ${balanceColumns} from pool_balance($f) where org_id = $org and period = $period`,
    { f: file, org: orgId, period },
    fresh,
  );
  return rows[0];
}

/** The allocations in force of the org's pool for the period, by recipient. */
export async function poolAllocations(reader: Reader, file: string, orgId: string, period: string) {
  return reader.query<{ manager_id: string; manager_name: string | null; amount: string; reason: string; by_name: string; at: string }>(
    `select a.manager_id, m.manager_name, a.amount::varchar as amount, a.reason, a.by_name, a."at"
     from pool_allocations($f) a left join stg_extract__managers m on m.manager_id = a.manager_id
     where a.org_id = $org and a.period = $period order by a.manager_id`,
    { f: file, org: orgId, period },
    fresh,
  );
}

/**
 * The org's pool as it would be with these allocations in force, each replacing the recipient's
 * current one (pool_balance_of over the changed allocations). A negative remaining: the pool of
 * the org or of an ancestor (limited_by) would be over-allocated.
 */
export async function poolBalanceWith(reader: Reader, file: string, orgId: string, period: string, changes: { manager_id: string; amount: string }[]) {
  const rows = await reader.query<PoolBalance>(
    `with changed as (
       select unnest($ids::varchar[]) as manager_id, cast(unnest($amounts::varchar[]) as decimal(18,2)) as amount
     ),
     allocations as (
       select org_id, period, manager_id, amount from pool_allocations($f)
       where not (org_id = $org and period = $period and manager_id in (select manager_id from changed))
       union all
       select $org::varchar, $period::varchar, manager_id, amount from changed
     )
     select ${balanceColumns} from pool_balance_of('allocations') where org_id = $org and period = $period`,
    { f: file, org: orgId, period, ids: listValue(changes.map((c) => c.manager_id)), amounts: listValue(changes.map((c) => c.amount)) },
    fresh,
  );
  return rows[0];
}

/** What the manager received from the public pools for the period (pool_received), and from which org, by whom, why. */
export async function cardPoolAllocations(reader: Reader, file: string, managerId: string, period: string) {
  return reader.query<{ org_id: string; org_name: string; amount: string; reason: string; by_name: string; at: string }>(
    `select a.org_id, o.org_name, a.amount::varchar as amount, a.reason, a.by_name, a."at"
     from pool_allocations($f) a join stg_extract__orgs o on o.org_id = a.org_id
     where a.manager_id = $id and a.period = $period order by a.org_id`,
    { f: file, id: managerId, period },
    fresh,
  );
}

/** The payable a lock of the card fixes now: what the year's locks so far paid (lock_paid_before) and paid_pay less that. */
export async function lockPayable(reader: Reader, file: string, managerId: string, period: string, paidPay: string) {
  const rows = await reader.query<{ paid_before: string; payable: string }>(
    `select paid_before::varchar as paid_before, cast($paid_pay::decimal(18,2) - paid_before as decimal(18,2))::varchar as payable
     from lock_paid_before($f, $id, $period)`,
    { f: file, id: managerId, period, paid_pay: paidPay },
    fresh,
  );
  return rows[0]!;
}
