// The macros of sql/macros/ — exact division, the 64-bit money arithmetic, the marts' rounding,
// div_ratio's proven DOUBLE estimate and held_share (DuckDB's DECIMAL / DECIMAL would be a DOUBLE):
// hand cases for rounding half away from zero, and the fast 64-bit forms against the general
// 128-bit one on random values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/db.ts';
import { createMacros } from '../../warehouse/macros.ts';

let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(':memory:');
  await createMacros(wh); // as every build does
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

  it('expected_loss_e8: avg × pd × lgd × days / 365 to 10^-8 yuan, rounded once', async () => {
    // 3,650,000 × 0.02 × 0.5 × 31 / 365 = 36,500 × 31 / 365 = 3,100 exactly
    expect(await one('expected_loss_e8(3650000.00::decimal(18,2), 0.02::decimal(9,6), 0.5::decimal(9,6), 31)')).toBe('3100.00000000');
    // 1,000,000 × 0.013 × 0.45 × 30 / 365 = 175,500 / 365 = 480.821917808… → 480.82191781
    expect(await one('expected_loss_e8(1000000.00::decimal(18,2), 0.013::decimal(9,6), 0.45::decimal(9,6), 30)')).toBe('480.82191781');
    // exactly half a unit: 0.73 × 0.001 × 0.00025 × 30 / 365 = 1.5 × 10^-8 → 2 × 10^-8, away from zero
    expect(await one('expected_loss_e8(0.73::decimal(18,2), 0.001::decimal(9,6), 0.00025::decimal(9,6), 30)')).toBe('0.00000002');
    expect(await one('expected_loss_e8(-0.73::decimal(18,2), 0.001::decimal(9,6), 0.00025::decimal(9,6), 30)')).toBe('-0.00000002');
    expect(await one('expected_loss_e8(5000000.00::decimal(18,2), 0::decimal(9,6), 0.45::decimal(9,6), 31)')).toBe('0.00000000');
  });

  it('expected_loss_e8 equals the single-rounded 128-bit product on random loans up to 10^9 yuan', async () => {
    const [r] = await wh.query<{ n: string; diff: string }>(`
      with v as (
        select (random() * 2e9 - 1e9)::decimal(18,2) as a, random()::decimal(9,6) as pd, random()::decimal(9,6) as lgd,
          (28 + floor(random() * 4))::integer as days
        from range(20000)
      ),
      x as (
        select expected_loss_e8(a, pd, lgd, days) as e,
          cast(a * 100 as hugeint) * cast(pd * 1000000 as hugeint) * cast(lgd * 1000000 as hugeint) * days as n,
        from v
      )
      select count(*)::varchar as n,
        count(*) filter (where e <> sign(n) * ((2 * abs(n) + 365000000) // 730000000) * 0.00000001)::varchar as diff,
      from x`);
    expect(r).toEqual({ n: '20000', diff: '0' });
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

  it('round_fen and mart_fen: round to the fen, half away from zero, the 64-bit path as the 128-bit one', async () => {
    // 1,234.565 → 1,234.57 (a tie, away from zero); −1,234.565 → −1,234.57; null → 0
    expect(await one('mart_fen(1234.565::decimal(38,8))')).toBe('1234.57');
    expect(await one('mart_fen(-1234.565::decimal(38,8))')).toBe('-1234.57');
    expect(await one('mart_fen(1234.56499999::decimal(38,8))')).toBe('1234.56');
    expect(await one('mart_fen(null::decimal(38,8))')).toBe('0.00');
    expect(await one('round_fen(null::decimal(38,8))')).toBeNull();
    expect(await one('round_fen(-0.125::decimal(24,6))')).toBe('-0.13');
    // at and beyond the 64-bit path's bound (10^9), and 14 places (the 128-bit path)
    expect(await one('mart_fen(999999999.995::decimal(38,8))')).toBe('1000000000.00');
    expect(await one('mart_fen(123456789012.345::decimal(38,8))')).toBe('123456789012.35');
    expect(await one('mart_fen(0.00499999999999::decimal(38,14))')).toBe('0.00');
    expect(await one('mart_fen(-0.005::decimal(38,14))')).toBe('-0.01');
    // random values of every scale the marts round, against round() on the value as it is
    const [r] = await wh.query<Record<string, string>>(`
      with v as (
        select (random() * 4e9 - 2e9)::decimal(38,8) as a8, (round(random() * 2e6 - 1e6, 2) + 0.005)::decimal(38,8) as tie8,
          (random() * 2e9 - 1e9)::decimal(24,6) as a6, (random() * 2e4 - 1e4)::decimal(38,14) as a14,
          (random() * 2e12 - 1e12)::decimal(38,2) as a2
        from range(20000)
      )
      select
        count(*) filter (where mart_fen(a8) <> round(a8, 2))::varchar as a8,
        count(*) filter (where mart_fen(tie8) <> round(tie8, 2))::varchar as tie8,
        count(*) filter (where mart_fen(a6) <> round(a6, 2))::varchar as a6,
        count(*) filter (where mart_fen(a14) <> round(a14, 2))::varchar as a14,
        count(*) filter (where mart_fen(a2) <> a2)::varchar as a2,
      from v`);
    expect(r).toEqual({ a8: '0', tie8: '0', a6: '0', a14: '0', a2: '0' });
  });

  it('div_ratio: the DOUBLE estimate is taken only when proven, so it equals the 128-bit division', async () => {
    // exact ties at the 7th place go away from zero; 1/3 and −2/3 round to the nearest millionth
    expect(await one('div_ratio(0.0000005::decimal(18,8), 1)')).toBe('0.000001');
    expect(await one('div_ratio(-0.0000005::decimal(18,8), 1)')).toBe('-0.000001');
    expect(await one('div_ratio(0.0000015::decimal(18,8), 1::bigint)')).toBe('0.000002');
    expect(await one('div_ratio(1, 3)')).toBe('0.333333');
    expect(await one('div_ratio(-2, 3)')).toBe('-0.666667');
    expect(await one('div_ratio(5, 0)')).toBeNull();
    expect(await one('div_ratio(null, 5)')).toBeNull();
    const slow = (n: string, d: string) => `cast(div_units(${n}, ${d}, 6) * 0.000001 as decimal(18,6))`;
    // random operands of the marts' types, 14 places (always the 128-bit path), and exact ties:
    // den with one decimal × (2k + 1) × 0.0000005 lies exactly halfway between two millionths
    const [r] = await wh.query<Record<string, string>>(`
      with v as (
        select (random() * 2e8 - 1e8)::decimal(38,8) as a8, (random() * 2e6 - 1e6)::decimal(38,8) as b8,
          (random() * 1e4)::bigint as ca, (random() * 1e4)::bigint + 1 as cb,
          (random() * 2e8 - 1e8)::decimal(24,6) as a6, (random() * 2e3)::decimal(18,2) as b2,
          (random() * 2e4 - 1e4)::decimal(38,14) as a14, (random() * 2e12)::decimal(38,2) as big,
          round(random() * 2e4 - 1e4, 1)::decimal(18,1) as tden, (floor(random() * 2e6) - 1e6)::bigint as k
        from range(20000)
      ),
      t as (select *, cast(tden * (2 * k + 1) * 0.0000005 as decimal(38,8)) as tnum from v)
      select
        count(*) filter (where div_ratio(a8, b8) is distinct from ${slow('a8', 'b8')})::varchar as a8,
        count(*) filter (where div_ratio(ca, cb) is distinct from ${slow('ca', 'cb')})::varchar as counts,
        count(*) filter (where div_ratio(a6, b2) is distinct from ${slow('a6', 'b2')})::varchar as a6,
        count(*) filter (where div_ratio(a14, b8) is distinct from ${slow('a14', 'b8')})::varchar as a14,
        count(*) filter (where div_ratio(b2, big) is distinct from ${slow('b2', 'big')})::varchar as big,
        count(*) filter (where div_ratio(tnum, tden) is distinct from ${slow('tnum', 'tden')})::varchar as ties,
      from t`);
    expect(r).toEqual({ a8: '0', counts: '0', a6: '0', a14: '0', big: '0', ties: '0' });
  });
});

describe("held_share: a holder's part of a client figure, exact at 14 places", () => {
  it('takes the figure whole for share 1 and the exact product otherwise', async () => {
    expect(await one('held_share(1.000000::decimal(9,6), 1234.56789012::decimal(18,8))')).toBe('1234.56789012000000');
    // 0.333333 × 1,234.56789012 = 411.52221851736996 exactly (6 + 8 places: nothing lost)
    expect(await one('held_share(0.333333::decimal(9,6), 1234.56789012::decimal(18,8))')).toBe('411.52221851736996');
    expect(await one('held_share(0.500000::decimal(9,6), -0.00000001::decimal(18,8))')).toBe('-0.00000000500000');
    expect(await one('typeof(held_share(0.5::decimal(9,6), 1::decimal(18,8)))')).toBe('DECIMAL(38,14)');
  });
});
