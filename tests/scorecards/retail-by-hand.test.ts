// The retail default scheme (config/schemes/retail_default.json) scored by hand for one manager,
// R1 of sub-branch SB11, for Q2 (period 2026-06-ytd): every indicator, bonus, deduction, the
// total, the grade and the pay, with the arithmetic written out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBank, failedChecks, tree, type Built, type Metric } from './fixture.ts';

const P = '2026-06-ytd';
const m = (metric: string, actual: number, target: number | null = null, base: number | null = null, period = P): Metric => ({
  period,
  manager_id: 'R1',
  metric,
  actual,
  target,
  base,
});

let bank: Built;

beforeAll(async () => {
  bank = await buildBank({
    orgs: tree,
    managers: [{ manager_id: 'R1', org_id: 'SB11', line: 'retail', grade: 'A' }],
    metrics: [
      m('net_deposit_increase', 1_800_000, 1_500_000),
      m('sales_wealth_units', 45, 50),
      m('sales_agreement_units', 13, 20),
      m('sales_insurance_amount', 250_000, 200_000),
      m('sales_fund_units', 7, 12),
      m('sales_debit_card_units', 30, 30),
      m('sales_credit_card_units', 0, 25),
      m('sales_fund_amount', 300_000, 400_000),
      m('sales_ebank_units', 63, 70),
      m('sales_ebank_units', 33, null, null, '2026-Q2'),
      m('sales_ebank_units', 30, null, null, '2026-Q1'),
      m('profit_contribution', 400_000, 350_000, 300_000),
    ],
    // Premium clients: average deposits ≥ 500,000 in the quarter. C1 and C2 both quarters; C3 never.
    clientDeposits: [
      { period: '2026-Q1', client_id: 'C1', deposit_avg_balance: 800_000 },
      { period: '2026-Q2', client_id: 'C1', deposit_avg_balance: 820_000 },
      { period: '2026-Q1', client_id: 'C2', deposit_avg_balance: 600_000 },
      { period: '2026-Q2', client_id: 'C2', deposit_avg_balance: 500_000 },
      { period: '2026-Q1', client_id: 'C3', deposit_avg_balance: 300_000 },
      { period: '2026-Q2', client_id: 'C3', deposit_avg_balance: 300_000 },
    ],
    assignments: [
      { client_id: 'C1', manager_id: 'R1', valid_from: '2025-01-01' },
      { client_id: 'C2', manager_id: 'R1', valid_from: '2025-01-01' },
      { client_id: 'C3', manager_id: 'R1', valid_from: '2025-01-01' },
    ],
    visits: [
      { visit_id: 'V1', visit_date: '2026-02-10', manager_id: 'R1', client_id: 'C1', purpose: 'maintenance' },
      { visit_id: 'V2', visit_date: '2026-05-10', manager_id: 'R1', client_id: 'C1', purpose: 'maintenance' },
      { visit_id: 'V3', visit_date: '2026-03-01', manager_id: 'R1', client_id: 'C2', purpose: 'maintenance' },
      // a development visit is not upkeep: C2 is not upkept in Q2
      { visit_id: 'V4', visit_date: '2026-05-11', manager_id: 'R1', client_id: 'C2', purpose: 'development' },
      { visit_id: 'V5', visit_date: '2026-05-12', manager_id: 'R1', client_id: 'C3', purpose: 'maintenance' },
    ],
    adjustments: [
      { year: 2026, period: 'Q1', manager_id: 'R1', item: 'market_research_report', points: 1 },
      { year: 2026, period: 'Q1', manager_id: 'R1', item: 'market_research_report', points: 1 },
      { year: 2026, period: 'Q2', manager_id: 'R1', item: 'market_research_report', points: 1 },
      { year: 2026, period: 'Q2', manager_id: 'R1', item: 'market_research_report_adopted', points: 2 },
      { year: 2026, period: 'Q2', manager_id: 'R1', item: 'market_research_report_adopted', points: 2 },
      // entered as −1, but the scheme fixes a verified complaint at −5
      { year: 2026, period: 'Q2', manager_id: 'R1', item: 'complaint', points: -1 },
      { year: 2026, period: 'Q1', manager_id: 'R1', item: 'compliance_breach', points: -2 },
      // Q3 entries are outside 2026-06-ytd
      { year: 2026, period: 'Q3', manager_id: 'R1', item: 'complaint', points: -5 },
      // last year's entries are outside too
      { year: 2025, period: 'Q2', manager_id: 'R1', item: 'complaint', points: -5 },
    ],
  });
});
afterAll(() => bank?.close());

describe('retail default scored by hand (R1, 2026-06-ytd)', () => {
  it('gives every indicator its points: achievement, cap 120%, × weight', async () => {
    const rows = await bank.rows<{ indicator_id: string; achievement: string; capped_achievement: string; points: string; note: string | null }>(
      `select indicator_id, achievement, capped_achievement, points, note from mart_scorecard_indicators
       where manager_id = 'R1' and period = $p order by ordinal`,
      { p: P },
    );
    const byId = Object.fromEntries(rows.map((r) => [r.indicator_id, r]));
    expect(rows).toHaveLength(10); // every row of the source card, none dropped
    // net deposit increase: 1,800,000 / 1,500,000 = 1.2 (exactly the cap) × 15 = 18.00
    expect(byId.net_deposit_increase).toMatchObject({ achievement: '1.200000', capped_achievement: '1.200000', points: '18.00' });
    // wealth accounts: 45 / 50 = 0.9 × 10 = 9.00
    expect(byId.new_wealth_accounts!.points).toBe('9.00');
    // withholding agreements: 13 / 20 = 0.65 × 10 = 6.50
    expect(byId.new_withholding_agreements!.points).toBe('6.50');
    // insurance: 250,000 / 200,000 = 1.25, capped at 1.2 × 10 = 12.00
    expect(byId.insurance_sold).toMatchObject({ achievement: '1.250000', capped_achievement: '1.200000', points: '12.00', note: 'capped' });
    // bank-securities (mapped to fund units): 7 / 12 = 0.583333 × 5 = 2.916665 → 2.92
    expect(byId.bank_securities_accounts).toMatchObject({ achievement: '0.583333', points: '2.92' });
    // debit cards: 30 / 30 = 1 × 10 = 10.00
    expect(byId.new_debit_cards!.points).toBe('10.00');
    // credit cards: 0 / 25 = 0 → 0.00
    expect(byId.new_credit_cards!.points).toBe('0.00');
    // funds: 300,000 / 400,000 = 0.75 × 10 = 7.50
    expect(byId.funds_sold!.points).toBe('7.50');
    // off-counter share (e-banking, quarter on quarter): 33 in Q2 / 30 in Q1 = 1.1 × 10 = 11.00
    expect(byId.off_counter_share).toMatchObject({ achievement: '1.100000', points: '11.00' });
    // e-banking users: 63 / 70 = 0.9 × 10 = 9.00
    expect(byId.new_ebank_users!.points).toBe('9.00');
  });

  it('counts the bonus and deduction items', async () => {
    const rows = await bank.rows<{ item_id: string; raw_points: string; points: string; quantity: string | null }>(
      `select item_id, raw_points, points, quantity from mart_scorecard_items where manager_id = 'R1' and period = $p order by section, ordinal`,
      { p: P },
    );
    const byId = Object.fromEntries(rows.map((r) => [r.item_id, r]));
    // upkeep: premium client-quarters C1Q1 C1Q2 C2Q1 C2Q2 = 4; upkept C1Q1 C1Q2 C2Q1 = 3;
    // coverage 3/4 = 0.75 × 4 points = 3.00 (C3 is below 500,000 and does not count)
    expect(byId.premium_client_upkeep).toMatchObject({ raw_points: '3.00', points: '3.00', quantity: '0.750000' });
    // research: 3 reports × 1 + 2 adopted × 2 = 7, capped at the item's 6
    expect(byId.market_research_reports).toMatchObject({ raw_points: '7.00', points: '6.00', quantity: '5.000000' });
    // complaints: 1 entry in H1 at the scheme's −5 (the Q3 and 2025 entries are outside)
    expect(byId.verified_complaints!.points).toBe('-5.00');
    // compliance: −2 as entered
    expect(byId.compliance_breaches!.points).toBe('-2.00');
  });

  it('totals, grades and ranks the card', async () => {
    const [card] = await bank.rows(`select * from mart_scorecards where manager_id = 'R1' and period = $p`, { p: P });
    // indicators: 18 + 9 + 6.5 + 12 + 2.92 + 10 + 0 + 7.5 + 11 + 9 = 85.92
    // bonus: 3 + 6 = 9 (section cap 10 not reached); deductions: −5 − 2 = −7
    // total: 85.92 + 9 − 7 = 87.92 → good (≥ 75, < 90)
    expect(card).toMatchObject({
      scheme_id: 'retail_default',
      indicator_points: '85.92',
      bonus_raw: '9.00',
      bonus_points: '9.00',
      deduction_points: '-7.00',
      total_score: '87.92',
      grade_by_threshold: 'good',
      grade: 'good',
      forced_down: false,
      peer_group: 'retail:sub_branch',
      peer_rank: 1,
      peer_group_size: 1,
      percentile: '1.000000',
      quarter: 2,
    });
  });

  it('pays base pay plus efficiency pay in three layers × management score / 1000', async () => {
    const [pay] = await bank.rows(`select * from mart_pay where manager_id = 'R1' and period = $p`, { p: P });
    // profit contribution: actual 400,000, base (stock task) 300,000, target 350,000
    // target layer:    min(400,000, 300,000) × 0.03        = 9,000.00
    // increment layer: min(400,000 − 300,000, 50,000) × 0.06 = 3,000.00
    // above layer:     (400,000 − 350,000) × 0.10           = 5,000.00   → efficiency pay 17,000.00
    // management score 87.92 × 10 = 879.2; earned = 17,000 × 879.2 / 1000 = 14,946.40
    // base pay: grade A 12,000 × 6 months = 72,000.00; actual pay = 86,946.40
    // pool: 14,946.40 × 5% = 747.32; paid now = 86,946.40 − 747.32 = 86,199.08
    expect(pay).toMatchObject({
      layer_target_pay: '9000.00',
      layer_increment_pay: '3000.00',
      layer_above_pay: '5000.00',
      efficiency_pay: '17000.00',
      management_score: '879.20',
      earned_efficiency_pay: '14946.40',
      base_pay: '72000.00',
      actual_pay: '86946.40',
      pool_contribution: '747.32',
      paid_pay: '86199.08',
    });
    const pool = await bank.rows<{ org_id: string; pool_total: string; pool_own: string }>(
      `select org_id, pool_total, pool_own from mart_pay_pool_org where period = $p order by org_id`,
      { p: P },
    );
    expect(pool).toEqual([
      { org_id: 'BR1', pool_total: '747.32', pool_own: '0.00' },
      { org_id: 'HO', pool_total: '747.32', pool_own: '0.00' },
      { org_id: 'SB11', pool_total: '747.32', pool_own: '747.32' },
    ]);
  });

  it('scores every quarter end on year-to-date figures, and no other period', async () => {
    const periods = await bank.rows<{ period: string; is_year_end: boolean }>(
      `select period, is_year_end from mart_scorecards where manager_id = 'R1' order by period`,
    );
    expect(periods).toEqual([
      { period: '2026-03-ytd', is_year_end: false },
      { period: '2026-06-ytd', is_year_end: false },
      { period: '2026-09-ytd', is_year_end: false },
    ]);
  });
});

it('passes the scorecard checks (keys, card and pay identities, pool tree)', async () => {
  expect(await failedChecks(bank.wh)).toEqual({});
});

it('jixiao export scorecards writes the card, its points per indicator and the pay (JSON, exact decimals)', async () => {
  // The export kind on this bank's scorecard models, written by the command's JSON writer: the
  // command itself reads only a warehouse a whole build of this version made (below).
  const { loadExportKinds } = await import('../../warehouse/exports/_discover.ts');
  const { toJson } = await import('../../report/json.ts');
  const kind = (await loadExportKinds()).find((k) => k.kind === 'scorecards')!;
  const rows = JSON.parse(toJson(await kind.table(bank.wh, { period: '2026-Q2' }))) as Record<string, unknown>[];
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    period: '2026-06-ytd', manager_id: 'R1', scheme_id: 'retail_default',
    net_deposit_increase_points: 18, insurance_sold_points: 12, bank_securities_accounts_points: 2.92, off_counter_share_points: 11,
    indicator_points: 85.92, bonus_points: 9, deduction_points: -7, total_score: 87.92, score_grade: 'good',
    earned_efficiency_pay: 14946.4, actual_pay: 86946.4, pool_contribution: 747.32, paid_pay: 86199.08, org_pool_total: 747.32,
  });
  // a period that is not a scoring period is refused with the ones that are
  await expect(kind.table(bank.wh, { period: '2026-05-ytd' })).rejects.toThrow('no scorecards for 2026-05-ytd');
  // `jixiao export` on this ledger, whose partial build was never published: refused, saying what to run
  const { Writable } = await import('node:stream');
  const { main } = await import('../../cli/main.ts');
  let err = '';
  const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
  bank.release(); // the command opens the file itself
  const refused = await main(['export', 'scorecards', '--period', '2026-Q2', '--db', bank.path], sink(() => {}) as never, sink((s) => (err += s)) as never);
  expect(refused).toBe(1);
  expect(err).toContain('no build published for');
  expect(err).toContain('run `jixiao build');
});
