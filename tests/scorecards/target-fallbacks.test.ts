// Targets the targets file does not set come from the scheme's target_fallback, in order: the
// year's target pro rata (按时间进度), base growth, per month, fixed; target_source says which.
// The scheme's defaults.target_fallback applies to every indicator, merged under its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildBank, failedChecks, fixturesDir, tree, type Built, type Metric } from './fixture.ts';

const P = '2026-06-ytd'; // 6 months
const m = (manager_id: string, metric: string, actual: number, target: number | null, base: number | null = null, period = P): Metric => ({
  period, manager_id, metric, actual, target, base,
});

let bank: Built;
beforeAll(async () => {
  bank = await buildBank(
    {
      orgs: tree,
      managers: [
        { manager_id: 'R1', org_id: 'SB11', line: 'retail' },
        { manager_id: 'R2', org_id: 'SB21', line: 'retail' },
      ],
      metrics: [
        m('R1', 'sales_wealth_units', 45, null),
        m('R1', 'sales_fund_amount', 242_000, null, 200_000),
        m('R1', 'npl_ratio', 0.016, null, 0.025),
        m('R1', 'net_deposit_increase', 50, 100),
        m('R2', 'sales_wealth_units', 45, null),
        m('R2', 'sales_fund_amount', 300_000, null, null),
        m('R2', 'npl_ratio', 0.025, null, null),
        m('R2', 'net_deposit_increase', 50, 0),
      ],
      // R1's year target, as a bank sets it in the targets file. The year is not over (the bank
      // holds no period 2026, so mart_manager_metrics has no year row): the pro-rata fallback is
      // for exactly these quarters, so it reads the year's target from the targets file itself.
      targets: [{ year: 2026, period: 'Y', manager_id: 'R1', metric: 'sales_wealth_units', target_value: 120 }],
    },
    [join(fixturesDir, 'fallbacks')],
  );
});
afterAll(() => bank?.close());

async function lines(manager: string) {
  const rows = await bank.rows<{ indicator_id: string; target: string | null; target_source: string | null; achievement: string | null; points: string; note: string | null }>(
    `select indicator_id, target, target_source, achievement, points, note from mart_scorecard_indicators where manager_id = $m and period = $p`,
    { m: manager, p: P },
  );
  return Object.fromEntries(rows.map(({ indicator_id, ...r }) => [indicator_id, r]));
}

describe('target fallbacks', () => {
  it('takes the year target pro rata, then base growth, then per month, then fixed', async () => {
    const r1 = await lines('R1');
    // wealth: year target 120 × 6 / 12 = 60; 45 / 60 = 0.75 × 25 = 18.75
    expect(r1.wealth).toMatchObject({ target: '60.000000', target_source: 'annual_pro_rata', achievement: '0.750000', points: '18.75' });
    // funds: base 200,000 × 1.1 = 220,000; 242,000 / 220,000 = 1.1 × 25 = 27.50
    expect(r1.funds).toMatchObject({ target: '220000.000000', target_source: 'base_growth', achievement: '1.100000', points: '27.50' });
    // NPL (lower is better): base 0.025 × (1 − 0.2) = 0.02; 0.02 / 0.016 = 1.25 → cap 1.2 × 25 = 30.00
    expect(r1.asset_quality).toMatchObject({ target: '0.020000', target_source: 'base_growth', achievement: '1.250000', points: '30.00' });
    // a target in the targets file wins: 50 / 100 = 0.5 × 25 = 12.50
    expect(r1.deposits).toMatchObject({ target: '100.000000', target_source: 'targets', points: '12.50' });
  });

  it('falls through to per month and fixed when there is no year target or base', async () => {
    const r2 = await lines('R2');
    // wealth: no year target → 5 a month × 6 = 30; 45 / 30 = 1.5 → cap 1.2 × 25 = 30.00
    expect(r2.wealth).toMatchObject({ target: '30.000000', target_source: 'per_month', points: '30.00' });
    // funds: no base → 100,000 × 6 = 600,000; 300,000 / 600,000 = 0.5 × 25 = 12.50
    expect(r2.funds).toMatchObject({ target: '600000.000000', target_source: 'per_month', points: '12.50' });
    // NPL: no base → fixed 0.02; 0.02 / 0.025 = 0.8 × 25 = 20.00
    expect(r2.asset_quality).toMatchObject({ target: '0.020000', target_source: 'fixed', achievement: '0.800000', points: '20.00' });
    // a zero target with no fallback of its own (annual pro rata finds no year target): 0 points, said so
    expect(r2.deposits).toMatchObject({ target: null, target_source: null, points: '0.00', note: 'no_target' });
  });
});

it('passes the scorecard checks (keys, card and pay identities, pool tree)', async () => {
  expect(await failedChecks(bank.wh)).toEqual({});
});
