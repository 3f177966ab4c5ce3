// The corporate default card through the real build, on the models' hand-built fixture bank
// (tests/fixtures/models/bank.ts, whose figures tests/models/fixture-marts.test.ts works out by
// hand): M1 of sub-branch SB1, 2026-Q1 → scoring period 2026-03-ytd. The figures below are the
// ones proved there; the targets and adjustments are added here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFixture, type TempWarehouse } from '../models/helpers.ts';
import { failedChecks } from './fixture.ts';
import { isKnownMetric } from '../../contract/metrics.ts';

const extra = `
insert into raw_targets values
  (2026, 'Q1', 'manager', 'M1', 'loan_spread',    null, 40000.00, 1),
  (2026, 'Q1', 'manager', 'M1', 'deposit_spread', null, 20000.00, 1),
  (2026, 'Q1', 'manager', 'M1', 'fee_income',     null,  1000.00, 1),
  (2026, 'Q1', 'manager', 'M1', 'new_clients',    null,     1.00, 1),
  (2026, 'Q1', 'manager', 'M1', 'npl_ratio',      null,     0.02, 1);
insert into raw_adjustments values
  (2026, 'Q1', 'M1', 'key_project', 3.00, '重点项目', 'hr', 2, 1),
  (2026, 'Q1', 'M1', '市场调研报告', 1.00, null, 'hr', 3, 1),
  (2026, 'Q1', 'M1', '客户投诉', -5.00, null, 'hr', 4, 1);
`;

let t: TempWarehouse;
beforeAll(async () => {
  t = await builtFixture(extra);
}, 300_000);
afterAll(() => t?.close());

const P = '2026-03-ytd';

describe('corporate default through the real build (M1, 2026-03-ytd)', () => {
  it('scores every indicator from the marts', async () => {
    const rows = await t.wh.query<{ indicator_id: string; actual: string; target: string; achievement: string; points: string }>(
      `select indicator_id, actual, target, achievement, points from mart_scorecard_indicators where manager_id = 'M1' and period = $p order by ordinal`,
      { p: P },
    );
    expect(rows.map((r) => [r.indicator_id, r.points])).toEqual([
      ['profit_contribution', '35.47'], // 59,117.50 / 50,000 = 1.18235 × 30 = 35.4705
      ['loan_spread', '15.16'], // 40,425 / 40,000 = 1.010625 × 15 = 15.159375
      ['deposit_spread', '13.04'], // 17,392.50 / 20,000 = 0.869625 × 15 = 13.044375
      ['fee_income', '18.00'], // 1,300 / 1,000 = 1.3 → cap 1.2 × 15
      ['new_clients', '0.00'], // 0 / 1
      ['asset_quality', '18.00'], // NPL ratio 0: none at all earns the cap, 1.2 × 15
    ]);
    expect(rows[0]).toMatchObject({ actual: '59117.500000', target: '50000.000000', achievement: '1.182350' });
  });

  it('totals, grades with forced distribution, and pays', async () => {
    const card = await t.wh.query(
      `select indicator_points, bonus_points, deduction_points, total_score, grade_by_threshold, grade, forced_down, institution_id, institution_managers
       from mart_scorecards where manager_id = 'M1' and period = $p`,
      { p: P },
    );
    // 35.47 + 15.16 + 13.04 + 18 + 0 + 18 = 99.67; bonus: key project 3 + report 1 = 4; complaint −5
    // total 98.67 → excellent by score; but BR1 (the tier-1 institution) has 2 corporate managers
    // (M1, M3): at most floor(30% × 2) = 0 keep excellent → good
    expect(card).toEqual([{
      indicator_points: '99.67', bonus_points: '4.00', deduction_points: '-5.00', total_score: '98.67',
      grade_by_threshold: 'excellent', grade: 'good', forced_down: true, institution_id: 'BR1', institution_managers: 2,
    }]);
    const pay = await t.wh.query(
      `select pay_base, pay_target, layer_target_pay, layer_increment_pay, layer_above_pay, efficiency_pay, management_score,
         earned_efficiency_pay, base_pay, actual_pay, pool_contribution, paid_pay
       from mart_pay where manager_id = 'M1' and period = $p`,
      { p: P },
    );
    // base: none (2025 not loaded) → B = 0, T = 50,000
    // layers: 0 × 0.02 = 0; min(59,117.50, 50,000) × 0.05 = 2,500; (59,117.50 − 50,000) × 0.08 = 729.40
    // efficiency 3,229.40 × 986.7 / 1000 = 3,186.44898 → 3,186.45; base pay A 15,000 × 3 = 45,000
    // actual 48,186.45; pool 3,186.45 × 5% = 159.3225 → 159.32; paid 48,027.13
    expect(pay).toEqual([{
      pay_base: null, pay_target: '50000.000000', layer_target_pay: '0.00', layer_increment_pay: '2500.00', layer_above_pay: '729.40',
      efficiency_pay: '3229.40', management_score: '986.70', earned_efficiency_pay: '3186.45', base_pay: '45000.00',
      actual_pay: '48186.45', pool_contribution: '159.32', paid_pay: '48027.13',
    }]);
  });

  it('accepts every metric of mart_manager_metrics as an indicator metric', async () => {
    const metrics = (await t.wh.query<{ metric: string }>(`select distinct metric from mart_manager_metrics order by metric`)).map((r) => r.metric);
    expect(metrics.length).toBeGreaterThan(30);
    expect(metrics.filter((m) => !isKnownMetric(m))).toEqual([]);
  });

  it('passes the scorecard checks', async () => {
    expect(await failedChecks(t.wh)).toEqual({});
  });
});
