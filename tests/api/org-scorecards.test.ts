// Institution cards and the target cascade over HTTP, on the API fixture (tests/api/fixture.ts:
// HQ → B1 → S11, S12; HQ → B2 → S21, months 2026-01…03, so one scoring period 2026-03-ytd; 2026
// year targets for profit contribution: HQ 100,000, B1 60,000, B2 40,000, S11 30,000).
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

const get = (path: string, cookie = head) => ctx.app.request(path, { headers: { cookie } });

describe('GET /api/orgs/{org_id}/scorecards', () => {
  it('lists the sub-branches\' cards of the subtree, a quarter meaning its year to date, sorted by score', async () => {
    const body = await (await get('/api/orgs/HQ/scorecards?period=2026-Q1&sort=total_score&order=asc')).json();
    expect(body.meta).toMatchObject({ period: '2026-03-ytd', org_id: 'HQ', level: null });
    expect(body.rows.map((r: { org_id: string }) => r.org_id).sort()).toEqual(['S11', 'S12', 'S21']);
    const scores = body.rows.map((r: { total_score: string }) => Number(r.total_score));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(body.rows[0]).toHaveProperty('level_rank');
    expect(body.columns.find((c: { key: string }) => c.key === 'total_score').kind).toBe('number');
    // a branch president: the cards of B1's subtree only
    const b1 = await (await get('/api/orgs/B1/scorecards', pres)).json();
    expect(b1.rows.map((r: { org_id: string }) => r.org_id).sort()).toEqual(['S11', 'S12']);
  });

  it('downloads CSV with Chinese headers, and refuses bad parameters by name', async () => {
    const csv = await (await get('/api/orgs/HQ/scorecards?format=csv&sort=org_id&order=asc')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^2026-03-ytd,/);
    const bad = await get('/api/orgs/HQ/scorecards?level=branch');
    expect(bad.status).toBe(400);
    expect((await bad.json()).invalid_params[0].name).toBe('level');
    expect((await get('/api/orgs/HQ/scorecards?sort=nope')).status).toBe(400);
    expect((await get('/api/orgs/HQ/scorecards?period=2026-02')).status).toBe(404);
  });
});

describe('GET /api/orgs/{org_id}/scorecard', () => {
  it('gives the node\'s latest card of the year with every point explained', async () => {
    const body = await (await get('/api/orgs/S11/scorecard?period=2026-03')).json();
    expect(body.scorecard.period).toBe('2026-03-ytd');
    expect(body.scorecard.card).toMatchObject({ org_id: 'S11', scheme_id: 'sub_branch_default', sibling_count: 2, level_count: 3 });
    expect(body.scorecard.indicators.map((i: { indicator_id: string }) => i.indicator_id)).toEqual([
      'profit_contribution', 'net_deposit_increase', 'asset_quality', 'profit_per_manager', 'deposits_per_manager', 'process_coverage',
    ]);
    // S11 has a 2026 target of 30,000: annual pro rata for the three months, 7,500
    expect(body.scorecard.indicators[0]).toMatchObject({ target: '7500.000000', target_source: 'annual_pro_rata' });
    const points = body.scorecard.indicators.reduce((s: number, i: { points: string }) => s + Math.round(Number(i.points) * 100), 0);
    expect(points).toBe(Math.round(Number(body.scorecard.card.indicator_points) * 100));
    expect(body.scheme).toMatchObject({ period: '2026-03-ytd', in_force: true });
    // a node no scheme scores (B1, a tier-1 branch: the default institution scheme scores sub-branches) has
    // no card, and the answer says why, for the page to say so
    const b1 = await (await get('/api/orgs/B1/scorecard?period=2026-03')).json();
    expect(b1.scorecard).toBeNull();
    expect(b1.scheme).toMatchObject({ period: '2026-03-ytd', in_force: false });
    expect(b1.scheme.reason).toMatch(/^no institution scheme for level tier1_branch in force at B1 or above on 2026-03-31$/);
  });
});

describe('GET /api/orgs/{org_id}/target-cascade', () => {
  it('shows own, children\'s and managers\' targets and the gaps, for the latest planned year by default', async () => {
    const body = await (await get('/api/orgs/HQ/target-cascade?sort=org_id&order=asc')).json();
    expect(body.meta).toMatchObject({ period: '2026', metric: null });
    const by = Object.fromEntries(body.rows.map((r: { org_id: string }) => [r.org_id, r]));
    // HQ: B1 60,000 + B2 40,000 = 100,000, no gap; B1: S11 30,000 only → short by 30,000; B2: S21 none
    expect(by.HQ).toMatchObject({ target: '100000.000000', children_target: '100000.000000', children_gap: '0.000000', is_gap: false });
    expect(by.B1).toMatchObject({ children_target: '30000.000000', children_gap: '30000.000000', is_gap: true });
    expect(by.B2).toMatchObject({ children_target: null, children_gap: '40000.000000', is_gap: true });
    expect(by.S12).toMatchObject({ own_target: null, target: null, target_derived: false }); // no base to split by
    expect((await get('/api/orgs/HQ/target-cascade?period=2025')).status).toBe(404);
    expect((await get('/api/orgs/HQ/target-cascade?metric=Bad-Name')).status).toBe(400);
    const xlsx = await get('/api/orgs/HQ/target-cascade?format=xlsx');
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
  });
});
