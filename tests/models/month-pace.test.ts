// 序时进度: a month is measured by the year to date against the annual target by elapsed time
// (sql/marts/mart_month_pace.sql). The fixture bank plus annual targets for M1:
//   fee_income 2026 Y: base 2,190.00, target 3,650.00 (accrues over the year)
//   deposit_avg_balance 2026 Y: base 3,000,000.00, target 4,000,000.00 (a balance: a level)
// 2026-02: elapsed share = (31 + 28) / 365 = 59 / 365 = 0.161643835… → 0.161644.
// M1's fee income 2026-01…02: C1 1,000.00 (Jan) + half of C2's 600.00 (Feb, shared 50/50) = 1,300.00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFixture, rowOf, type TempWarehouse } from './helpers.ts';

const annualTargets = `
insert into raw_targets values
  (2026, 'Y', 'manager', 'M1', 'fee_income', 2190.00, 3650.00, 1),
  (2026, 'Y', 'manager', 'M1', 'deposit_avg_balance', 3000000.00, 4000000.00, 1);
`;

let t: TempWarehouse;
beforeAll(async () => {
  t = await builtFixture(annualTargets);
});
afterAll(() => t?.close());

const pace = (period: string, metric: string) =>
  rowOf(
    t.wh,
    `select elapsed_share::varchar as elapsed, accrues, ytd_actual::varchar as ytd, annual_target::varchar as annual,
       pace_target::varchar as target, pace_base::varchar as base, achievement::varchar as achievement, growth::varchar as growth
     from mart_month_pace where period = $period and subject_type = 'manager' and subject_id = 'M1' and metric = $metric`,
    { period, metric },
  );

describe('year to date against the annual target by elapsed time (序时进度)', () => {
  it('paces an accruing metric: target and base × the share of the year gone', async () => {
    expect(await pace('2026-02', 'fee_income')).toEqual({
      elapsed: '0.161644',
      accrues: true,
      ytd: '1300.000000',
      annual: '3650.000000',
      target: '590.000000', // 3,650 × 0.161644 = 590.0006 → 590.00
      base: '354.000000', // no 2025 ledger: the given 2,190 × 0.161644 = 354.00036 → 354.00
      achievement: '2.203390', // 1,300 / 590 = 2.2033898…
      growth: '946.000000', // 1,300 − 354
    });
  });

  it('holds a balance against the annual target as it stands (a level does not accrue)', async () => {
    const r = await pace('2026-02', 'deposit_avg_balance');
    expect(r.accrues).toBe(false);
    expect(r.target).toBe('4000000.000000');
    expect(r.base).toBe('3000000.000000');
  });

  it('gives the league its month columns from the pace, and leaves quarters on their own target', async () => {
    const month = await rowOf(
      t.wh,
      `select profit_contribution_target::varchar as target, elapsed_share::varchar as elapsed from mart_manager_league
       where period = '2026-02' and ancestor_id = 'HO' and manager_id = 'M1'`,
      {},
    );
    // M1 has no annual profit target: nothing to pace against, so no target (not the quarter's)
    expect(month).toEqual({ target: null, elapsed: null });
    const quarter = await rowOf(
      t.wh,
      `select profit_contribution_target::varchar as target, profit_contribution_ytd as ytd from mart_manager_league
       where period = '2026-Q1' and ancestor_id = 'HO' and manager_id = 'M1'`,
      {},
    );
    expect(quarter).toEqual({ target: '50000.000000', ytd: null }); // the Q1 row of the targets file
  });

  it('has a row only for months and metrics with an annual target', async () => {
    const rows = await t.wh.query<{ n: number }>(`select count(*)::integer as n from mart_month_pace where subject_id = 'M1'`);
    expect(rows[0]!.n).toBe(6); // 2 metrics × 3 months (2026-01…03; 2025-12 has no 2025 target)
  });
});
