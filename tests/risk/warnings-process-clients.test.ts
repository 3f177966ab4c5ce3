// Early warnings, process figures and client segments on the hand-made bank
// (tests/fixtures/risk/bank.ts): each rule fires where the arithmetic says and nowhere else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRiskBank, type BuiltRiskBank } from '../fixtures/risk/built.ts';

let bank: BuiltRiskBank;
beforeAll(async () => {
  bank = await buildRiskBank();
}, 60_000);
afterAll(() => bank?.close());

type Row = Record<string, string | number | null>;

describe('early warnings', () => {
  let warnings: Row[];
  beforeAll(async () => {
    warnings = await bank.rows<Row>(
      `select warning, as_of_date::varchar as as_of_date, loan_id, client_id, manager_id, share, five_class, previous_five_class,
         overdue_days, previous_overdue_days, earlier_overdue_days, balance, previous_balance, change_ratio
       from mart_risk_warnings order by as_of_date, warning`,
    );
  });

  it('a loan moved to special mention names its holder that day', async () => {
    // L2: normal at 03-31, special mention at 04-30; C2 was reassigned to M2 on 04-16
    expect(warnings.filter((w) => w.warning === 'special_mention')).toEqual([
      { warning: 'special_mention', as_of_date: '2026-04-30', loan_id: 'L2', client_id: 'C2', manager_id: 'M2', share: '1.000000',
        five_class: 'special_mention', previous_five_class: 'normal', overdue_days: 30, previous_overdue_days: 0, earlier_overdue_days: 0,
        balance: '2000000.00', previous_balance: null, change_ratio: null },
    ]);
  });

  it('overdue days rising two months running, while still performing', async () => {
    // L2: 0 (Mar) < 30 (Apr) < 60 (May) → warned at 05-31. At 04-30 (0, 0, 30) it rose only once; at
    // 06-30 (30, 60, 95) it is substandard, so it counts as turned NPL instead. L3 rises 100 → 130 → 160
    // but is non-performing throughout: no warning.
    expect(warnings.filter((w) => w.warning === 'overdue_rising')).toEqual([
      { warning: 'overdue_rising', as_of_date: '2026-05-31', loan_id: 'L2', client_id: 'C2', manager_id: 'M2', share: '1.000000',
        five_class: 'special_mention', previous_five_class: 'special_mention', overdue_days: 60, previous_overdue_days: 30, earlier_overdue_days: 0,
        balance: '2000000.00', previous_balance: null, change_ratio: null },
    ]);
  });

  it('deposits falling more than 30% month on month', async () => {
    // C5: 400,000 (Jan) → 260,000 (Feb): (260,000 − 400,000) / 400,000 = −0.35 → warned.
    //     300,000 (Mar) → 210,000 (Apr): exactly −0.30 → not "more than 30%", no warning.
    expect(warnings.filter((w) => w.warning === 'deposit_outflow')).toEqual([
      { warning: 'deposit_outflow', as_of_date: '2026-02-28', loan_id: null, client_id: 'C5', manager_id: 'M3', share: '1.000000',
        five_class: null, previous_five_class: null, overdue_days: null, previous_overdue_days: null, earlier_overdue_days: null,
        balance: '260000.00', previous_balance: '400000.00', change_ratio: '-0.350000' },
    ]);
  });

  it('a client gone: no balance and no activity after having some', async () => {
    // C6: 200,000 deposits at 04-30, no account, loan, fee or sale in May → gone at 05-31 (once: at 06-30 it had nothing before)
    expect(warnings.filter((w) => w.warning === 'client_gone')).toEqual([
      { warning: 'client_gone', as_of_date: '2026-05-31', loan_id: null, client_id: 'C6', manager_id: 'M3', share: '1.000000',
        five_class: null, previous_five_class: null, overdue_days: null, previous_overdue_days: null, earlier_overdue_days: null,
        balance: '0.00', previous_balance: '200000.00', change_ratio: '-1.000000' },
    ]);
    expect(warnings).toHaveLength(4);
  });

  it('the risk mart counts each manager’s warnings of the period', async () => {
    const counts = await bank.rows<Row>(
      `select manager_id, warnings from mart_manager_risk_period where period = '2026-H1' order by manager_id`,
    );
    // M2: special mention (Apr) + overdue rising (May); M3: outflow (Feb) + gone (May)
    expect(counts).toEqual([
      { manager_id: 'M1', warnings: '0' },
      { manager_id: 'M2', warnings: '2' },
      { manager_id: 'M3', warnings: '2' },
    ]);
  });
});

describe('process', () => {
  it('visits against the ceiling (44 a month) and the good level (15 a month)', async () => {
    const jan = await bank.rows<Row>(
      `select manager_id, visits, visits_per_month, visit_ceiling, visit_good_level, visit_level
       from mart_manager_process_period where period = '2026-01' order by manager_id`,
    );
    expect(jan).toEqual([
      { manager_id: 'M1', visits: '16', visits_per_month: '16.00', visit_ceiling: 44, visit_good_level: 15, visit_level: 'good' },
      { manager_id: 'M2', visits: '45', visits_per_month: '45.00', visit_ceiling: 44, visit_good_level: 15, visit_level: 'above_ceiling' },
      { manager_id: 'M3', visits: '0', visits_per_month: '0.00', visit_ceiling: 44, visit_good_level: 15, visit_level: 'below_good' },
    ]);
    // Over a quarter the thresholds scale with its 3 months: M2's 45 visits = 15.00 a month → good; M1's 16 → 5.33
    const q1 = await bank.rows<Row>(
      `select manager_id, visits_per_month, visit_ceiling, visit_level from mart_manager_process_period
       where period = '2026-Q1' and manager_id in ('M1', 'M2') order by manager_id`,
    );
    expect(q1).toEqual([
      { manager_id: 'M1', visits_per_month: '5.33', visit_ceiling: 132, visit_level: 'below_good' },
      { manager_id: 'M2', visits_per_month: '15.00', visit_ceiling: 132, visit_level: 'good' },
    ]);
  });

  it('audience, development against maintenance, and conversion within 30 days', async () => {
    // M3 in February: V1 maintenance (C4), V2 development (prospect, no client), V3 development (C5, sale
    // 03-01 = 15 days later: converted), V4 development (C6, sale 03-25 = 33 days later: not), V5 development
    // (C8, won 01-20: new), V6 development (C9, on file but never assigned: a prospect; sale 03-10: converted).
    //   new_or_prospect = V2 + V5 + V6 = 3 of 6 → 0.500000; development 5 of 6 → 0.833333; 5 / 1 maintenance → 5.000000
    //   convertible = development visits naming a client on file = V3, V4, V5, V6 → 4; converted = V3, V6 → 2 / 4 = 0.500000
    const [feb] = await bank.rows<Row>(
      `select visits, development_visits, maintenance_visits, new_or_prospect_visits, new_or_prospect_share, development_share,
         development_to_maintenance, convertible_visits, converted_visits, conversion_rate, sales_after_visits
       from mart_manager_process_period where period = '2026-02' and manager_id = 'M3'`,
    );
    expect(feb).toEqual({
      visits: '6', development_visits: '5', maintenance_visits: '1', new_or_prospect_visits: '3', new_or_prospect_share: '0.500000',
      development_share: '0.833333', development_to_maintenance: '5.000000', convertible_visits: '4', converted_visits: '2',
      conversion_rate: '0.500000', sales_after_visits: '2',
    });
    const audiences = await bank.rows<Row>(`select visit_id, audience, is_convertible, converted from int_visits_classified where manager_id = 'M3' order by visit_id`);
    expect(audiences).toEqual([
      { visit_id: 'V1', audience: 'existing', is_convertible: false, converted: false },
      { visit_id: 'V2', audience: 'prospect', is_convertible: false, converted: false },
      { visit_id: 'V3', audience: 'existing', is_convertible: true, converted: true },
      { visit_id: 'V4', audience: 'existing', is_convertible: true, converted: false },
      { visit_id: 'V5', audience: 'new', is_convertible: true, converted: false },
      { visit_id: 'V6', audience: 'prospect', is_convertible: true, converted: true },
    ]);
  });

  it('premium-client coverage: at least one maintenance visit per premium client per quarter', async () => {
    // C4 (M3, retail scheme, deposits 600,000 ≥ the scheme's 500,000 premium threshold) was visited for
    // maintenance on 02-10 (Q1) and not in Q2. C5 and C6 stay below the threshold.
    //   2026-03-ytd: 1 upkept of 1 client-quarter → 1.000000; 2026-06-ytd: 1 of 2 → 0.500000.
    const cov = await bank.rows<Row>(
      `select period, premium_client_quarters, upkept_client_quarters, maintenance_coverage from mart_manager_process_period
       where manager_id = 'M3' and period in ('2026-03-ytd', '2026-06-ytd') order by period`,
    );
    expect(cov).toEqual([
      { period: '2026-03-ytd', premium_client_quarters: '1', upkept_client_quarters: '1', maintenance_coverage: '1.000000' },
      { period: '2026-06-ytd', premium_client_quarters: '2', upkept_client_quarters: '1', maintenance_coverage: '0.500000' },
    ]);
  });
});

describe('clients', () => {
  it("ranks a portfolio by contribution and segments it", async () => {
    // M3 at 2026-06: deposit spread only (demand FTP 1.50% − rate 0.30% = 1.20%, 30 days):
    //   C4 600,000 × 1.20% × 30/365 = 591.78; C5 210,000 × 1.20% × 30/365 = 207.12; C6 and C8 hold nothing.
    const rows = await bank.rows<Row>(
      `select client_id, profit_contribution, contribution_rank, contribution_share, tenure_months, products_held, segment
       from mart_client_portfolio_period where period = '2026-06' and manager_id = 'M3' order by contribution_rank`,
    );
    expect(rows).toEqual([
      // 591.78 / (591.78 + 207.12) = 0.7407435… ; opened 2018-05-01 → 97 whole months at 2026-06-30; top 20% of 4 = 1 client
      { client_id: 'C4', profit_contribution: '591.78', contribution_rank: '1', contribution_share: '0.740744', tenure_months: 97, products_held: 1, segment: 'high_value_stable' },
      // holds the demand account and bought WM on 2026-03-01 (within 12 months): 2 products
      { client_id: 'C5', profit_contribution: '207.12', contribution_rank: '2', contribution_share: '0.259256', tenure_months: 89, products_held: 2, segment: 'low_value_stable' },
      { client_id: 'C6', profit_contribution: '0.00', contribution_rank: '3', contribution_share: '0.000000', tenure_months: 89, products_held: 1, segment: 'dormant' },
      // won 2026-01-20: 5 months → new, before dormant
      { client_id: 'C8', profit_contribution: '0.00', contribution_rank: '4', contribution_share: '0.000000', tenure_months: 5, products_held: 0, segment: 'new' },
    ]);
    // Over 2026-Q2 C5 fell from 800,000 (300,000 deposits + L4 500,000 at 03-31) to 210,000: −0.7375 → falling
    const [c5] = await bank.rows<Row>(
      `select opening_balance, closing_balance, balance_change_ratio, trend, segment from mart_client_portfolio_period
       where period = '2026-Q2' and manager_id = 'M3' and client_id = 'C5'`,
    );
    expect(c5).toEqual({ opening_balance: '800000.00', closing_balance: '210000.00', balance_change_ratio: '-0.737500', trend: 'falling', segment: 'low_value_falling' });
  });

  it('concentration: top-10 share and HHI', async () => {
    // positive total 591.78 + 207.12 = 798.90; HHI = (591.78/798.90)² + (207.12/798.90)²
    //   = 0.7407435² + 0.2592565² = 0.5487010 + 0.0672139 = 0.615915
    const [m3] = await bank.rows<Row>(
      `select portfolio_clients, positive_contribution, top10_share, hhi, high_value_stable_clients, low_value_stable_clients, new_segment_clients, dormant_clients
       from mart_manager_client_concentration where period = '2026-06' and manager_id = 'M3'`,
    );
    expect(m3).toEqual({
      portfolio_clients: '4', positive_contribution: '798.90', top10_share: '1.000000', hhi: '0.615915',
      high_value_stable_clients: '1', low_value_stable_clients: '1', new_segment_clients: '1', dormant_clients: '1',
    });
  });
});
