// The public pool (公共绩效池) with money in it, nested pools, the payable fixed at the lock and the
// payroll export (issue 22), on tests/api/pool-fixture.ts: the fixture bank with a one-indicator
// retail card (profit contribution against target, weight 100, cap 120 %) and a second quarter.
//
//   HQ ─┬─ B1 ─┬─ S11 (M1 retail, M2 corporate)
//       │      └─ S12 (M3 retail)
//       └─ B2 ─── S21 (M4 corporate)
//
// The pool of 2026-03-ytd, by hand (mart_pay; retail rates: target 0.03, increment 0.06, above
// 0.10; management score = total score × 10; earned = efficiency × management score / 1000;
// pool_share 0.05; each step rounded to the fen):
//   M1: A = 1,875.47 (profit contribution, tests/api/figures.test.ts), B = 1,000.00, T = 2,000.00
//       efficiency = min(A, B) × 0.03 + min(A − B, T − B) × 0.06 + 0
//                  = 30.00 + 875.47 × 0.06 (52.5282 → 52.53) = 82.53
//       score = 1,875.47 / 2,000.00 × 100 = 93.7735 → 93.77; management score 937.70
//       earned = 82.53 × 937.70 / 1000 = 77.388381 → 77.39; pool = 77.39 × 0.05 = 3.8695 → 3.87
//       paid_pay = 3 × 12,000.00 (grade A) + 77.39 − 3.87 = 36,073.52
//   M2: total score −0.18 → management score 0 → nothing earned, nothing to the pool
//   M3: A = 354.93, B = 100.00, T = 300.00
//       efficiency = 100.00 × 0.03 + 200.00 × 0.06 + 54.93 × 0.10 = 3.00 + 12.00 + 5.49 (5.493) = 20.49
//       score = 354.93 / 300.00 = 1.1831 (under the 1.2 cap) × 100 = 118.31; management score 1,183.10
//       earned = 20.49 × 1,183.10 / 1000 = 24.241719 → 24.24; pool = 24.24 × 0.05 = 1.212 → 1.21
//   M4 (B2): 3.97 (its card's figures; outside B1)
//   pools: S11 = 3.87 + 0 = 3.87; S12 = 1.21; B1 = 3.87 + 1.21 = 5.08; HQ = 5.08 + 3.97 = 9.05
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureApp, login, restateMarch, type FixtureUser } from './fixture.ts';
import { createPoolFixture, removePoolFixture, type PoolFixture } from './pool-fixture.ts';
import { jixiao } from './processes.ts';
import { UserStore } from '../../warehouse/users.ts';

let f: PoolFixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let t = Date.parse('2026-07-10T09:00:00Z');
const Q1 = '2026-03-ytd';
const Q2 = '2026-06-ytd';
const origin = 'http://localhost';

beforeAll(async () => {
  f = await createPoolFixture();
  // the department head of the sub-branch S11, beside the fixture's of B1
  await new UserStore(join(f.dir, 'bank.users.json')).add({ username: 'pres_s11', role: 'branch_president', org_id: 'S11', password: 'pres-s11-pass-2026' });
  ctx = await fixtureApp(f, { now: () => t });
}, 120_000);
afterAll(() => {
  ctx?.close();
  if (f) removePoolFixture(f);
});

type User = FixtureUser | 'pres_s11';
let cookies = new Map<User, string>();
async function as(user: User) {
  if (!cookies.has(user)) {
    if (user !== 'pres_s11') cookies.set(user, await login(ctx.app, user));
    else {
      const res = await ctx.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'pres-s11-pass-2026' }) });
      cookies.set(user, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
    }
  }
  return cookies.get(user)!;
}
const get = async (user: User, path: string) => ctx.app.request(path, { headers: { cookie: await as(user) } });
const post = async (user: User, path: string, body: unknown) =>
  ctx.app.request(path, { method: 'POST', headers: { cookie: await as(user), 'content-type': 'application/json', host: 'localhost', origin }, body: JSON.stringify(body) });
type Pool = { pool_total: string; allocated: string; allocated_below: string; remaining: string; limited_by: string | null; allocations: { manager_id: string; amount: string; reason: string; by_name: string }[] };
const pool = async (org: string, period = Q1) => (await (await get('head', `/api/orgs/${org}/pool?period=${period}`)).json()) as Pool;
const allocate = (user: User, org: string, allocations: { manager_id: string; amount: string; reason: string }[]) => post(user, `/api/orgs/${org}/pool`, { period: Q1, allocations });
const refusal = async (res: Response) => {
  expect(res.status).toBe(400);
  return ((await res.json()) as { invalid_params: { name: string; reason: string }[] }).invalid_params;
};
const size = () => statSync(ctx.deps.reviews.path).size;

describe('a pool with money in it', () => {
  it('is the hand-computed set-aside of each node: S11 3.87, S12 1.21, B1 5.08, HQ 9.05', async () => {
    expect([(await pool('S11')).pool_total, (await pool('S12')).pool_total, (await pool('B1')).pool_total, (await pool('HQ')).pool_total]).toEqual(['3.87', '1.21', '5.08', '9.05']);
    expect(await pool('B1')).toMatchObject({ allocated: '0.00', allocated_below: '0.00', remaining: '5.08', limited_by: 'B1', allocations: [] });
  });

  it('allocates within the pool, and refuses above it by the fen, writing nothing', async () => {
    const before = size();
    // 3.00 + 2.09 = 5.09 > 5.08: over by 0.01
    expect(await refusal(await allocate('pres_b1', 'B1', [{ manager_id: 'M1', amount: '3.00', reason: '团队协作' }, { manager_id: 'M3', amount: '2.09', reason: '市场下滑' }])))
      .toEqual([{ name: 'allocations', in: 'body', reason: 'Σ allocations would exceed the pool by 0.01' }]);
    expect(size()).toBe(before);
    // 3.00 + 2.00 = 5.00 ≤ 5.08: remaining 0.08
    expect((await allocate('pres_b1', 'B1', [{ manager_id: 'M1', amount: '3.00', reason: '团队协作' }, { manager_id: 'M3', amount: '2.00', reason: '市场下滑' }])).status).toBe(200);
    const b1 = await pool('B1');
    expect([b1.allocated, b1.remaining]).toEqual(['5.00', '0.08']);
    expect(b1.allocations.map((a) => [a.manager_id, a.amount, a.reason, a.by_name])).toEqual([['M1', '3.00', '团队协作', 'pres_b1'], ['M3', '2.00', '市场下滑', 'pres_b1']]);
    // a change replaces the recipient's allocation: M3 2.00 → 2.09 would be 3.00 + 2.09 = 5.09 (over); 2.08 fills it
    expect(await refusal(await allocate('pres_b1', 'B1', [{ manager_id: 'M3', amount: '2.09', reason: '市场下滑' }]))).toEqual([{ name: 'allocations', in: 'body', reason: 'Σ allocations would exceed the pool by 0.01' }]);
    expect((await allocate('pres_b1', 'B1', [{ manager_id: 'M3', amount: '2.08', reason: '市场下滑' }])).status).toBe(200);
    expect((await pool('B1')).remaining).toBe('0.00');
  });
});

describe('nested pools: a branch and its sub-branch spend the same money once', () => {
  it('a sub-branch head cannot allocate what its branch already gave away, and the branch sees what its sub-branches gave', async () => {
    // B1 has allocated all 5.08 (M1 3.00, M3 2.08): S11's own 3.87 is untouched, but B1's pool,
    // which contains it, is empty, so S11 may allocate nothing: remaining = min(3.87, 0.00) = 0.00
    expect(await pool('S11')).toMatchObject({ pool_total: '3.87', allocated: '0.00', remaining: '0.00', limited_by: 'B1' });
    const overB1 = await allocate('pres_s11', 'S11', [{ manager_id: 'M2', amount: '0.50', reason: '重点项目' }]);
    expect(((await overB1.clone().json()) as { pool_over: unknown }).pool_over).toEqual({ org_id: 'B1', amount: '0.50' });
    expect(await refusal(overB1)).toEqual([{ name: 'allocations', in: 'body', reason: 'Σ allocations would exceed the pool of B1 by 0.50' }]);
    // the head of S11 allocates only within S11
    expect((await refusal(await allocate('pres_s11', 'S11', [{ manager_id: 'M3', amount: '0.10', reason: 'x' }]))).map((p) => p.name)).toEqual(['allocations.0.manager_id']);
    // B1 withdraws M3's 2.08: B1 headroom 5.08 − 3.00 = 2.08, S11's 3.87: S11 may allocate 2.08
    expect((await allocate('pres_b1', 'B1', [{ manager_id: 'M3', amount: '0', reason: '撤回' }])).status).toBe(200);
    expect(await pool('S11')).toMatchObject({ remaining: '2.08', limited_by: 'B1' });
    // S11 gives M2 2.00: S11 3.87 − 2.00 = 1.87; B1 5.08 − (3.00 own + 2.00 below) = 0.08
    expect((await allocate('pres_s11', 'S11', [{ manager_id: 'M2', amount: '2.00', reason: '重点项目' }])).status).toBe(200);
    expect(await pool('S11')).toMatchObject({ allocated: '2.00', remaining: '0.08', limited_by: 'B1' });
    expect(await pool('B1')).toMatchObject({ allocated: '3.00', allocated_below: '2.00', remaining: '0.08', limited_by: 'B1' });
    // and B1 can no longer give M3 what S11 has spent: 0.09 > 0.08
    expect(await refusal(await allocate('pres_b1', 'B1', [{ manager_id: 'M3', amount: '0.09', reason: '市场下滑' }]))).toEqual([{ name: 'allocations', in: 'body', reason: 'Σ allocations would exceed the pool by 0.01' }]);
    // HQ: 9.05 − 5.00 allocated below = 4.05; S21's pool (B2's) untouched
    expect(await pool('HQ')).toMatchObject({ allocated_below: '5.00', remaining: '4.05' });
    expect((await pool('S21')).remaining).toBe('3.97');
  });
});

// ---------------------------------------------------------------------------------------------
// The payable, fixed when a card locks.

const act = (user: User, period: string, body: Record<string, unknown>) => post(user, '/api/managers/M1/review', { period, ...body });
async function lockCard(period: string) {
  t += 60_000;
  for (const [user, body] of [
    ['mgr_m1', { action: 'submit', summary: '完成任务', plans: '继续' }],
    ['sup_b1', { action: 'score', comment: '属实' }],
    ['pres_b1', { action: 'approve' }],
  ] as const) expect((await act(user, period, body)).status).toBe(200);
}
type Payable = { paid_pay: string; paid_before: string; payable: string };
const payableOf = async (period: string) => ((await (await get('pres_b1', `/api/managers/M1/review?period=${period}`)).json()) as { state: string; locked: { payable: Payable } | null }).locked?.payable;
const payroll = async (period: string) => ((await (await get('pres_b1', `/api/orgs/B1/payroll?period=${period}`)).json()) as { rows: Record<string, string>[] }).rows;
const cents = (x: string) => BigInt(x.replace('.', ''));
const yuan = (c: bigint) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;

describe('the payable is fixed when the card locks', () => {
  let q1: Payable;
  let q2: Payable;

  it('Q1 locked: payable = its pay; Q2 locked: its year-to-date pay − Q1\'s', async () => {
    await lockCard(Q1);
    q1 = (await payableOf(Q1))!;
    // 36,073.52 (above), nothing paid before
    expect(q1).toMatchObject({ paid_pay: '36073.52', paid_before: '0.00', payable: '36073.52' });
    await lockCard(Q2);
    q2 = (await payableOf(Q2))!;
    // Q2 has no target: score 0, pay = 6 × 12,000.00 = 72,000.00; payable = 72,000.00 − 36,073.52 = 35,926.48
    expect(q2).toMatchObject({ paid_pay: '72000.00', paid_before: '36073.52', payable: '35926.48' });
    // the payroll shows the same, with M1's 3.00 from B1's pool beside Q1's payable: 36,076.52
    expect((await payroll(Q1)).map((r) => [r.manager_id, r.payable, r.pool_allocated, r.payable_total])).toEqual([['M1', '36073.52', '3.00', '36076.52']]);
    // and M1's card shows what it received: B1's 3.00 (S11 gave M2, not M1)
    const onCard = ((await (await get('mgr_m1', `/api/managers/M1/review?period=${Q1}`)).json()) as { pool: { org_id: string; amount: string; reason: string }[] }).pool;
    expect(onCard.map((p) => [p.org_id, p.amount, p.reason])).toEqual([['B1', '3.00', '团队协作']]);
  });

  it('a restated month, an accepted appeal and a new lock of Q1 leave Q2\'s payable as it was; Q1 pays only the difference', async () => {
    ctx.close();
    // March restated: C1's deposit average 125,000.00 → 925,000.00, M1's Q1 profit contribution rises
    await restateMarch(f, f.config);
    ctx = await fixtureApp(f, { now: () => t });
    cookies = new Map();
    // both locked cards keep their payables through the rebuild
    expect([await payableOf(Q1), await payableOf(Q2)]).toEqual([q1, q2]);
    // Q1 appealed, accepted (reopened to scored), approved again: locked on the restated figures
    t += 60_000;
    expect((await act('mgr_m1', Q1, { action: 'appeal', reason: '三月存款重报' })).status).toBe(200);
    expect((await act('pres_b1', Q1, { action: 'accept_appeal', reason: '同意' })).status).toBe(200);
    expect((await act('pres_b1', Q1, { action: 'approve' })).status).toBe(200);
    const q1again = (await payableOf(Q1))!;
    expect(cents(q1again.paid_pay)).toBeGreaterThan(cents(q1.paid_pay));
    // what Q1's first lock paid counts as paid: the new lock pays paid_pay' − 36,073.52
    expect(q1again.paid_before).toBe('36073.52');
    expect(q1again.payable).toBe(yuan(cents(q1again.paid_pay) - cents(q1.paid_pay)));
    // Q2's payable is as its lock fixed it
    expect(await payableOf(Q2)).toEqual(q2);
    // Q2 reopened and locked again: its pay is still 72,000.00 (no target), the year's locks so far
    // paid 36,073.52 + (paid_pay' − 36,073.52) + 35,926.48 = paid_pay' + 35,926.48, so it pays
    // 72,000.00 − that; Σ of every lock's payable = 72,000.00, the year-to-date pay
    t += 60_000;
    expect((await act('mgr_m1', Q2, { action: 'appeal', reason: '复核' })).status).toBe(200);
    expect((await act('pres_b1', Q2, { action: 'accept_appeal' })).status).toBe(200);
    expect((await act('pres_b1', Q2, { action: 'approve' })).status).toBe(200);
    const q2again = (await payableOf(Q2))!;
    expect(q2again.paid_before).toBe(yuan(cents(q1again.paid_pay) + cents('35926.48')));
    expect(cents(q1.payable) + cents(q1again.payable) + cents(q2.payable) + cents(q2again.payable)).toBe(cents('72000.00'));
  });

  it('jixiao export payroll: the locked cards of the node, the same figures as the API', async () => {
    const api = await payroll(Q1);
    const cli = await jixiao(['export', 'payroll', '--org', 'B1', '--period', Q1, '--format', 'json', '--db', f.dbPath]);
    expect(cli.code, cli.err).toBe(0);
    // JSON exports write decimals as numbers: the API's decimal texts, as numbers
    const asNumbers = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, /^-?\d+\.\d+$/.test(x) ? Number(x) : x]));
    expect(JSON.parse(cli.out)).toEqual(api.map(asNumbers));
    expect(api.map((r) => r.manager_id)).toEqual(['M1']); // M2 and M3 never locked
    const csv = await jixiao(['export', 'payroll', '--org', 'B1', '--period', Q1, '--db', f.dbPath]);
    expect(csv.out.split('\n')[0]).toContain('本期应发');
    // B2 has no locked card; a period that is not a scoring one and a missing --org are refused
    expect(JSON.parse((await jixiao(['export', 'payroll', '--org', 'B2', '--period', Q1, '--format', 'json', '--db', f.dbPath])).out)).toEqual([]);
    expect((await jixiao(['export', 'payroll', '--org', 'B1', '--period', '2026-Q1', '--db', f.dbPath])).code).toBe(2);
    const noOrg = await jixiao(['export', 'payroll', '--period', Q1, '--db', f.dbPath]);
    expect([noOrg.code, noOrg.err]).toEqual([2, expect.stringContaining('--org')]);
  });
});
