// Institution cards by hand: three sub-branches (SB11 and SB12 under BR1, SB21 under BR2) scored by
// the default institution scheme (config/schemes/org/sub_branch_default.json) for 2026-06-ytd
// (6 months). Every point below is worked out from the figures given, with the scheme's weights:
// profit contribution 20, net deposit increase 15, asset quality (NPL ratio, lower is better,
// fallback target 2 %) 15, profit per manager 20, deposits per manager 20, process (development
// share, banded 10 % → 40 %) 10; bonus 0.05 per new client (≤ 5, section cap 5); −1 per turned NPL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBank, failedChecks, tree, type Bank, type Built } from './fixture.ts';

const P = '2026-06-ytd';
let b: Built;

const figures: Record<string, Record<string, [number, number?]>> = {
  //           metric: [actual, target]
  SB11: {
    profit_contribution: [1_200_000, 1_000_000],
    net_deposit_increase: [900_000, 1_000_000],
    npl_ratio: [0.01],
    deposit_avg_balance: [40_000_000],
    development_share: [0.4],
    new_clients: [120],
    turned_npl_count: [0],
  },
  SB12: {
    profit_contribution: [1_000_000, 2_000_000],
    net_deposit_increase: [-100_000, 500_000],
    npl_ratio: [0.04],
    deposit_avg_balance: [60_000_000],
    development_share: [0.25],
    new_clients: [40],
    turned_npl_count: [3],
  },
  SB21: {
    profit_contribution: [900_000], // no target for the period: the year's 2,400,000 × 6 / 12
    net_deposit_increase: [600_000, 400_000],
    npl_ratio: [0],
    deposit_avg_balance: [30_000_000],
    development_share: [0.1],
    new_clients: [10],
    turned_npl_count: [1.5],
  },
};
const managers: Record<string, number> = { SB11: 2, SB12: 4, SB21: 3 };

const bank = (undelivered: NonNullable<Bank['undelivered']> = []): Bank => ({
  orgs: tree,
  managers: [],
  metrics: [],
  orgMetrics: Object.entries(figures).flatMap(([org_id, m]) =>
    Object.entries(m).map(([metric, [actual, target]]) => ({ period: P, org_id, metric, actual, target: target ?? null })),
  ),
  orgManagers: Object.entries(managers).map(([org_id, n]) => ({ period: P, org_id, managers: n })),
  orgTargets: [{ year: 2026, period: 'Y', org_id: 'SB21', metric: 'profit_contribution', target_value: 2_400_000 }],
  undelivered,
});

beforeAll(async () => {
  b = await buildBank(bank());
});
afterAll(() => b?.close());

async function points(org: string): Promise<Record<string, string>> {
  const rows = await b.rows<{ indicator_id: string; points: string }>(
    `select indicator_id, points::varchar as points from mart_org_scorecard_indicators where period = $p and org_id = $o`,
    { p: P, o: org },
  );
  return Object.fromEntries(rows.map((r) => [r.indicator_id, r.points]));
}

describe('institution cards, every point by hand', () => {
  it('scores each indicator with the managers\' rules', async () => {
    // Level per manager (同级人均), over the three sub-branches (9 managers):
    //   profit   (1,200,000 + 1,000,000 + 900,000) / 9 = 344,444.444444
    //   deposits (40 + 60 + 30 million) / 9           = 14,444,444.444444
    expect(await points('SB11')).toEqual({
      profit_contribution: '24.00', // 1,200,000 / 1,000,000 = 1.2 → 1.2 × 20
      net_deposit_increase: '13.50', // 900,000 / 1,000,000 = 0.9 → 0.9 × 15
      asset_quality: '18.00', // 0.02 / 0.01 = 2 → capped 1.2 × 15
      profit_per_manager: '24.00', // 600,000 / 344,444.444444 = 1.741935 → capped 1.2 × 20
      deposits_per_manager: '24.00', // 20,000,000 / 14,444,444.444444 = 1.384615 → capped 1.2 × 20
      process_coverage: '10.00', // 0.40 ≥ band_full 0.40 → 1 × 10
    });
    expect(await points('SB12')).toEqual({
      profit_contribution: '10.00', // 1,000,000 / 2,000,000 = 0.5 × 20
      net_deposit_increase: '0.00', // −100,000 / 500,000 = −0.2 → floored at 0
      asset_quality: '7.50', // 0.02 / 0.04 = 0.5 × 15
      profit_per_manager: '14.52', // 250,000 / 344,444.444444 = 0.725806 × 20 = 14.51612
      deposits_per_manager: '20.77', // 15,000,000 / 14,444,444.444444 = 1.038462 × 20 = 20.76924
      process_coverage: '5.00', // (0.25 − 0.10) / (0.40 − 0.10) = 0.5 × 10
    });
    expect(await points('SB21')).toEqual({
      profit_contribution: '15.00', // 900,000 / (2,400,000 × 6 / 12 = 1,200,000) = 0.75 × 20
      net_deposit_increase: '18.00', // 600,000 / 400,000 = 1.5 → capped 1.2 × 15
      asset_quality: '18.00', // no NPL at all earns the cap: 1.2 × 15
      profit_per_manager: '17.42', // 300,000 / 344,444.444444 = 0.870968 × 20 = 17.41936
      deposits_per_manager: '13.85', // 10,000,000 / 14,444,444.444444 = 0.692308 × 20 = 13.84616
      process_coverage: '0.00', // 0.10 ≤ band_floor
    });
  });

  it('explains every point: figures, target and where it came from, and a note', async () => {
    const rows = await b.rows(
      `select indicator_id, per_manager, managers::varchar as managers, actual::varchar as actual, target::varchar as target,
         target_source, achievement::varchar as achievement, note, label_zh
       from mart_org_scorecard_indicators where period = $p and org_id = 'SB21' order by ordinal`,
      { p: P },
    );
    expect(rows.find((r) => r.indicator_id === 'profit_contribution')).toMatchObject({
      target: '1200000.000000', target_source: 'annual_pro_rata', achievement: '0.750000', note: null, label_zh: '模拟利润完成率',
    });
    expect(rows.find((r) => r.indicator_id === 'profit_per_manager')).toMatchObject({
      per_manager: true, managers: '3', actual: '300000.000000', target: '344444.444444', target_source: 'level_per_manager',
    });
    expect(rows.find((r) => r.indicator_id === 'net_deposit_increase')).toMatchObject({ note: 'capped' });
    expect(rows.find((r) => r.indicator_id === 'asset_quality')).toMatchObject({ target_source: 'fixed', note: 'none_best' });
  });

  it('adds bonus and deductions, grades and ranks among siblings and the level', async () => {
    const cards = await b.rows(
      `select org_id, indicator_points::varchar as ind, bonus_raw::varchar as bonus_raw, bonus_points::varchar as bonus,
         deduction_points::varchar as ded, total_score::varchar as total, grade,
         sibling_rank, sibling_count, level_rank, level_count, level_percentile::varchar as pct
       from mart_org_scorecards where period = $p order by org_id`,
      { p: P },
    );
    expect(cards).toEqual([
      // 24 + 13.50 + 18 + 24 + 24 + 10 = 113.50; bonus 120 × 0.05 = 6 → item max 5; no turned NPL
      { org_id: 'SB11', ind: '113.50', bonus_raw: '5.00', bonus: '5.00', ded: '0.00', total: '118.50', grade: 'excellent',
        sibling_rank: 1, sibling_count: 2, level_rank: 1, level_count: 3, pct: '1.000000' },
      // 10 + 0 + 7.50 + 14.52 + 20.77 + 5 = 57.79; bonus 40 × 0.05 = 2; 3 turned NPL × −1 = −3 → 56.79 < 60
      { org_id: 'SB12', ind: '57.79', bonus_raw: '2.00', bonus: '2.00', ded: '-3.00', total: '56.79', grade: 'unsatisfactory',
        sibling_rank: 2, sibling_count: 2, level_rank: 3, level_count: 3, pct: '0.333333' },
      // 15 + 18 + 18 + 17.42 + 13.85 + 0 = 82.27; bonus 10 × 0.05 = 0.50; 1.5 × −1 = −1.50 → 81.27 ≥ 75
      { org_id: 'SB21', ind: '82.27', bonus_raw: '0.50', bonus: '0.50', ded: '-1.50', total: '81.27', grade: 'good',
        sibling_rank: 1, sibling_count: 1, level_rank: 2, level_count: 3, pct: '0.666667' },
    ]);
  });

  it('scores only the levels the scheme names, and the card checks pass', async () => {
    const resolved = await b.rows(
      `select org_id, scheme_id from int_org_scorecard_schemes_resolved where period = $p order by org_id`,
      { p: P },
    );
    expect(resolved).toEqual([
      { org_id: 'BR1', scheme_id: null },
      { org_id: 'BR2', scheme_id: null },
      { org_id: 'HO', scheme_id: null },
      { org_id: 'SB11', scheme_id: 'sub_branch_default' },
      { org_id: 'SB12', scheme_id: 'sub_branch_default' },
      { org_id: 'SB21', scheme_id: 'sub_branch_default' },
    ]);
    expect(await failedChecks(b.wh)).toEqual({});
  });
});

describe('an institution card with a ledger not delivered (unavailable_indicators: rescale)', () => {
  it('leaves the indicator out and scales the others to the total weight, per line (applied_weight)', async () => {
    // Visits not delivered: process_coverage (development share, weight 10) is left out; the other
    // weights are scaled by 100 / (100 − 10): 20 → 22.222222, 15 → 16.666667 (6 places). SB11:
    //   profit 1.2 × 22.222222 = 26.6666664 → 26.67; net deposits 0.9 × 16.666667 = 15.0000003 → 15.00;
    //   asset quality 1.2 × 16.666667 = 20.0000004 → 20.00; per manager (both capped) 1.2 × 22.222222 → 26.67
    //   Σ = 26.67 + 15.00 + 20.00 + 26.67 + 26.67 + 0 = 115.01
    const rescaled = await buildBank(bank(['visits']));
    try {
      const rows = await rescaled.rows(
        `select indicator_id, weight::varchar as weight, applied_weight::varchar as applied, points::varchar as points, note
         from mart_org_scorecard_indicators where period = $p and org_id = 'SB11' order by ordinal`,
        { p: P },
      );
      expect(rows).toEqual([
        { indicator_id: 'profit_contribution', weight: '20.0000', applied: '22.222222', points: '26.67', note: null },
        { indicator_id: 'net_deposit_increase', weight: '15.0000', applied: '16.666667', points: '15.00', note: null },
        { indicator_id: 'asset_quality', weight: '15.0000', applied: '16.666667', points: '20.00', note: 'capped' },
        { indicator_id: 'profit_per_manager', weight: '20.0000', applied: '22.222222', points: '26.67', note: 'capped' },
        { indicator_id: 'deposits_per_manager', weight: '20.0000', applied: '22.222222', points: '26.67', note: 'capped' },
        { indicator_id: 'process_coverage', weight: '10.0000', applied: '0.000000', points: '0.00', note: 'not_delivered' },
      ]);
      const [card] = await rescaled.rows(`select indicator_points::varchar as ind from mart_org_scorecards where period = $p and org_id = 'SB11'`, { p: P });
      expect(card).toEqual({ ind: '115.01' });
      // every delivered: the weight as given
      const [asGiven] = await b.rows(
        `select count(*)::integer as n from mart_org_scorecard_indicators where period = $p and applied_weight <> weight`,
        { p: P },
      );
      expect(asGiven).toEqual({ n: 0 });
    } finally {
      rescaled.close();
    }
  });
});
