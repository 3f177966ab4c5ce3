// The exact division macros of migrations 011–013 (DuckDB's DECIMAL / DECIMAL would be a DOUBLE):
// hand cases for rounding half away from zero, and the fast 64-bit forms against the general
// 128-bit one on random values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/db.ts';

let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(':memory:');
});
afterAll(() => wh?.close());

const one = async (sql: string) => Object.values((await wh.query(`select ${sql} as v`))[0]!)[0];

describe('exact division macros', () => {
  it('round half away from zero, at the fen, 6 and 12 decimals', async () => {
    expect(await one('div_fen(1.005, 1)')).toBe('1.01');
    expect(await one('div_fen(-1.005, 1)')).toBe('-1.01');
    expect(await one('div_fen(20, 3)')).toBe('6.67'); // 6.666…
    expect(await one('div_fen(-10, 3)')).toBe('-3.33');
    expect(await one('div_fen(1, 0)')).toBeNull();
    expect(await one('div_ratio(2, 3)')).toBe('0.666667');
    expect(await one('div_full(1, 36500)')).toBe('0.000027397260'); // 0.0000273972602739…
    expect(await one('div_fen_n(1155407500.00, 90)')).toBe('12837861.11'); // 12,837,861.111…
    expect(await one('div_fen_n(0.25, 50)')).toBe('0.01'); // 0.005 → away from zero
    expect(await one('div_fen_n(-0.25, 50)')).toBe('-0.01');
  });

  it('spread_e8: avg × Δrate% × days / 36500 to 10^-8 yuan', async () => {
    // 3,650,000 × 1.2% × 31 / 365 = 3,720 exactly; 1,000,000 × 1.2% × 31 / 365 = 1,019.17808219178…
    expect(await one('spread_e8(3650000.00::decimal(18,2), 1.2::decimal(10,6), 31)')).toBe('3720.00000000');
    expect(await one('spread_e8(1000000.00::decimal(18,2), 1.2::decimal(10,6), 31)')).toBe('1019.17808219');
    expect(await one('spread_e8(1000000.00::decimal(18,2), -1.2::decimal(10,6), 31)')).toBe('-1019.17808219');
    // 0.01 × 0.000001% × 28 / 365: far below 10^-8 yuan
    expect(await one('spread_e8(0.01::decimal(18,2), 0.000001::decimal(10,6), 28)')).toBe('0.00000000');
  });

  it('the 64-bit forms equal the general 128-bit division on random values', async () => {
    const [r] = await wh.query<{ spread: string; average: string; fen: string; full: string }>(`
      with v as (
        select (random() * 2e8 - 1e8)::decimal(18,2) as a, (random() * 8 - 4)::decimal(10,6) as delta,
          (28 + floor(random() * 4))::integer as days, (1 + floor(random() * 366))::integer as n
        from range(20000)
      )
      select
        count(*) filter (where spread_e8(a, delta, days) <> div_units(cast(a as decimal(38,2)) * delta * days, 36500, 8) * 0.00000001)::varchar as spread,
        count(*) filter (where average_e8(a * n, n) <> div_units(a * n, n, 8) * 0.00000001)::varchar as average,
        count(*) filter (where div_fen_n(a * delta, n) <> div_fen(a * delta, n))::varchar as fen,
        count(*) filter (where div_full_n(a * delta, n) <> div_full(a * delta, n))::varchar as full,
      from v`);
    expect(r).toEqual({ spread: '0', average: '0', fen: '0', full: '0' });
  });
});
