// Base figures follow the client: the base of a holder for period P is what the clients it holds at
// P's end produced in the same period a year earlier, × share — whoever held them then.
// The fixture bank plus a 2025-Q1 (so that 2026-Q1 has a base period):
//   fees   2025-01-20 C1 300.00 · 2025-02-10 C4 700.00 · 2025-03-15 C3 50.00
//   deposits of C4 (A3, demand at 0.30%) 365,000 (k = 365,000 / 36,500 = 10) at each 2025 month-end;
//   no curve is in effect before 2025-12-01, so the first curve prices them: 3m 1.50 → Δ 1.20;
//   spread 10 × 1.2 × (31 + 28 + 31) = 1,080.00
// In 2025 C4 was M2's; at 2026-03-31 it is M3's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFixture, rowOf, type TempWarehouse } from './helpers.ts';

const priorYear = `
insert into raw_fees values
  (date '2025-01-20', 'P1', 'C1', 'FEE', 300.00, null, 'SB1', 9),
  (date '2025-02-10', 'P2', 'C4', 'FEE', 700.00, null, 'SB1', 9),
  (date '2025-03-15', 'P3', 'C3', 'FEE',  50.00, null, 'SB1', 9);
insert into raw_deposits values
  (date '2025-01-31', 'A3', 'C4', 'DDEM', 'CNY', 365000.00, 365000.00, 0.30, 'SB1', 9),
  (date '2025-02-28', 'A3', 'C4', 'DDEM', 'CNY', 365000.00, 365000.00, 0.30, 'SB1', 9),
  (date '2025-03-31', 'A3', 'C4', 'DDEM', 'CNY', 365000.00, 365000.00, 0.30, 'SB1', 9);
`;

let t: TempWarehouse;
beforeAll(async () => {
  t = await builtFixture(priorYear);
});
afterAll(() => t?.close());

const metric = (subject: 'manager' | 'org', id: string, name: string) =>
  rowOf(
    t.wh,
    `select actual::varchar as actual, base::varchar as base, growth::varchar as growth
     from mart_${subject}_metrics where period = '2026-Q1' and ${subject}_id = $id and metric = $metric`,
    { id, metric: name },
  );

describe('base figures follow the client', () => {
  it('in 2025-Q1 C4 was M2\'s: its fee counts in M2\'s actual figures', async () => {
    const m2 = await rowOf(t.wh, `select fee_income::varchar as fee from mart_manager_period where period = '2025-Q1' and manager_id = 'M2'`, {});
    expect(m2.fee).toBe('750.00'); // C4 700 + C3 50
  });

  it('M3, holding C4 at 2026-03-31, gets C4\'s 2025-Q1 figures as its base', async () => {
    expect(await metric('manager', 'M3', 'fee_income')).toEqual({ actual: '1300.000000', base: '700.000000', growth: '600.000000' });
    // profit base = C4's 2025-Q1 profit: fee 700 + deposit spread 1,080; growth = 14,573 − 1,780
    expect(await metric('manager', 'M3', 'profit_contribution')).toEqual({ actual: '14573.000000', base: '1780.000000', growth: '12793.000000' });
    expect((await metric('manager', 'M3', 'deposit_avg_balance')).base).toBe('365000.000000');
    expect((await metric('manager', 'M3', 'deposit_spread')).base).toBe('1080.000000');
  });

  it('M2 no longer carries C4\'s history; a base given in the targets file still wins', async () => {
    expect((await metric('manager', 'M2', 'profit_contribution')).base).toBe('50.000000'); // C3 50 + C2 half of 0
    expect((await metric('manager', 'M2', 'fee_income')).base).toBe('1000.000000'); // given: M2 2026 Q1 fee_income
    expect((await metric('manager', 'M1', 'profit_contribution')).base).toBe('300.000000'); // C1 300 + C2 half of 0
  });

  it('institutions sum their holders\' bases; the head office base is the prior-year ledger total', async () => {
    expect((await metric('org', 'SB1', 'profit_contribution')).base).toBe('350.000000'); // M1 300 + M2 50
    expect((await metric('org', 'SB2', 'profit_contribution')).base).toBe('1780.000000'); // M3 1,780 + C6 0
    expect((await metric('org', 'HO', 'profit_contribution')).base).toBe('2130.000000'); // 300 + 700 + 50 + 1,080
  });

  it('has no base for net deposit increase when the base period\'s own base date is not loaded', async () => {
    expect((await metric('manager', 'M3', 'net_deposit_increase')).base).toBeNull(); // 2024-12-31 not loaded
  });
});
