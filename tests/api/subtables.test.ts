// Tables fed from non-list endpoints download like the lists: a manager's scorecard lines, items
// and metrics, and each table of the client page, as CSV (headers from the glossary) or XLSX.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let head: string;

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f);
  head = await login(ctx.app, 'head');
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const get = (path: string, cookie = head) => ctx.app.request(path, { headers: { cookie } });
const csvLines = async (path: string) => {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  return (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r\n/);
};

describe('manager page sub-tables', () => {
  it('the scorecard’s indicator lines: one CSV row per line of the JSON card, points as in the JSON', async () => {
    const body = await (await get('/api/managers/M1?period=2026-03')).json();
    const indicators = body.scorecard.indicators as Record<string, string>[];
    expect(indicators.length).toBeGreaterThan(0);
    const lines = await csvLines('/api/managers/M1?period=2026-03&table=scorecard&format=csv&lang=en');
    expect(lines.length).toBe(indicators.length + 1);
    const head = lines[0]!.split(',');
    expect(head).toContain('Points');
    const col = head.indexOf('Points');
    expect(lines.slice(1).map((l) => l.split(',')[col])).toEqual(indicators.map((i) => i.points));
    const dispo = (await get('/api/managers/M1?period=2026-03&table=scorecard&format=xlsx')).headers.get('content-disposition');
    expect(dispo).toBe('attachment; filename="scorecard-M1-2026-03-ytd.xlsx"');
  });

  it('metrics against target: profit contribution’s line is 1875.47 of 2000 (0.937735) in 2026-Q1', async () => {
    const lines = await csvLines('/api/managers/M1?period=2026-Q1&table=metrics&format=csv&lang=en');
    const head = lines[0]!.split(',');
    // The metric as its label; a money metric's target at the fen (the long-form mart keeps 6 decimals).
    const row = lines.find((l) => l.startsWith('Profit contribution,'))!.split(',');
    expect(row[head.indexOf('Target')]).toBe('2000.00');
    expect(row[head.indexOf('Achievement (ratio: 1 = 100%)')]).toBe('0.937735');
  });

  it('XLSX is a workbook; a download without `table`, or an unknown one, is a 400', async () => {
    const x = await get('/api/managers/M1?period=2026-03&table=scorecard_items&format=xlsx');
    expect(x.status).toBe(200);
    expect(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect((await get('/api/managers/M1?format=csv')).status).toBe(400);
    expect((await get('/api/managers/M1?format=csv&table=pay%27--')).status).toBe(400);
    // JSON stays the default.
    expect((await get('/api/managers/M1?table=scorecard')).headers.get('content-type')).toContain('application/json');
  });
});

describe('client page sub-tables', () => {
  it('holders, history, ledgers and products held: the JSON’s rows, one per CSV line', async () => {
    const body = await (await get('/api/clients/C6')).json();
    expect((await csvLines('/api/clients/C6?table=holders&format=csv')).length).toBe(body.holders.length + 1);
    expect((await csvLines('/api/clients/C6?table=history&format=csv')).length).toBe(body.history.length + 1);
    expect((await csvLines('/api/clients/C6?table=deposits&format=csv')).length).toBe(body.ledgers.deposits.length + 1);
    // C6 holds one deposit account (A6), at 2026-03-31 its balance 42000.00: the latest month only.
    const held = await csvLines('/api/clients/C6?table=held&format=csv&lang=en');
    expect(held.length).toBe(2);
    expect(held[1]).toContain('A6');
    expect(held[1]).toContain('42000.00');
    expect((await get('/api/clients/C6?format=xlsx')).status).toBe(400);
  });
});
