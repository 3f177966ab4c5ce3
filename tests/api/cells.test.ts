// The loans behind a migration-matrix cell and a vintage point, hand-read from the fixture's two
// loans: L3 (C3, booked by M2 in S11 on 2025-06-01: normal in January, substandard from February)
// and L5 (C5, booked by M4 in S21 on 2025-03-01: normal in January, special mention from February;
// balance 3,000,000.00 at January's end, 2,900,000.00 at February's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let head: string;
let presB1: string;

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f);
  head = await login(ctx.app, 'head');
  presB1 = await login(ctx.app, 'pres_b1');
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const get = (path: string, cookie = head) => ctx.app.request(path, { headers: { cookie } });
const rowsOf = async (path: string, cookie = head) => {
  const res = await get(path, cookie);
  expect(res.status, path).toBe(200);
  return (await res.json()).rows as Record<string, unknown>[];
};

describe('migration cell → its loans', () => {
  it('2026-02 at HQ: normal → substandard is L3, normal → special mention is L5, with the cell’s balances', async () => {
    // February opens on the January 31 snapshot and closes on February 28.
    const sub = await rowsOf('/api/orgs/HQ/risk/migration/loans?period=2026-02&from_class=normal&to_class=substandard');
    expect(sub.map((r) => [r.loan_id, r.client_id, r.manager_id, r.holder_org_id, r.share, r.opening_balance, r.closing_balance])).toEqual([
      ['L3', 'C3', 'M2', 'S11', '1.000000', '2000000.00', '2000000.00'],
    ]);
    const sm = await rowsOf('/api/orgs/HQ/risk/migration/loans?period=2026-02&from_class=normal&to_class=special_mention');
    expect(sm.map((r) => [r.loan_id, r.manager_id, r.opening_balance, r.closing_balance])).toEqual([['L5', 'M4', '3000000.00', '2900000.00']]);
    // The rows add up to the matrix's cell.
    const matrix = (await (await get('/api/orgs/HQ/risk/migration?period=2026-02')).json()).rows as Record<string, string>[];
    const cell = matrix.find((r) => r.from_class === 'normal' && r.to_class === 'special_mention')!;
    expect(cell).toMatchObject({ loans: '1.000000', opening_balance: '3000000.00', closing_balance: '2900000.00' });
    // No filter: every loan of the opening book (both), each once.
    expect((await rowsOf('/api/orgs/HQ/risk/migration/loans?period=2026-02&sort=loan_id&order=asc')).map((r) => r.loan_id)).toEqual(['L3', 'L5']);
  });

  it('keeps to the node and the caller’s scope: B1 holds L3, not L5', async () => {
    expect(await rowsOf('/api/orgs/B1/risk/migration/loans?period=2026-02&to_class=special_mention', presB1)).toEqual([]);
    expect((await rowsOf('/api/orgs/B1/risk/migration/loans?period=2026-02', presB1)).map((r) => r.loan_id)).toEqual(['L3']);
    expect((await get('/api/orgs/B2/risk/migration/loans?period=2026-02', presB1)).status).toBe(404);
  });

  it('refuses a class outside the list (400 naming the parameter), so no text reaches the SQL', async () => {
    for (const bad of ["normal' or '1'='1", 'NPL', '']) {
      const res = await get(`/api/orgs/HQ/risk/migration/loans?period=2026-02&from_class=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('from_class');
    }
  });

  it('exports the cell as CSV', async () => {
    const res = await get('/api/orgs/HQ/risk/migration/loans?period=2026-02&to_class=substandard&format=csv&lang=en');
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines.length).toBe(2);
    expect(lines[1]).toContain('L3');
  });
});

describe('vintage point → its loans', () => {
  it('2025-Q2 at 8 months on book is L3 at February’s end (June → February = 8 months), non-performing', async () => {
    const rows = await rowsOf('/api/orgs/HQ/risk/vintage/loans?origination_quarter=2025-Q2&months_on_book=8');
    expect(rows.map((r) => [r.loan_id, r.client_id, r.originating_manager_id, r.as_of_date, r.five_class, r.is_npl, r.balance])).toEqual([
      ['L3', 'C3', 'M2', '2026-02-28', 'substandard', true, '2000000.00'],
    ]);
    // The point's count in the vintage chart is the same one loan.
    const vintage = (await (await get('/api/orgs/HQ/risk/vintage')).json()).rows as Record<string, unknown>[];
    const point = vintage.find((r) => r.origination_quarter === '2025-Q2' && Number(r.months_on_book) === 8)!;
    expect(Number(point.loans)).toBe(rows.length);
    // The whole quarter: L3 at each of its three month-ends; 2025-Q1 is L5 (booked in S21, not under B1).
    expect((await rowsOf('/api/orgs/HQ/risk/vintage/loans?origination_quarter=2025-Q2&sort=as_of_date&order=asc')).map((r) => r.as_of_date)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect((await rowsOf('/api/orgs/HQ/risk/vintage/loans?origination_quarter=2025-Q1')).map((r) => r.loan_id)).toEqual(['L5', 'L5', 'L5']);
    expect(await rowsOf('/api/orgs/B1/risk/vintage/loans?origination_quarter=2025-Q1', presB1)).toEqual([]);
  });

  it('refuses a malformed quarter or age', async () => {
    for (const q of ['origination_quarter=2025Q2', 'origination_quarter=2025-Q5', '', 'origination_quarter=2025-Q2&months_on_book=-1']) {
      expect((await get(`/api/orgs/HQ/risk/vintage/loans?${q}`)).status, q).toBe(400);
    }
  });
});
