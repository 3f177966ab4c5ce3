// The managers' league and `jixiao export scorecards` show the cards as they stand (issues 21, 22):
// a score entered through the API moves the league row and the export row at once, without a
// rebuild, to the very figures of the card page; a locked card shows in both as locked (its
// snapshot, marked score_locked) after a rebuild with a restated month.
//
//   HQ ─┬─ B1 ─┬─ S11 (M1 retail, M2 corporate)
//       │      └─ S12 (M3 retail)
//       └─ B2 ─── S21 (M4 corporate)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, publishedRows, removeFixture, type Fixture, type FixtureUser } from './fixture.ts';
import { signedRequests } from './requests.ts';
import { jixiao } from './processes.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { buildAndPublish } from '../../warehouse/results.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
const t = Date.parse('2026-04-10T09:00:00Z');
const P = '2026-03-ytd';

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f, { now: () => t, cacheEntries: 100 });
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const { get, post } = signedRequests(() => ctx.app);

type Row = Record<string, unknown>;
const leagueRow = async (id: string, period = P) => {
  const res = await get('head', `/api/orgs/HQ/managers?period=${period}&page_size=50`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows.find((r) => r.manager_id === id)!;
};
const page = async (id: string) => ((await (await get('head', `/api/managers/${id}?period=${P}`)).json()) as { scorecard: { card: Row; pay: Row; locked?: unknown } }).scorecard;
const exportRow = async (id: string) => {
  const r = await jixiao(['export', 'scorecards', '--period', P, '--format', 'json', '--db', f.dbPath]);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as Row[]).find((x) => x.manager_id === id)!;
};
/** The card's figures as the league and the export show them. */
const asLeague = (c: Row) => [c.total_score, c.grade, c.peer_rank, c.percentile];

describe('an entry moves the league and the export at once', () => {
  let before: Row;

  it('as built: the league row and the export row are the card', async () => {
    const card = (await page('M1')).card;
    before = await leagueRow('M1');
    expect([before.total_score, before.score_grade, before.peer_rank, before.percentile]).toEqual(asLeague(card));
    expect(before.score_locked).toBe(false);
    const x = await exportRow('M1');
    expect([x.total_score, x.score_grade, x.score_locked]).toEqual([Number(card.total_score), card.grade, 'false']);
  });

  it('a deduction of −1.00 entered by the supervisor: the total falls by 1.00 in the league, its download and the export, as on the card', async () => {
    const res = await post('sup_b1', '/api/managers/M1/scorecard/entries', { period: P, entries: [{ item_id: 'compliance_breaches', points: -1, note: '一次合规提示' }] });
    expect(res.status).toBe(200);
    const { card, pay } = await page('M1');
    // total = the built total − 1.00 (a deduction has no floor)
    expect(Math.round(Number(card.total_score) * 100)).toBe(Math.round(Number(before.total_score) * 100) - 100);
    const row = await leagueRow('M1');
    expect([row.total_score, row.score_grade, row.peer_rank, row.percentile]).toEqual(asLeague(card));
    // the league of a month that takes the card, too (2026-03 applies 2026-03-ytd)
    expect((await leagueRow('M1', '2026-03')).total_score).toBe(card.total_score);
    // the same scope as ever: the manager sees their own row only, another branch's president no B1
    const own = (await (await get('mgr_m1', `/api/orgs/S11/managers?period=${P}`)).json()) as { rows: Row[] };
    expect(own.rows.map((r) => [r.manager_id, r.total_score])).toEqual([['M1', card.total_score]]);
    expect((await get('pres_s21', `/api/orgs/B1/managers?period=${P}`)).status).toBe(404);
    const csv = await (await get('head', `/api/orgs/HQ/managers?period=${P}&format=csv&lang=en`)).text();
    const m1 = csv.split('\n').find((l) => l.includes('M1'))!;
    expect(m1).toContain(String(card.total_score));
    const x = await exportRow('M1');
    expect([x.total_score, x.score_grade, x.peer_rank, x.paid_pay, x.deduction_points]).toEqual(
      [Number(card.total_score), card.grade, card.peer_rank, Number(pay.paid_pay), Number(card.deduction_points)],
    );
  });
});

describe('a locked card stays locked in the league and the export', () => {
  let locked: Awaited<ReturnType<typeof page>>;

  it('walks M1 to locked: the league and the export mark it, with the figures approved', async () => {
    const act = (user: FixtureUser, body: Row) => post(user, '/api/managers/M1/review', { period: P, ...body });
    expect((await act('mgr_m1', { action: 'submit', summary: '一季度存款增长', plans: '二季度拓展' })).status).toBe(200);
    expect((await act('sup_b1', { action: 'score', comment: '良好' })).status).toBe(200);
    expect((await act('pres_b1', { action: 'approve', comment: '同意' })).status).toBe(200);
    locked = await page('M1');
    expect(locked.locked).toBeTruthy();
    const row = await leagueRow('M1');
    expect([row.total_score, row.score_grade, row.peer_rank, row.percentile, row.score_locked]).toEqual([...asLeague(locked.card), true]);
    expect((await leagueRow('M2')).score_locked).toBe(false);
    expect((await exportRow('M1')).score_locked).toBe('true');
  });

  it('a rebuild with a restated March moves the built card, not the locked one in the league or the export', async () => {
    ctx.close();
    // March restated: C1's deposit balance 130,000.00 → 930,000.00 (average 125,000.00 → 925,000.00),
    // and the delivery's adjustments file now holds a complaint against M1 (−5 points)
    const wh = await Warehouse.open(f.dbPath);
    try {
      await wh.run(`update raw_deposits set balance = 930000.00, avg_balance = 925000.00 where as_of_date = '2026-03-31' and account_id = 'A1'`);
      await wh.run(`insert into raw_adjustments values (2026, 'Q1', 'M1', 'complaint', -5.00, '客户投诉', '主管', 2, 1)`);
    } finally {
      wh.close();
    }
    await buildAndPublish(f.dbPath);
    ctx = await fixtureApp(f, { now: () => t, cacheEntries: 100 });
    // the build's own card moved: its profit contribution, and its total by the complaint's −5.00
    const [built] = await publishedRows(f, `select profit_contribution::varchar as p, total_score::varchar as t from mart_scorecards where manager_id = 'M1' and period = '${P}'`);
    expect(built!.p).not.toBe(locked.card.profit_contribution);
    expect(Math.round(Number(built!.t) * 100)).toBe(Math.round(Number(locked.card.total_score) * 100) + 100 - 500); // − the entry's −1.00, − 5.00
    const row = await leagueRow('M1');
    expect([row.total_score, row.score_grade, row.peer_rank, row.percentile, row.score_locked]).toEqual([...asLeague(locked.card), true]);
    const x = await exportRow('M1');
    expect([x.total_score, x.score_grade, x.paid_pay, x.score_locked]).toEqual([Number(locked.card.total_score), locked.card.grade, Number(locked.pay.paid_pay), 'true']);
  });
});
