// The quarterly review cycle through the API (issue 22) on the fixture bank (Q1 2026 only: the
// card 2026-03-ytd): M1's card walks open → submitted → scored → locked; illegal moves are 409,
// the wrong caller 403, bad fields 400 naming them, a foreign origin 403 — each leaving the review
// file as it was. After the lock the card is its snapshot: a rebuild with a restated month changes
// the figures underneath, not the card (byte for byte), and the page notes what moved. Then an
// appeal, rejected and accepted; the payroll of locked cards; the public pool; the talk.
//
//   HQ ─┬─ B1 ─┬─ S11 (M1 retail, M2 corporate)
//       │      └─ S12 (M3 retail)
//       └─ B2 ─── S21 (M4 corporate)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { createFixture, fixtureApp, login, removeFixture, restateMarch, type Fixture, type FixtureUser } from './fixture.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let t = Date.parse('2026-04-10T09:00:00Z');
const P = '2026-03-ytd';
const origin = 'http://localhost';

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f, { now: () => t });
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

let cookies = new Map<string, string>();
async function as(user: FixtureUser) {
  if (!cookies.has(user)) cookies.set(user, await login(ctx.app, user));
  return cookies.get(user)!;
}
const get = async (user: FixtureUser, path: string) => ctx.app.request(path, { headers: { cookie: await as(user) } });
const post = async (user: FixtureUser, path: string, body: unknown, headers: Record<string, string> = { origin }) =>
  ctx.app.request(path, { method: 'POST', headers: { cookie: await as(user), 'content-type': 'application/json', host: 'localhost', ...headers }, body: JSON.stringify(body) });
const act = (user: FixtureUser, body: Record<string, unknown>, id = 'M1') => post(user, `/api/managers/${id}/review`, { period: P, ...body });
const size = () => statSync(ctx.deps.reviews.path).size;
type Review = { state: string; signed: number; may: string[]; waiting_for: unknown; locked: null | { at: string; by_name: string; moved: { field: string; locked: unknown; now: unknown }[]; payable: Record<string, unknown> | null }; lines: Record<string, unknown>[] };
const review = async (user: FixtureUser, id = 'M1') => (await (await get(user, `/api/managers/${id}/review?period=${P}`)).json()) as Review;
const pageCard = async (user: FixtureUser) => (await (await get(user, `/api/managers/M1?period=${P}`)).json() as { scorecard: Record<string, unknown> }).scorecard;

describe('one card from open to locked', () => {
  it('starts open, waiting for the manager; only the manager may submit', async () => {
    const r = await review('mgr_m1');
    expect([r.state, r.may, r.waiting_for]).toEqual(['open', ['submit'], { who: 'manager', action: 'submit' }]);
    expect((await review('sup_b1')).may).toEqual([]);
    const queue = (await (await get('mgr_m1', `/api/reviews?period=${P}`)).json()) as { waiting: { manager_id: string; action: string }[] };
    expect(queue.waiting.map((w) => [w.manager_id, w.action])).toEqual([['M1', 'submit']]);
  });

  it('refuses bad bodies, naming the field, and writes nothing', async () => {
    const before = size();
    const bad: [Record<string, unknown>, string][] = [
      [{ action: 'submit', summary: '完成存款任务' }, 'plans'],
      [{ action: 'submit', summary: ' ', plans: 'x' }, 'summary'],
      [{ action: 'score', comment: 'x', summary: 'y' }, 'summary'],
      [{ action: 'lock' }, 'action'],
      [{ action: 'submit', summary: 'a', plans: 'b', extra: 1 }, 'extra'],
      [{ action: 'submit', summary: 'a', plans: 'b', period: '2026-02' }, 'period'],
    ];
    for (const [body, field] of bad) {
      const res = await act('mgr_m1', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const p = (await res.json()) as { invalid_params: { name: string }[] };
      expect(p.invalid_params.map((i) => i.name)).toContain(field);
    }
    expect((await act('mgr_m1', { action: 'submit', summary: 'a', plans: 'b' }, 'M2')).status).toBe(404); // not theirs: not found
    // a write from another site's page (CSRF): 403, and without Origin too
    const body = { period: P, action: 'submit', summary: 'a', plans: 'b' };
    expect((await post('mgr_m1', '/api/managers/M1/review', body, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('mgr_m1', '/api/managers/M1/review', body, {})).status).toBe(403);
    expect(size()).toBe(before);
  });

  it('the manager submits the 述职; submitting again is 409, scoring by the manager 403', async () => {
    const res = await act('mgr_m1', { action: 'submit', summary: '一季度存款增长12%，新增客户8户', plans: '二季度拓展代发工资客户' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Review).state).toBe('submitted');
    const before = size();
    expect((await act('mgr_m1', { action: 'submit', summary: 'a', plans: 'b' })).status).toBe(409);
    expect((await act('mgr_m1', { action: 'score', comment: '自评' })).status).toBe(403);
    expect((await act('pres_b1', { action: 'approve' })).status).toBe(409); // not scored yet
    expect((await act('pres_b1', { action: 'score', comment: 'x' })).status).toBe(403); // the supervisor scores
    expect(size()).toBe(before);
  });

  it('the supervisor enters a deduction and scores; entries are frozen from then on', async () => {
    const queue = (await (await get('sup_b1', `/api/reviews?period=${P}`)).json()) as { waiting: { manager_id: string; action: string }[] };
    expect(queue.waiting.map((w) => [w.manager_id, w.action])).toEqual([['M1', 'score']]);
    const entries = async () => (await (await get('sup_b1', `/api/managers/M1/scorecard/entries?period=${P}`)).json()) as { review_state: string; frozen: boolean };
    const grid = async () => ((await (await get('sup_b1', `/api/orgs/S11/scorecard-entries?period=${P}`)).json()) as { rows: { manager_id: string; review_state: string; frozen: boolean }[] }).rows.map((r) => [r.manager_id, r.review_state, r.frozen]);
    expect(await entries()).toMatchObject({ review_state: 'submitted', frozen: false });
    expect((await post('sup_b1', '/api/managers/M1/scorecard/entries', { period: P, entries: [{ item_id: 'compliance_breaches', points: -1, note: '一次合规提示' }] })).status).toBe(200);
    expect((await act('sup_b1', { action: 'score', comment: '存款增长好，合规需加强' })).status).toBe(200);
    const res = await post('sup_b1', '/api/managers/M1/scorecard/entries', { period: P, entries: [{ item_id: 'compliance_breaches', points: -2, note: 'x' }] });
    expect(res.status).toBe(409);
    // the card and the batch grid say so before anyone tries: M1 frozen (scored), M2 still open
    expect(await entries()).toMatchObject({ review_state: 'scored', frozen: true });
    expect(await grid()).toEqual([['M1', 'scored', true], ['M2', 'open', false]]);
    expect((await review('pres_b1')).may).toEqual(['approve']);
  });

  it('the branch president approves: locked, with the card as approved kept', async () => {
    const live = await pageCard('pres_b1');
    t += 60_000;
    expect((await act('pres_b1', { action: 'approve', comment: '同意' })).status).toBe(200);
    const r = await review('mgr_m1');
    expect(r.state).toBe('locked');
    expect(r.locked!.by_name).toBeTruthy();
    expect(r.locked!.moved).toEqual([]);
    expect(r.lines.map((l) => [l.action, l.by_role, l.to_state])).toEqual([
      ['submit', 'manager', 'submitted'],
      ['score', 'supervisor', 'scored'],
      ['approve', 'branch_president', 'locked'],
    ]);
    // the page shows the locked card: the figures approved, plus when and by whom
    const card = await pageCard('mgr_m1');
    expect(card.locked).toMatchObject({ at: new Date(t).toISOString(), moved: [] });
    const { locked: _l, ...figures } = card;
    expect(figures).toEqual(live);
    // nothing more to do on it but appeal, for its manager
    expect((await act('pres_b1', { action: 'approve' })).status).toBe(409);
    expect((await review('mgr_m1')).may).toEqual(['appeal']);
  });

  it('the payroll lists the locked card (payable = its pay, the first of the year); CSV too', async () => {
    const card = await pageCard('pres_b1');
    const paid = (card.pay as Record<string, string>).paid_pay;
    const res = (await (await get('pres_b1', `/api/orgs/B1/payroll?period=${P}`)).json()) as { rows: Record<string, string>[] };
    expect(res.rows.map((r) => [r.manager_id, r.paid_pay, r.paid_before, r.payable])).toEqual([['M1', paid, '0.00', paid]]);
    const csv = await (await get('pres_b1', `/api/orgs/B1/payroll?period=${P}&format=csv`)).text();
    expect(csv.split('\n').length).toBeGreaterThanOrEqual(2);
    expect(csv).toContain('M1');
    expect(csv).not.toContain('M2'); // not locked
    // out of scope: another branch's president sees no B1 payroll
    expect((await get('pres_s21', `/api/orgs/B1/payroll?period=${P}`)).status).toBe(404);
  });

  it('head office sees counts by state per branch', async () => {
    const q = (await (await get('head', `/api/reviews?period=${P}`)).json()) as { counts: { org_id: string; state: string; cards: string }[] };
    // B1: M1 locked, M2 and M3 open; B2: M4 open
    expect(q.counts.map((c) => [c.org_id, c.state, c.cards])).toEqual([
      ['B1', 'locked', '1'],
      ['B1', 'open', '2'],
      ['B2', 'open', '1'],
    ]);
  });
});

describe('locked means frozen', () => {
  it('a rebuild with a restated March leaves the locked card byte for byte, and notes what moved', async () => {
    const before = await (await get('mgr_m1', `/api/managers/M1?period=${P}`)).json() as { scorecard: Record<string, unknown> };
    const beforeText = JSON.stringify(before.scorecard);
    ctx.close();
    // March restated: C1's deposit balance 130,000.00 → 930,000.00 (average 125,000.00 → 925,000.00)
    await restateMarch(f);
    ctx = await fixtureApp(f, { now: () => t });
    cookies = new Map();
    const after = await (await get('mgr_m1', `/api/managers/M1?period=${P}`)).json() as { scorecard: Record<string, unknown> & { locked: Review['locked'] } };
    const { locked: lockedAfter, ...figuresAfter } = after.scorecard;
    const { locked: lockedBefore, ...figuresBefore } = before.scorecard;
    expect(JSON.stringify(figuresAfter)).toBe(JSON.stringify(figuresBefore));
    expect(lockedAfter!.at).toBe((lockedBefore as { at: string }).at);
    // the difference note: the card as built now differs from the card as locked
    expect(lockedAfter!.moved.length).toBeGreaterThan(0);
    for (const m of lockedAfter!.moved) expect(m.locked).not.toEqual(m.now);
    expect(beforeText).not.toBe(JSON.stringify(after.scorecard));
  });
});

describe('appeals (申诉)', () => {
  it('only the manager appeals, with a reason; the president rejects it with a reason: locked again, figures unchanged', async () => {
    const card = JSON.stringify(await pageCard('mgr_m1'));
    const before = size();
    expect((await act('sup_b1', { action: 'appeal', reason: 'x' })).status).toBe(403);
    const noReason = await act('mgr_m1', { action: 'appeal' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toEqual(['reason']);
    expect(size()).toBe(before);
    expect((await act('mgr_m1', { action: 'appeal', reason: '三月存款余额已更正' })).status).toBe(200);
    expect((await review('pres_b1')).may).toEqual(['accept_appeal', 'reject_appeal']);
    expect(JSON.stringify(await pageCard('mgr_m1'))).toBe(card); // still frozen while appealed
    expect((await act('pres_b1', { action: 'reject_appeal' })).status).toBe(400); // a rejection says why
    expect((await act('pres_b1', { action: 'reject_appeal', reason: '更正不影响考核结果' })).status).toBe(200);
    expect((await review('mgr_m1')).state).toBe('locked');
    expect(JSON.stringify(await pageCard('mgr_m1'))).toBe(card);
  });

  it('accepted: the card reopens to scored (live figures, out of the payroll), then is approved and locked anew', async () => {
    expect((await act('mgr_m1', { action: 'appeal', reason: '再次申诉：三月数据已重报' })).status).toBe(200);
    expect((await act('pres_b1', { action: 'accept_appeal', reason: '同意重新审批' })).status).toBe(200);
    const r = await review('mgr_m1');
    expect([r.state, r.locked]).toEqual(['scored', null]);
    expect((await pageCard('mgr_m1')).locked).toBeUndefined();
    const payroll = (await (await get('pres_b1', `/api/orgs/B1/payroll?period=${P}`)).json()) as { rows: unknown[] };
    expect(payroll.rows).toEqual([]);
    t += 60_000;
    expect((await act('pres_b1', { action: 'approve', comment: '按重报数据确认' })).status).toBe(200);
    const again = await review('mgr_m1');
    expect(again.state).toBe('locked');
    expect(again.locked!.moved).toEqual([]); // locked on the restated figures
    // the trail: every step, who and what, never rewritten
    expect(again.lines.map((l) => [l.action, l.by_role, l.from_state, l.to_state])).toEqual([
      ['submit', 'manager', 'open', 'submitted'],
      ['score', 'supervisor', 'submitted', 'scored'],
      ['approve', 'branch_president', 'scored', 'locked'],
      ['appeal', 'manager', 'locked', 'appealed'],
      ['reject_appeal', 'branch_president', 'appealed', 'locked'],
      ['appeal', 'manager', 'locked', 'appealed'],
      ['accept_appeal', 'branch_president', 'appealed', 'scored'],
      ['approve', 'branch_president', 'scored', 'locked'],
    ]);
  });

  it('closes appeal_days (10 by default) after the lock: day 10 still open, day 11 refused (409)', async () => {
    const lockedAt = t;
    t = lockedAt + 11 * 24 * 3600_000;
    cookies = new Map(); // the sessions of 11 days ago have expired
    expect((await act('mgr_m1', { action: 'appeal', reason: '逾期申诉' })).status).toBe(409);
    expect((await review('mgr_m1')).may).toEqual([]);
    t = lockedAt + 10 * 24 * 3600_000;
    cookies = new Map();
    expect((await review('mgr_m1')).may).toEqual(['appeal']);
  });
});

describe('the public pool (公共绩效池)', () => {
  it('over the pool is refused naming allocations, bad fields each named, nothing written', async () => {
    const pool = (await (await get('pres_b1', `/api/orgs/B1/pool?period=${P}`)).json()) as { pool_total: string; allocated: string; remaining: string };
    expect(pool.allocated).toBe('0.00');
    expect(pool.remaining).toBe(pool.pool_total);
    const before = size();
    // pool + 0.01 to one manager: over by 0.01
    const over = (Number(pool.pool_total) + 0.01).toFixed(2);
    const res = await post('pres_b1', '/api/orgs/B1/pool', { period: P, allocations: [{ manager_id: 'M2', amount: over, reason: '超额' }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { invalid_params: { name: string; reason: string }[] }).invalid_params).toEqual([{ name: 'allocations', in: 'body', reason: 'Σ allocations would exceed the pool by 0.01' }]);
    // bad fields, each named
    for (const [a, field] of [
      [{ manager_id: 'M4', amount: '1', reason: 'x' }, 'allocations.0.manager_id'], // another branch's manager
      [{ manager_id: 'M2', amount: '-1', reason: 'x' }, 'allocations.0.amount'],
      [{ manager_id: 'M2', amount: '1.005', reason: 'x' }, 'allocations.0.amount'],
      [{ manager_id: 'M2', amount: '1' }, 'allocations.0.reason'],
    ] as const) {
      const bad = await post('pres_b1', '/api/orgs/B1/pool', { period: P, allocations: [a] });
      expect(bad.status, JSON.stringify(a)).toBe(400);
      expect(((await bad.json()) as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toContain(field);
    }
    expect(size()).toBe(before);
    // allocations of a pool with money in it, nested pools: tests/api/review-pool.test.ts
  });
});

describe('the performance talk (绩效谈话)', () => {
  it('the supervisor records it; the manager may not; it is on the card with names and date', async () => {
    const talk = { period: P, talk_date: '2026-04-12', participants: '一分行主管、张三', notes: '肯定存款增长，指出合规问题', agreed_actions: '二季度完成合规培训' };
    expect((await post('mgr_m1', '/api/managers/M1/review/talk', talk)).status).toBe(403);
    expect((await post('sup_b1', '/api/managers/M1/review/talk', { ...talk, talk_date: '2026-13-01' })).status).toBe(400);
    expect((await post('sup_b1', '/api/managers/M1/review/talk', talk)).status).toBe(200);
    const t1 = (await review('mgr_m1')).lines.find((l) => l.kind === 'talk')!;
    expect(t1).toMatchObject({ by_name: '一分行主管', talk_date: '2026-04-12', notes: talk.notes, agreed_actions: talk.agreed_actions });
  });
});
