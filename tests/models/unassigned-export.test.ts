// `jixiao export unassigned` on the fixture bank (tests/fixtures/models/bank.ts): C6 has no
// assignment, home org SB2; its account A4 (demand, avg 730,000 = 20 × 36,500) and its fee F5
// (200.00) are the only unassigned business. 2026-Q1 deposit spread of A4: FTP 3 months 1.50
// (January, February), 1.80 (March) − 0.30: 20 × 1.20 × 31 + 20 × 1.20 × 28 + 20 × 1.50 × 31
// = 744 + 672 + 930 = 2,346.00; profit contribution 2,346.00 + 200.00 = 2,546.00.
// The managers' profit contributions (export.test.ts): M1 59,117.50, M2 19,431.00 (SB1), M3 14,573.00 (SB2).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { builtFixture } from './helpers.ts';
import { publishBuiltInPlace } from '../../warehouse/results.ts';

let dir: string;
let db: string;
beforeAll(async () => {
  const t = await builtFixture();
  t.wh.close(); // the CLI opens the file itself
  dir = t.dir;
  db = join(dir, 'jixiao.duckdb');
  await publishBuiltInPlace(db); // export reads the published results
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function exported(...args: string[]): Promise<Record<string, unknown>[]> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(c, _e, cb) { chunks.push(Buffer.from(c)); cb(); } });
  const err = new Writable({ write(_c, _e, cb) { cb(); } });
  const code = await main(['export', ...args, '--format', 'json', '--db', db], out as unknown as typeof process.stdout, err as unknown as typeof process.stderr);
  expect(code).toBe(0);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>[];
}

describe('jixiao export unassigned', () => {
  it('one row per node whose subtree booked unassigned business, in tree order', async () => {
    const rows = await exported('unassigned', '--period', '2026-Q1');
    expect(rows.map((r) => r.org_id)).toEqual(['HO', 'BR1', 'SB2']); // SB1 booked none
    for (const r of rows) {
      expect(r).toMatchObject({ period: '2026-Q1', deposit_avg_balance: 730000, deposit_spread: 2346, fee_income: 200, profit_contribution: 2546, clients: 1 });
    }
    expect(Object.keys(rows[0]!)).toContain('sales_wealth_units'); // every metric, keyed by its name
  });

  it('with the managers, adds up to the node', async () => {
    const orgs = Object.fromEntries((await exported('orgs', '--period', '2026-Q1')).map((r) => [r.org_id, r.profit_contribution]));
    // SB2: M3 14,573.00 + 2,546.00 = 17,119.00; HO: 59,117.50 + 19,431.00 + 14,573.00 + 2,546.00 = 95,667.50
    expect(orgs.SB2).toBe(17119);
    expect(orgs.HO).toBe(95667.5);
    const sb1 = await exported('unassigned', '--period', '2026-Q1', '--org', 'SB1');
    expect(sb1).toEqual([]); // SB1: M1 + M2 = 78,548.50 = the node, nothing unassigned
    expect(orgs.SB1).toBe(78548.5);
    expect((await exported('unassigned', '--period', '2026-Q1', '--org', 'SB2')).map((r) => r.org_id)).toEqual(['SB2']);
  });
});
