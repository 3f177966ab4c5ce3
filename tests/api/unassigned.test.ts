// GET /api/orgs/{org_id}/unassigned: the unassigned bucket (未分配) beside the league table. On the
// API fixture (tests/api/fixture.ts) plus C9, a client of S12 nobody holds: a demand account A9 of
// 73,000.00 (avg 73,000.00 = 2 × 36,500, at 0.35 % against the overnight FTP point 2.00 %) every
// month of 2026-Q1, and a fee F9 of 300.00 in February. Deposit spread: 2 × 1.65 × days = 3.30 × 31
// + 3.30 × 28 + 3.30 × 31 = 102.30 + 92.40 + 102.30 = 297.00; profit contribution 297.00 + 300.00 = 597.00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/db.ts';
import { buildAndPublish } from '../../warehouse/results.ts';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let head: string;

beforeAll(async () => {
  f = await createFixture();
  const wh = await Warehouse.open(f.dbPath);
  try {
    await wh.run(`
      insert into raw_clients values ('C9', '客户九', 'individual', null, null, '2020-01-01', 'S12', 1);
      insert into raw_deposits values
        ('2026-01-31', 'A9', 'C9', 'DEP1', 'CNY', 73000.00, 73000.00, 0.350000, 'S12', 1),
        ('2026-02-28', 'A9', 'C9', 'DEP1', 'CNY', 73000.00, 73000.00, 0.350000, 'S12', 1),
        ('2026-03-31', 'A9', 'C9', 'DEP1', 'CNY', 73000.00, 73000.00, 0.350000, 'S12', 1);
      insert into raw_fees values ('2026-02-20', 'F9', 'C9', 'FEE1', 300.00, null, 'S12', 1);`);
  } finally {
    wh.close();
  }
  await buildAndPublish(f.dbPath);
  ctx = await fixtureApp(f);
  head = await login(ctx.app, 'head');
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const get = (path: string, cookie = head) => ctx.app.request(path, { headers: { cookie } });
/** A decimal string in fen, exactly. */
const fen = (v: unknown) => BigInt(String(v).replace('.', ''));

describe('GET /api/orgs/{org_id}/unassigned', () => {
  it('lists each node of the subtree with unassigned business, by hand', async () => {
    const body = await (await get('/api/orgs/HQ/unassigned?period=2026-Q1&sort=org_id&order=asc')).json();
    expect(body.rows.map((r: { org_id: string }) => r.org_id)).toEqual(['B1', 'HQ', 'S12']);
    for (const r of body.rows) {
      expect(r).toMatchObject({ deposit_end_balance: '73000.00', deposit_spread: '297.00', fee_income: '300.00', profit_contribution: '597.00', clients: '1' });
    }
    expect(body.columns.map((c: { key: string }) => c.key)).toContain('profit_contribution');
  });

  it('adds up with the managers of the league table to the node', async () => {
    for (const org of ['HQ', 'B1', 'S12']) {
      const node = (await (await get(`/api/orgs/${org}?period=2026-Q1`)).json()).figures;
      const league = (await (await get(`/api/orgs/${org}/managers?period=2026-Q1&page_size=200`)).json()).rows as Record<string, unknown>[];
      const [own] = (await (await get(`/api/orgs/${org}/unassigned?period=2026-Q1&sort=org_id`)).json()).rows.filter((r: { org_id: string }) => r.org_id === org);
      // balances and fees are whole fen in every row: exact
      for (const m of ['deposit_end_balance', 'fee_income']) {
        expect(league.reduce((s, r) => s + fen(r[m]), 0n) + fen(own[m])).toBe(fen(node[m]));
      }
      // spreads are rounded once per row: within half a fen per row of the node
      const diff = league.reduce((s, r) => s + fen(r.profit_contribution), 0n) + fen(own.profit_contribution) - fen(node.profit_contribution);
      expect(Math.abs(Number(diff))).toBeLessThanOrEqual(Math.ceil((league.length + 1) / 2));
    }
  });

  it('downloads as CSV and XLSX', async () => {
    const csv = await get('/api/orgs/B1/unassigned?period=2026-Q1&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('unassigned-2026-Q1-B1.csv');
    expect(await csv.text()).toContain('597.00');
    const xlsx = await get('/api/orgs/B1/unassigned?period=2026-Q1&format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('is scoped like the other org routes', async () => {
    expect((await get('/api/orgs/B1/unassigned?period=2026-Q1', await login(ctx.app, 'pres_s21'))).status).toBe(404); // outside S21
    expect(await (await get('/api/orgs/S21/unassigned?period=2026-Q1', await login(ctx.app, 'pres_s21'))).json()).toMatchObject({ total: 0 });
    expect((await get('/api/orgs/S11/unassigned?period=2026-Q1', await login(ctx.app, 'mgr_m1'))).status).toBe(403); // a manager has no institutions
    expect((await get('/api/orgs/B1/unassigned?period=2026-Q1&sort=nope')).status).toBe(400);
  });
});
