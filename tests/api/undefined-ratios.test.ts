// 0/0 is undefined, not 0 %: a ratio whose denominator is 0 is null in the marts, the API (JSON and
// CSV) and the exports, end to end. Hand case on the API fixture, 2026-Q1 (figures at 2026-03-31):
//   M1, M3 and sub-branch S12 hold no loans: loan_end_balance 0.00 → npl_ratio null (was 0.000000);
//   M2 holds L3, 2,000,000.00 substandard → 2,000,000 / 2,000,000 = 1.000000;
//   B2 holds L5, 2,800,000.00 special mention (performing) → 0 / 2,800,000 = 0.000000: a real 0 stays 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createFixture, fixtureApp, login, publishedRows, removeFixture, type Fixture } from './fixture.ts';
import { main } from '../../cli/main.ts';

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

const get = (url: string) => ctx.app.request(url, { headers: { cookie: head } });

const mart = (sql: string) => publishedRows(f, sql);

async function exportJson(...args: string[]): Promise<Record<string, unknown>[]> {
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (c, _e, cb) => (chunks.push(Buffer.from(c)), cb()) });
  const code = await main(['export', ...args, '--format', 'json', '--db', f.dbPath], sink as unknown as typeof process.stdout, sink as unknown as typeof process.stderr);
  expect(code).toBe(0);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return Array.isArray(body) ? body : body.rows;
}

const byId = (rows: Record<string, unknown>[], key: string) => Object.fromEntries(rows.map((r) => [r[key], r.npl_ratio]));

describe('a ratio with a zero denominator is null, not 0', () => {
  it('in the marts', async () => {
    const managers = await mart(`select manager_id, loan_end_balance::varchar as loans, npl_ratio::varchar as npl_ratio from mart_manager_period where period = '2026-Q1' order by manager_id`);
    expect(managers).toEqual([
      { manager_id: 'M1', loans: '0.00', npl_ratio: null },
      { manager_id: 'M2', loans: '2000000.00', npl_ratio: '1.000000' },
      { manager_id: 'M3', loans: '0.00', npl_ratio: null },
      { manager_id: 'M4', loans: '2800000.00', npl_ratio: '0.000000' },
    ]);
    const orgs = await mart(`select org_id, npl_ratio::varchar as npl_ratio from mart_org_period where period = '2026-Q1' and org_id in ('S12', 'B2') order by org_id`);
    expect(orgs).toEqual([
      { org_id: 'B2', npl_ratio: '0.000000' },
      { org_id: 'S12', npl_ratio: null },
    ]);
    const risk = await mart(`select manager_id, npl_ratio::varchar as npl_ratio, originated_npl_ratio::varchar as originated from mart_manager_risk_period where period = '2026-Q1' and manager_id = 'M1'`);
    expect(risk).toEqual([{ manager_id: 'M1', npl_ratio: null, originated: null }]);
    const clients = await mart(`select client_id, npl_ratio::varchar as npl_ratio from mart_client_period where period = '2026-Q1' and client_id in ('C1', 'C3') order by client_id`);
    expect(clients).toEqual([
      { client_id: 'C1', npl_ratio: null },
      { client_id: 'C3', npl_ratio: '1.000000' },
    ]);
  });

  it('in the API, JSON and CSV', async () => {
    const res = await get('/api/orgs/HQ/managers?period=2026-Q1');
    expect(res.status).toBe(200);
    const rows = (await res.json()).rows as Record<string, unknown>[];
    expect(byId(rows, 'manager_id')).toEqual({ M1: null, M2: '1.000000', M3: null, M4: '0.000000' });
    const csv = await (await get('/api/orgs/HQ/managers?period=2026-Q1&format=csv&lang=en')).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    const col = lines[0]!.split(',').indexOf('NPL ratio (ratio: 1 = 100%)');
    expect(col).toBeGreaterThan(0);
    const m1 = lines.find((l) => l.split(',').includes('M1'))!.split(',');
    expect(m1[col]).toBe(''); // empty cell, never 0.000000
  });

  it('in the exports', async () => {
    // JSON exports write ratios as numbers
    expect(byId(await exportJson('managers', '--period', '2026-Q1'), 'manager_id')).toEqual({ M1: null, M2: 1, M3: null, M4: 0 });
    const orgs = byId(await exportJson('orgs', '--period', '2026-Q1'), 'org_id');
    expect(orgs.S12).toBeNull();
    expect(orgs.B2).toBe(0);
  });
});
