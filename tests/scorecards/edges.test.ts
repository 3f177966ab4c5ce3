// Cap and floor edges of every formula, the bonus caps (item and section), unlisted adjustments,
// and a total below zero from deductions (no floor) — on tests/fixtures/scorecards/edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildBank, failedChecks, fixturesDir, tree, type Built, type Metric } from './fixture.ts';

const P = '2026-06-ytd';
const m = (manager_id: string, metric: string, actual: number, target: number | null = null): Metric => ({
  period: P, manager_id, metric, actual, target,
});

let bank: Built;
beforeAll(async () => {
  bank = await buildBank(
    {
      orgs: tree,
      managers: [
        { manager_id: 'R1', org_id: 'SB11', line: 'retail' },
        { manager_id: 'R2', org_id: 'SB11', line: 'retail' },
        { manager_id: 'R3', org_id: 'SB12', line: 'retail' },
      ],
      metrics: [
        m('R1', 'net_deposit_increase', -150_000, 1_500_000),
        m('R1', 'sales_fund_amount', 10, 100),
        m('R1', 'npl_ratio', 0.025, 0.02),
        m('R1', 'visits', 25),
        m('R1', 'new_clients', 10, 10),
        m('R1', 'development_visits', 12),
        m('R2', 'net_deposit_increase', 1_900_000, 1_500_000),
        m('R2', 'sales_fund_amount', 200, 100),
        m('R2', 'npl_ratio', 0, 0.02),
        m('R2', 'visits', 5),
        m('R2', 'new_clients', 9, 10),
        m('R3', 'visits', 40),
      ],
      adjustments: [
        { year: 2026, period: 'Q1', manager_id: 'R1', item: 'extra', points: 6 },
        { year: 2026, period: 'Q2', manager_id: 'R2', item: 'flower_show', points: 3 },
        { year: 2026, period: 'Q2', manager_id: 'R2', item: 'late_report', points: -1.5 },
        ...Array.from({ length: 7 }, () => ({ year: 2026, period: 'Q2', manager_id: 'R3', item: 'complaint', points: -5 })),
      ],
    },
    [join(fixturesDir, 'edges')],
  );
});
afterAll(() => bank?.close());

async function lines(manager: string) {
  const rows = await bank.rows<{ indicator_id: string; achievement: string | null; capped_achievement: string | null; points: string; note: string | null }>(
    `select indicator_id, achievement, capped_achievement, points, note from mart_scorecard_indicators where manager_id = $m and period = $p`,
    { m: manager, p: P },
  );
  return Object.fromEntries(rows.map((r) => [r.indicator_id, r]));
}

describe('indicator caps and floors', () => {
  it('floors a negative achievement at 0 and lifts a low one to a set floor', async () => {
    const r1 = await lines('R1');
    // −150,000 / 1,500,000 = −0.1 → floor 0 → 0 × 20 = 0.00
    expect(r1.deposits).toMatchObject({ achievement: '-0.100000', capped_achievement: '0.000000', points: '0.00', note: 'floored' });
    // 10 / 100 = 0.1 → the indicator's floor 0.5 → 0.5 × 20 = 10.00
    expect(r1.funds).toMatchObject({ achievement: '0.100000', capped_achievement: '0.500000', points: '10.00', note: 'floored' });
  });

  it('caps at the indicator cap, not only the default one', async () => {
    const r2 = await lines('R2');
    // 1,900,000 / 1,500,000 = 1.266667 → default cap 1.2 → 24.00
    expect(r2.deposits).toMatchObject({ achievement: '1.266667', capped_achievement: '1.200000', points: '24.00', note: 'capped' });
    // 200 / 100 = 2 → the indicator's cap 1.5 → 30.00
    expect(r2.funds).toMatchObject({ achievement: '2.000000', capped_achievement: '1.500000', points: '30.00', note: 'capped' });
  });

  it('scores lower-is-better as target / actual, and no NPL at all at the cap', async () => {
    // R1: 0.02 / 0.025 = 0.8 × 20 = 16.00; R2: no NPL → cap 1.2 × 20 = 24.00
    expect((await lines('R1')).asset_quality).toMatchObject({ achievement: '0.800000', points: '16.00' });
    expect((await lines('R2')).asset_quality).toMatchObject({ achievement: '1.200000', points: '24.00', note: 'none_best' });
  });

  it('scores banded linear: 0 below the floor, full at the band, linear between', async () => {
    // visits band 10 → 40: R1 25 → (25 − 10) / 30 = 0.5 × 20 = 10.00; R2 5 → 0; R3 40 → 20.00
    expect((await lines('R1')).visits).toMatchObject({ capped_achievement: '0.500000', points: '10.00' });
    expect((await lines('R2')).visits).toMatchObject({ capped_achievement: '0.000000', points: '0.00' });
    expect((await lines('R3')).visits).toMatchObject({ capped_achievement: '1.000000', points: '20.00' });
  });

  it('scores pass/fail at exactly the threshold as a pass', async () => {
    // R1: 10 / 10 = 1 ≥ 1 → 20.00; R2: 9 / 10 = 0.9 → 0.00; R3: no figures at all → 0.00, 'no_data'
    expect((await lines('R1')).new_clients!.points).toBe('20.00');
    expect((await lines('R2')).new_clients!.points).toBe('0.00');
    expect((await lines('R3')).new_clients).toMatchObject({ points: '0.00', note: 'no_data' });
  });
});

describe('bonus and deduction sections', () => {
  it('caps an item at its max and the section at its cap', async () => {
    const [r1] = await bank.rows(`select indicator_points, bonus_raw, bonus_points, total_score from mart_scorecards where manager_id = 'R1' and period = $p`, { p: P });
    const items = await bank.rows(`select item_id, raw_points, points from mart_scorecard_items where manager_id = 'R1' and period = $p order by item_id`, { p: P });
    // extra: 6 (max 8); development visits: 12 × 0.5 = 6 → item max 5; bonus raw 11 → section cap 10
    expect(items).toEqual([
      { item_id: 'development', raw_points: '6.00', points: '5.00' },
      { item_id: 'extra', raw_points: '6.00', points: '6.00' },
      { item_id: 'verified_complaints', raw_points: '0.00', points: '0.00' },
    ]);
    // indicators 0 + 10 + 16 + 10 + 20 = 56; total 56 + 10 = 66
    expect(r1).toEqual({ indicator_points: '56.00', bonus_raw: '11.00', bonus_points: '10.00', total_score: '66.00' });
  });

  it('keeps adjustments the scheme does not list, as entered', async () => {
    const items = await bank.rows(
      `select item_id, section, points from mart_scorecard_items where manager_id = 'R2' and period = $p and item_id like 'unlisted%' order by item_id`,
      { p: P },
    );
    expect(items).toEqual([
      { item_id: 'unlisted_bonus', section: 'bonus', points: '3.00' },
      { item_id: 'unlisted_deduction', section: 'deduction', points: '-1.50' },
    ]);
  });

  it('lets deductions take a total below zero (no floor), graded unsatisfactory, with no efficiency pay', async () => {
    const [card] = await bank.rows(`select indicator_points, deduction_points, total_score, grade from mart_scorecards where manager_id = 'R3' and period = $p`, { p: P });
    // indicators: visits 40 → 20.00, the rest 0; deductions 7 × −5 = −35; total 20 − 35 = −15
    expect(card).toEqual({ indicator_points: '20.00', deduction_points: '-35.00', total_score: '-15.00', grade: 'unsatisfactory' });
    const [pay] = await bank.rows(`select management_score, earned_efficiency_pay, base_pay, actual_pay from mart_pay where manager_id = 'R3' and period = $p`, { p: P });
    // the management score is floored at 0 for pay: base pay 8,000 × 6 = 48,000 and nothing more
    expect(pay).toEqual({ management_score: '0.00', earned_efficiency_pay: '0.00', base_pay: '48000.00', actual_pay: '48000.00' });
  });
});

it('passes the scorecard checks (keys, card and pay identities, pool tree)', async () => {
  expect(await failedChecks(bank.wh)).toEqual({});
});

it('the checks catch a card that does not add up and a pay row off by a fen', async () => {
  await bank.wh.run(`update mart_scorecards set total_score = total_score + 1 where manager_id = 'R1' and period = '${P}'`);
  await bank.wh.run(`update mart_pay set paid_pay = paid_pay + 0.01 where manager_id = 'R2' and period = '${P}'`);
  const failed = await failedChecks(bank.wh);
  expect(Object.keys(failed).sort()).toEqual(['scorecards__card_identities.sql', 'scorecards_pay__identities.sql']);
  expect(failed['scorecards__card_identities.sql']).toMatchObject([{ manager_id: 'R1', total_score: '67.00' }]);
});

describe('premium clients by the bank-wide top share of deposits', () => {
  let top: Built;
  beforeAll(async () => {
    top = await buildBank(
      {
        orgs: tree,
        managers: [
          { manager_id: 'R1', org_id: 'SB11', line: 'retail' },
          { manager_id: 'R2', org_id: 'SB12', line: 'retail' },
        ],
        metrics: [],
        clientDeposits: [
          { period: '2026-Q1', client_id: 'C1', deposit_avg_balance: 900_000 },
          { period: '2026-Q1', client_id: 'C2', deposit_avg_balance: 800_000 },
          { period: '2026-Q1', client_id: 'C3', deposit_avg_balance: 100_000 },
          { period: '2026-Q1', client_id: 'C4', deposit_avg_balance: 50_000 },
          // not a quarter: never ranked
          { period: '2026-03-ytd', client_id: 'C3', deposit_avg_balance: 9_000_000 },
        ],
        assignments: [
          { client_id: 'C1', manager_id: 'R1', valid_from: '2025-01-01' },
          { client_id: 'C3', manager_id: 'R1', valid_from: '2025-01-01' },
          { client_id: 'C2', manager_id: 'R2', valid_from: '2025-01-01' },
          { client_id: 'C4', manager_id: 'R2', valid_from: '2025-01-01' },
        ],
        visits: [
          { visit_id: 'V1', visit_date: '2026-02-01', manager_id: 'R1', client_id: 'C1', purpose: 'maintenance' },
          { visit_id: 'V2', visit_date: '2026-02-01', manager_id: 'R2', client_id: 'C4', purpose: 'maintenance' },
        ],
      },
      [join(fixturesDir, 'upkeep')],
    );
  });
  afterAll(() => top?.close());

  it('counts the top half of 4 clients (C1, C2) as premium: R1 upkept C1, R2 not C2', async () => {
    const rows = await top.rows(
      `select manager_id, premium_client_quarters, upkept_client_quarters, quantity, points from mart_scorecard_items
       where item_id = 'premium_client_upkeep' and period = '2026-03-ytd' order by manager_id`,
    );
    // R1: C1 premium and visited → 1/1 × 4 = 4.00; R2: C2 premium, not visited (C4's visit does not count) → 0/1
    expect(rows).toEqual([
      { manager_id: 'R1', premium_client_quarters: '1', upkept_client_quarters: '1', quantity: '1.000000', points: '4.00' },
      { manager_id: 'R2', premium_client_quarters: '1', upkept_client_quarters: '0', quantity: '0.000000', points: '0.00' },
    ]);
  });
});
