// GET /api/orgs/{id}/peers: every node of a level under a node, side by side (mart_org_peers).
// The fixture's sub-branches: S11 (M1, M2) and S12 (M3) under B1, S21 (M4) under B2.
//   size by staff: managers 2, 1, 1 → cume_dist over the level: S12 and S21 tie at 2/3 (medium,
//   together), S11 at 3/3 (large); no node is "small" (≤ 1/3).
//   per manager = profit contribution / managers (fen); its percentile: three distinct figures →
//   cume_dist 1/3, 2/3, 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let head: string;
let pres: string;

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f);
  head = await login(ctx.app, 'head');
  pres = await login(ctx.app, 'pres_b1');
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

type Peer = Record<string, string | number | null>;
const peers = async (query: string, cookie = head) => {
  const res = await ctx.app.request(`/api/orgs/${query}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as { rows: Peer[]; total: number } };
};

describe('peers: a level side by side', () => {
  it('lists every sub-branch under the head office, with per-manager figures, percentiles and size groups', async () => {
    const { status, body } = await peers('HQ/peers?period=2026-Q1&sort=org_id&order=asc');
    expect(status).toBe(200);
    expect(body.rows.map((r) => r.org_id)).toEqual(['S11', 'S12', 'S21']);
    expect(body.rows.map((r) => r.size_tier_by_staff)).toEqual(['large', 'medium', 'medium']);
    const wide = await ctx.deps.reader.query<{ org_id: string; profit_contribution: string; managers: number }>(
      `select org_id, profit_contribution::varchar as profit_contribution, managers from mart_org_period where period = '2026-Q1' and level = 'sub_branch' order by org_id`,
    );
    for (const [i, r] of body.rows.entries()) {
      const w = wide[i]!;
      expect(r.profit_contribution).toBe(w.profit_contribution);
      // per manager: profit / managers to the fen (S11: two managers)
      expect(Number(r.profit_contribution_per_manager)).toBeCloseTo(Number(w.profit_contribution) / w.managers, 2);
    }
    const byPerManager = [...body.rows].sort((a, b) => Number(a.profit_contribution_per_manager) - Number(b.profit_contribution_per_manager));
    expect(byPerManager.map((r) => r.profit_contribution_per_manager_percentile)).toEqual(['0.333333', '0.666667', '1.000000']);
  });

  it('sorts by institution score, each node showing the card that applies (score, grade, rank in the level)', async () => {
    // a month (2026-02) shows no card yet (scoring runs at quarter ends: the first is 2026-03-ytd);
    // 2026-03 and 2026-Q1 show the 2026-03-ytd card, as built in mart_org_scorecards
    const cards = await ctx.deps.reader.query<{ org_id: string; total_score: string; grade: string; level_rank: number }>(
      `select org_id, total_score::varchar as total_score, grade, level_rank from mart_org_scorecards where period = '2026-03-ytd' order by total_score, org_id`,
    );
    expect(cards.map((c) => c.org_id).sort()).toEqual(['S11', 'S12', 'S21']);
    for (const period of ['2026-03', '2026-Q1']) {
      const { body } = await peers(`HQ/peers?period=${period}&sort=institution_score&order=asc`);
      expect(body.rows.map((r) => [r.org_id, r.institution_score, r.institution_grade, r.institution_level_rank])).toEqual(
        cards.map((c) => [c.org_id, c.total_score, c.grade, c.level_rank]),
      );
    }
    const before = await peers('HQ/peers?period=2026-02');
    expect(before.body.rows.map((r) => r.institution_score)).toEqual([null, null, null]);
    // the children table of a branch carries the same columns (mart_org_league)
    const children = await ctx.app.request('/api/orgs/B1/benchmark?period=2026-Q1&sort=institution_score&order=desc', { headers: { cookie: head } });
    const kids = ((await children.json()) as { rows: Peer[] }).rows;
    const b1 = cards.filter((c) => c.org_id !== 'S21').reverse();
    expect(kids.map((r) => [r.org_id, r.institution_score, r.institution_grade])).toEqual(b1.map((c) => [c.org_id, c.total_score, c.grade]));
  });

  it('filters by level, parent and size group', async () => {
    expect((await peers('HQ/peers?level=tier1_branch&sort=org_id&order=asc')).body.rows.map((r) => r.org_id)).toEqual(['B1', 'B2']);
    expect((await peers('HQ/peers?parent_id=B1&sort=org_id&order=asc')).body.rows.map((r) => r.org_id)).toEqual(['S11', 'S12']);
    expect((await peers('HQ/peers?size=medium&sort=org_id&order=asc')).body.rows.map((r) => r.org_id)).toEqual(['S12', 'S21']);
    expect((await peers('HQ/peers?size=small')).body.rows).toEqual([]);
  });

  it('keeps a president to their subtree, whatever parent they ask for', async () => {
    expect((await peers('B1/peers?sort=org_id&order=asc', pres)).body.rows.map((r) => r.org_id)).toEqual(['S11', 'S12']);
    expect((await peers('B1/peers?parent_id=B2', pres)).body.rows).toEqual([]);
    expect((await peers('HQ/peers', pres)).status).toBe(404);
  });

  it('refuses an unknown level or size with a problem naming the parameter', async () => {
    const res = await ctx.app.request('/api/orgs/HQ/peers?level=planet', { headers: { cookie: head } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('level');
  });
});
