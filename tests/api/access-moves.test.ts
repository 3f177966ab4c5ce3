// Access when a manager moves (issue 26): the fixture bank with M3 moved from S12 (branch B1) to
// S21 (branch B2) from 2026-03-01.
//
//   HQ ─┬─ B1 ─┬─ S11 (M1, M2)
//       │      └─ S12 (M3 until 2026-02-28)
//       └─ B2 ─── S21 (M4; M3 from 2026-03-01)
//
// Decision: a branch president sees the rows of a period in which the manager was theirs at the
// period's end — B1's league of 2026-02 lists M3 (marked moved), and B1's figures of 2026-02 keep
// M3's business, since those are B1's own figures; B1's league of 2026-03 does not list M3. The
// manager page follows the manager's current org: B1's president no longer opens M3's page (404,
// like any manager outside the scope), B2's president does, with the org history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, rawSql, removeFixture, type Fixture, type FixtureUser } from './fixture.ts';

const moveSql = `${rawSql}
update raw_managers set org_id = 'S21' where manager_id = 'M3';
insert into raw_manager_memberships values
  ('M3', 'S12', 'retail', 'B', null, date '2026-02-28', 1),
  ('M3', 'S21', 'retail', 'B', date '2026-03-01', null, 1);
`;

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
const cookies = new Map<FixtureUser, string>();

beforeAll(async () => {
  f = await createFixture({ sql: moveSql });
  ctx = await fixtureApp(f);
  for (const u of ['pres_b1', 'pres_s21', 'head'] as const) cookies.set(u, await login(ctx.app, u));
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const get = (user: FixtureUser, path: string) => ctx.app.request(path, { headers: { cookie: cookies.get(user)! } });
const league = async (user: FixtureUser, org: string, period: string) => {
  const res = await get(user, `/api/orgs/${org}/managers?period=${period}&sort=manager_id&order=asc`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rows: { manager_id: string; moved: boolean; org_id: string }[] };
  return body.rows.map((r) => [r.manager_id, r.org_id, r.moved]);
};

describe('a manager who moved between branches', () => {
  it("the old branch's league of a past period lists the manager, marked moved; later periods do not", async () => {
    expect(await league('pres_b1', 'B1', '2026-02')).toEqual([['M1', 'S11', false], ['M2', 'S11', false], ['M3', 'S12', true]]);
    expect(await league('pres_b1', 'S12', '2026-02')).toEqual([['M3', 'S12', true]]);
    expect(await league('pres_b1', 'B1', '2026-03')).toEqual([['M1', 'S11', false], ['M2', 'S11', false]]);
  });

  it("the new branch's league lists the manager from the move on only", async () => {
    expect(await league('pres_s21', 'S21', '2026-02')).toEqual([['M4', 'S21', false]]);
    expect(await league('pres_s21', 'S21', '2026-03')).toEqual([['M3', 'S21', false], ['M4', 'S21', false]]);
  });

  it('org figures keep the months before the move with the old branch', async () => {
    const end = async (user: FixtureUser, org: string, period: string) => {
      const body = (await (await get(user, `/api/orgs/${org}?period=${period}`)).json()) as { figures: { deposit_end_balance: string } };
      return body.figures.deposit_end_balance;
    };
    // 2026-02, B1: A1 120,000 + A2 500,000 (M1) + A4 60,000 (M3, then at S12) + A6 40,000 (M1 ½, M3 ½) = 720,000.00
    expect(await end('pres_b1', 'B1', '2026-02')).toBe('720000.00');
    // 2026-03, B1: A1 130,000 + A2 500,000 + ½ × A6 42,000 = 651,000.00 (M1 only; M3 is at S21)
    expect(await end('pres_b1', 'B1', '2026-03')).toBe('651000.00');
    // 2026-03, S21: A4 70,000 + ½ × A6 42,000 = 91,000.00 (M3's deposits; M4 holds loans only)
    expect(await end('pres_s21', 'S21', '2026-03')).toBe('91000.00');
  });

  it('the manager page follows the current org: the old branch gets 404, the new one the org history', async () => {
    expect((await get('pres_b1', '/api/managers/M3')).status).toBe(404);
    const res = await get('pres_s21', '/api/managers/M3?period=2026-03');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { manager: { org_id: string }; org_history: { org_id: string; valid_from: string | null; valid_to: string | null; is_current: boolean }[] };
    expect(body.manager.org_id).toBe('S21');
    expect(body.org_history.map((s) => [s.org_id, s.valid_from, s.valid_to, s.is_current])).toEqual([
      ['S12', null, '2026-02-28', false],
      ['S21', '2026-03-01', null, true],
    ]);
  });
});
