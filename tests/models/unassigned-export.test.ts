// `jixiao export unassigned` on the fixture bank (tests/fixtures/models/bank.ts): C6 has no
// assignment, home org SB2; its account A4 (demand, avg 730,000 = 20 × 36,500) and its fee F5
// (200.00) are the only unassigned business. 2026-Q1 deposit spread of A4: FTP 3 months 1.50
// (January, February), 1.80 (March) − 0.30: 20 × 1.20 × 31 + 20 × 1.20 × 28 + 20 × 1.50 × 31
// = 744 + 672 + 930 = 2,346.00; profit contribution 2,346.00 + 200.00 = 2,546.00.
// The managers' profit contributions (export.test.ts): M1 59,117.50, M2 19,431.00 (SB1), M3 14,573.00 (SB2).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedFixture } from './helpers.ts';

let dir: string;
let exportCli: Awaited<ReturnType<typeof publishedFixture>>['exportCli'];
beforeAll(async () => {
  ({ dir, exportCli } = await publishedFixture());
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function exported(...args: string[]): Promise<Record<string, unknown>[]> {
  const r = await exportCli(...args, '--format', 'json');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>[];
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
