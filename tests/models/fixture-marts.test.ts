// Every mart figure of the hand-built fixture bank (tests/fixtures/models/bank.ts), worked out by
// hand. Balances are multiples of 36,500, so a spread is (avg / 36,500) × Δrate × days:
//   A1 (C1, demand → 3m point): avg 3,650,000 (k=100) Jan, Feb; 3,832,500 (k=105) Mar; end Mar 4,015,000
//   A2 (C2 shared 50/50, 12m deposit at 2.00%): 7,300,000 (k=200) every month
//   A3 (C4, demand): 1,095,000 (k=30) every month; A4 (C6 unassigned, demand): 730,000 (k=20)
//   Demand deposits pay 0.30%; FTP 3m 1.50 (Jan, Feb) → Δ 1.20, 1.80 (Mar) → Δ 1.50
//   12m deposit: FTP 2.50 → Δ 0.50 (Jan, Feb), 2.80 → Δ 0.80 (Mar)
//   L1 (C1, 12m loan at 4.50%): 7,300,000 (k=200): Δ 2.00 (Jan, Feb), 1.70 (Mar)
//   L2 (C4, 24m loan → 36m point, 5.50%): 3,650,000 (k=100): Δ 2.00, 2.00, 1.70; substandard in Mar
//   L3 (C2 shared, 12m loan at 4.00%): 3,650,000 (k=100): Δ 1.50, 1.50, 1.20
//   Days: Jan 31, Feb 28, Mar 31; Q1 = 90.
//   Expected loss = avg / 365 × pd × lgd × days: normal 0.01 × 0.45 = 0.0045, substandard 0.25 × 0.5 = 0.125.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFixture, rowOf, type TempWarehouse } from './helpers.ts';
import { kindOf } from '../../report/table.ts';

let t: TempWarehouse;
beforeAll(async () => {
  t = await builtFixture();
});
afterAll(() => t?.close());

const managerSql = 'select * from mart_manager_period where period = $period and manager_id = $id';
const orgSql = 'select * from mart_org_period where period = $period and org_id = $id';

describe('fixture bank: periods and FTP pricing', () => {
  it('has exactly the periods whose months are all loaded', async () => {
    const rows = await t.wh.query<{ period: string; days: number }>('select period, days from int_periods order by period');
    // 2025-12 is loaded (the base date snapshot) but no 2025 quarter is complete; 2026 has Jan–Mar.
    expect(rows.map((r) => r.period)).toEqual([
      '2025-12', '2026-01', '2026-01-ytd', '2026-02', '2026-02-ytd', '2026-03', '2026-03-ytd', '2026-Q1',
    ]);
    expect(rows.find((r) => r.period === '2026-Q1')?.days).toBe(90); // 31 + 28 + 31
  });

  it('prices each product at its term on the curve in effect, demand deposits at the shortest point', async () => {
    const rate = async (date: string, product: string) =>
      (await rowOf(t.wh, `select ftp_term_months, ftp_rate_pct::varchar as r from int_ftp_rates_matched where pricing_date = $d::date and currency = 'CNY' and product_id = $p`, { d: date, p: product }));
    expect(await rate('2026-01-31', 'DDEM')).toEqual({ ftp_term_months: 3, r: '1.500000' }); // no term → shortest point
    expect(await rate('2026-03-31', 'DDEM')).toEqual({ ftp_term_months: 3, r: '1.800000' }); // curve of 2026-03-01
    expect(await rate('2026-02-28', 'DT12')).toEqual({ ftp_term_months: 12, r: '2.500000' });
    expect(await rate('2026-02-28', 'L24')).toEqual({ ftp_term_months: 36, r: '3.500000' }); // 24 → next point up, 36
    expect(await rate('2026-03-31', 'L24')).toEqual({ ftp_term_months: 36, r: '3.800000' });
  });

  it('flags the loan that turned non-performing, and only at the month it turned', async () => {
    const rows = await t.wh.query(`select loan_id, as_of_date::varchar as d, turned_npl from int_loans_priced where turned_npl`);
    expect(rows).toEqual([{ loan_id: 'L2', d: '2026-03-31', turned_npl: true }]); // normal (正常) in Feb, substandard in Mar
  });
});

describe('fixture bank: managers, 2026-Q1', () => {
  it('M1: sole client C1 plus half of shared C2', async () => {
    expect(await rowOf(t.wh, managerSql, { period: '2026-Q1', id: 'M1' })).toMatchObject({
      // A1: 3,650,000×31 + 3,650,000×28 + 3,832,500×31 = 334,157,500; A2 half: 3,650,000×90 = 328,500,000
      // (334,157,500 + 328,500,000) / 90 = 7,362,861.111…
      deposit_avg_balance: '7362861.11',
      deposit_end_balance: '7665000.00', // 4,015,000 + 7,300,000 / 2
      net_deposit_increase: '730000.00', // 7,665,000 − (3,285,000 + 7,300,000 / 2) at 2025-12-31
      // A1: 100×1.2×31 + 100×1.2×28 + 105×1.5×31 = 3,720 + 3,360 + 4,882.50 = 11,962.50
      // A2 half: (200×0.5×31 + 200×0.5×28 + 200×0.8×31) / 2 = (3,100 + 2,800 + 4,960) / 2 = 5,430
      deposit_spread: '17392.50',
      loan_avg_balance: '9125000.00', // L1 7,300,000 + L3 half 1,825,000, every month
      loan_end_balance: '9125000.00',
      // L1: 200×2×31 + 200×2×28 + 200×1.7×31 = 12,400 + 11,200 + 10,540 = 34,140
      // L3 half: (100×1.5×31 + 100×1.5×28 + 100×1.2×31) / 2 = (4,650 + 4,200 + 3,720) / 2 = 6,285
      loan_spread: '40425.00',
      fee_income: '1300.00', // F1 1,000 + F2 600 / 2
      profit_contribution: '59117.50', // 40,425 + 17,392.50 + 1,300
      // L1: 20,000 × 0.0045 × 90 = 8,100; L3 half: 10,000 × 0.0045 × 90 / 2 = 2,025
      expected_loss: '10125.00',
      risk_adjusted_contribution: '48992.50', // 59,117.50 − 10,125
      npl_balance: '0.00',
      npl_ratio: '0.000000',
      turned_npl_count: '0.000000',
      sales_wealth_units: '1.000000', // S3 names M1: in full, though C5 is M3's client
      sales_wealth_amount: '10000.00',
      sales_credit_card_units: '1.000000', // S2: 2 cards for shared C2, half each
      sales_credit_card_amount: '0.00',
      visits: '2',
      development_visits: '1', // V2, a prospect
      clients: '2', // C1, C2
      new_clients: '0',
    });
  });

  it('M2: half of C2, C3, and C4 until its reassignment on 2026-02-16', async () => {
    expect(await rowOf(t.wh, managerSql, { period: '2026-Q1', id: 'M2' })).toMatchObject({
      // A3 January only: 1,095,000×31 = 33,945,000; A2 half 328,500,000 → 362,445,000 / 90 = 4,027,166.666…
      deposit_avg_balance: '4027166.67',
      deposit_end_balance: '3650000.00', // A2 half; C4 is M3's at 2026-03-31
      net_deposit_increase: '0.00', // 3,650,000 − 7,300,000 / 2; C4's December balance moved with C4
      deposit_spread: '6546.00', // A3 Jan 30×1.2×31 = 1,116 + A2 half 5,430
      // L2 January: 3,650,000×31 = 113,150,000; L3 half 1,825,000×90 = 164,250,000 → 277,400,000 / 90
      loan_avg_balance: '3082222.22',
      loan_end_balance: '1825000.00',
      loan_spread: '12485.00', // L2 Jan 100×2×31 = 6,200 + L3 half 6,285
      fee_income: '400.00', // F2 half 300 + F6 (C4, 2026-01-20) 100; F4 on C3 names M3
      profit_contribution: '19431.00', // 12,485 + 6,546 + 400
      expected_loss: '3420.00', // L2 Jan 10,000 × 0.0045 × 31 = 1,395 + L3 half 2,025
      risk_adjusted_contribution: '16011.00',
      sales_wealth_units: '1.000000', // S1, C3
      sales_wealth_amount: '50000.00',
      sales_credit_card_units: '1.000000',
      visits: '1',
      development_visits: '0',
      clients: '2', // C2, C3
      new_clients: '0',
    });
  });

  it('M3: C4 from its reassignment, with the loan that turned bad, and new client C5', async () => {
    expect(await rowOf(t.wh, managerSql, { period: '2026-Q1', id: 'M3' })).toMatchObject({
      deposit_avg_balance: '717833.33', // A3 Feb + Mar: 1,095,000 × 59 / 90 = 717,833.333…
      deposit_end_balance: '1095000.00',
      net_deposit_increase: '365000.00', // 1,095,000 − C4's 730,000 at 2025-12-31 (history follows the client)
      deposit_spread: '2403.00', // 30×1.2×28 + 30×1.5×31 = 1,008 + 1,395
      loan_avg_balance: '2392777.78', // 3,650,000 × 59 / 90 = 2,392,777.777…
      loan_end_balance: '3650000.00',
      loan_spread: '10870.00', // L2: 100×2×28 + 100×1.7×31 = 5,600 + 5,270
      fee_income: '1300.00', // F3 (C4, 2026-02-20, after the move) 500 + F4 naming M3 800
      profit_contribution: '14573.00', // 10,870 + 2,403 + 1,300
      expected_loss: '40010.00', // L2 Feb 10,000 × 0.0045 × 28 = 1,260; Mar 10,000 × 0.125 × 31 = 38,750
      risk_adjusted_contribution: '-25437.00', // 14,573 − 40,010
      npl_balance: '3650000.00',
      npl_ratio: '1.000000', // 3,650,000 / 3,650,000
      turned_npl_count: '1.000000', // L2, held by M3 at 2026-03-31
      turned_npl_balance: '3650000.00',
      sales_wealth_units: '0.000000', // S3 on C5 named M1
      visits: '1',
      development_visits: '1',
      clients: '2', // C4, C5
      new_clients: '1', // C5, first assigned 2026-01-10
    });
  });

  it('puts business without an assignment in the unassigned bucket of its org, never loses it', async () => {
    const rows = await t.wh.query('select * from mart_unassigned_period where period = $p', { p: '2026-Q1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      org_id: 'SB2', // A4 rows book SB2 (March has no org: C6's home org SB2); F5 has no org: C6's
      deposit_avg_balance: '730000.00',
      deposit_end_balance: '730000.00',
      net_deposit_increase: '0.00',
      deposit_spread: '2346.00', // 20×1.2×31 + 20×1.2×28 + 20×1.5×31 = 744 + 672 + 930
      fee_income: '200.00',
      profit_contribution: '2546.00',
      risk_adjusted_contribution: '2546.00',
      clients: '1', // C6
    });
  });

  it('moves figures month by month with the reassignment (2026-02)', async () => {
    // A3's February snapshot (2026-02-28) and fee F3 (2026-02-20) fall after the move on 2026-02-16.
    expect(await rowOf(t.wh, managerSql, { period: '2026-02', id: 'M2' })).toMatchObject({
      deposit_spread: '1400.00', // only A2 half: 200×0.5×28 / 2
      fee_income: '300.00', // F2 half
      loan_spread: '2100.00', // only L3 half: 100×1.5×28 / 2
    });
    expect(await rowOf(t.wh, managerSql, { period: '2026-02', id: 'M3' })).toMatchObject({
      deposit_spread: '1008.00', // 30×1.2×28
      fee_income: '500.00',
      loan_spread: '5600.00', // 100×2×28
      deposit_avg_balance: '1095000.00',
    });
  });
});

describe('fixture bank: institutions, 2026-Q1', () => {
  it('SB1 = M1 + M2', async () => {
    expect(await rowOf(t.wh, orgSql, { period: '2026-Q1', id: 'SB1' })).toMatchObject({
      deposit_avg_balance: '11390027.78', // (662,657,500 + 362,445,000) / 90
      profit_contribution: '78548.50', // 59,117.50 + 19,431
      net_deposit_increase: '730000.00', // 730,000 + 0
      clients: '3', // C1, C2 (shared inside SB1, counted once), C3
      managers: '2',
      span_of_management: '1.500000',
    });
  });

  it('SB2 = M3 + its unassigned bucket', async () => {
    expect(await rowOf(t.wh, orgSql, { period: '2026-Q1', id: 'SB2' })).toMatchObject({
      deposit_avg_balance: '1447833.33', // (64,605,000 + 730,000×90) / 90 = 130,305,000 / 90
      profit_contribution: '17119.00', // 14,573 + 2,546
      net_deposit_increase: '365000.00',
      npl_balance: '3650000.00',
      clients: '2', // C4, C5 (C6 is unassigned)
      new_clients: '1',
      managers: '1',
      span_of_management: '2.000000',
    });
  });

  it('BR1 and the head office equal the ledger total', async () => {
    for (const id of ['BR1', 'HO']) {
      expect(await rowOf(t.wh, orgSql, { period: '2026-Q1', id })).toMatchObject({
        // A1 334,157,500 + A2 657,000,000 + A3 98,550,000 + A4 65,700,000 = 1,155,407,500 / 90
        deposit_avg_balance: '12837861.11',
        deposit_end_balance: '13140000.00', // 4,015,000 + 7,300,000 + 1,095,000 + 730,000
        net_deposit_increase: '1095000.00', // 13,140,000 − 12,045,000 at 2025-12-31
        profit_contribution: '95667.50', // 59,117.50 + 19,431 + 14,573 + 2,546
        fee_income: '3200.00', // F1..F6: 1,000 + 100 + 600 + 500 + 800 + 200
        clients: '5',
        managers: '3',
        span_of_management: '1.666667', // 5 / 3
      });
    }
  });
});

describe('fixture bank: clients, 2026-Q1', () => {
  it('C4 keeps all its figures, whoever held it', async () => {
    expect(await rowOf(t.wh, 'select * from mart_client_period where period = $period and client_id = $id', { period: '2026-Q1', id: 'C4' })).toMatchObject({
      deposit_avg_balance: '1095000.00',
      net_deposit_increase: '365000.00', // 1,095,000 − 730,000
      deposit_spread: '3519.00', // 1,116 + 1,008 + 1,395
      loan_spread: '17070.00', // 6,200 + 5,600 + 5,270
      fee_income: '600.00', // F6 100 + F3 500
      profit_contribution: '21189.00',
      expected_loss: '41405.00', // 1,395 + 1,260 + 38,750
      risk_adjusted_contribution: '-20216.00',
      npl_ratio: '1.000000',
      turned_npl_count: '1.000000',
      visits: '1', // V4 by M2
    });
  });

  it('products sold per client and category: one row per category sold, whoever sold it', async () => {
    const sql = `select period, client_id, category, units, amount from mart_client_sales_period
      where period in ('2026-Q1', '2026-02', '2026-02-ytd') order by period, client_id, category`;
    expect(await t.wh.query(sql)).toEqual([
      // 2026-02: S3 on 2026-02-01 only (C5, WM = wealth, named M1: counted once, in full)
      { period: '2026-02', client_id: 'C5', category: 'wealth', units: '1.000000', amount: '10000.00' },
      // Jan + Feb: S1 (C3, 50,000) and S3 (C5, 10,000)
      { period: '2026-02-ytd', client_id: 'C3', category: 'wealth', units: '1.000000', amount: '50000.00' },
      { period: '2026-02-ytd', client_id: 'C5', category: 'wealth', units: '1.000000', amount: '10000.00' },
      // Q1 adds S2 (C2, CC = credit_card): 2 cards, held half by each of C2's two managers: 1 + 1 = 2;
      // no amount in the ledger: 0
      { period: '2026-Q1', client_id: 'C2', category: 'credit_card', units: '2.000000', amount: '0.00' },
      { period: '2026-Q1', client_id: 'C3', category: 'wealth', units: '1.000000', amount: '50000.00' },
      { period: '2026-Q1', client_id: 'C5', category: 'wealth', units: '1.000000', amount: '10000.00' },
    ]);
  });
});

describe('fixture bank: base, target, achievement', () => {
  const metricSql = 'select * from mart_manager_metrics where period = $period and manager_id = $id and metric = $metric';
  it('achievement = actual / target; no base when the prior-year period is not loaded', async () => {
    expect(await rowOf(t.wh, metricSql, { period: '2026-Q1', id: 'M1', metric: 'profit_contribution' })).toMatchObject({
      actual: '59117.500000',
      base: null, // 2025-Q1 is not in the warehouse
      target: '50000.000000',
      achievement: '1.182350', // 59,117.50 / 50,000
      growth: null,
    });
  });
  it('a base given in the targets file wins; growth = actual − base', async () => {
    expect(await rowOf(t.wh, metricSql, { period: '2026-Q1', id: 'M2', metric: 'fee_income' })).toMatchObject({
      actual: '400.000000',
      base: '1000.000000',
      target: '1500.000000',
      achievement: '0.266667', // 400 / 1,500 = 0.2666…
      growth: '-600.000000',
    });
  });
  it('a quarter target also applies to the year-to-date period with the same months', async () => {
    expect(await rowOf(t.wh, metricSql, { period: '2026-03-ytd', id: 'M1', metric: 'profit_contribution' })).toMatchObject({
      target: '50000.000000',
      achievement: '1.182350',
    });
    expect(
      await rowOf(t.wh, 'select * from mart_org_metrics where period = $period and org_id = $id and metric = $metric', {
        period: '2026-Q1', id: 'SB1', metric: 'profit_contribution',
      }),
    ).toMatchObject({ target: '100000.000000', achievement: '0.785485' }); // 78,548.50 / 100,000
  });
});

describe('fixture bank: build log', () => {
  it('records every model with its rows', async () => {
    const [log] = await t.wh.query('select status, models, checks from build_log order by build_id desc limit 1');
    expect(log).toMatchObject({ status: 'built' });
    const row = await rowOf(t.wh, `select rows::varchar as rows, kind from build_models where model = $m`, { m: 'mart_manager_period' });
    expect(row).toEqual({ rows: '24', kind: 'table' }); // 3 managers × 8 periods
  });
});

describe('fixture bank: every numeric mart column reads as a number in downloads', () => {
  it('has a numeric kind (count, money, ratio or number) for each, but the period labels year and quarter', async () => {
    const cols = await t.wh.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_name like 'mart\\_%' escape '\\' and regexp_matches(data_type, '^(DECIMAL|INTEGER|BIGINT|HUGEINT|SMALLINT|DOUBLE)')`,
    );
    expect(cols.length).toBeGreaterThan(100);
    // mart_manager_page's columns are shown under their part's own names (`card__bonus_raw` as
    // bonus_raw); mart_org_benchmark's per_manager_* become `<metric>_per_manager` (api/respond.ts)
    const shown = (c: { table_name: string; column_name: string }) => (c.table_name === 'mart_manager_page' ? c.column_name.replace(/^[a-z]+__/, '') : c.column_name);
    const shownAsText = cols
      .filter((c) => !(c.table_name === 'mart_org_benchmark' && c.column_name.startsWith('per_manager_')))
      .filter((c) => !['count', 'money', 'ratio', 'number'].includes(kindOf(shown(c))))
      .map((c) => `${c.table_name}.${c.column_name}`);
    expect(shownAsText.sort()).toEqual([
      'mart_manager_page.card__quarter', 'mart_manager_page.card__year', 'mart_org_scorecard_schemes.year', 'mart_org_scorecards.quarter', 'mart_org_scorecards.year',
      'mart_periods.year', 'mart_scorecard_schemes.year', 'mart_scorecards.quarter', 'mart_scorecards.year', 'mart_target_cascade.year',
    ]);
  });
});

describe('fixture bank: running year-to-date rows behind every client period (int_client_months)', () => {
  let k: TempWarehouse;
  beforeAll(async () => {
    k = await builtFixture(undefined, { keepIntermediates: true });
  });
  afterAll(() => k?.close());
  const monthSql = `select ytd_deposit_avg_days::varchar as dep_days, ytd_loan_avg_days::varchar as loan_days,
      ytd_deposit_spread::varchar as dep_spread, ytd_active_months as active, deposit_end_balance::varchar as dep_end,
      base_deposit_balance::varchar as base, has_base_row, base_deposits_loaded
    from int_client_months where client_id = $id and month_end = $m::date`;

  it('sums a client\u2019s months up to each month-end of the year', async () => {
    expect(await rowOf(k.wh, monthSql, { id: 'C1', m: '2026-02-28' })).toEqual({
      dep_days: '215350000.00', // A1: 3,650,000 × 31 + 3,650,000 × 28 = 113,150,000 + 102,200,000
      loan_days: '430700000.00', // L1: 7,300,000 × (31 + 28)
      dep_spread: '7080.00000000', // A1: 100 × 1.2 × 31 + 100 × 1.2 × 28 = 3,720 + 3,360
      active: 2, // January and February
      dep_end: '3650000.00', // A1 at the end of February
      base: '3285000.00', // A1 at 2025-12-31, the base date
      has_base_row: true,
      base_deposits_loaded: true,
    });
  });

  it('has a row at every month of a year the client has a row in, from January', async () => {
    // C6 has only a deposit at 2025-12-31 in 2025: twelve 2025 rows, active from December
    const rows = await k.wh.query<{ m: string; active: number }>(
      `select month_end::varchar as m, ytd_active_months as active from int_client_months
       where client_id = 'C6' and year(month_end) = 2025 order by month_end`,
    );
    expect(rows).toHaveLength(12);
    expect(rows[10]).toEqual({ m: '2025-11-30', active: 0 });
    expect(rows[11]).toEqual({ m: '2025-12-31', active: 1 });
  });

  it('gives a period as ytd(end) − ytd(the month before its start)', async () => {
    const period = (p: string) =>
      rowOf(k.wh, `select deposit_spread::varchar as s, deposit_avg_balance::varchar as avg from int_client_periods where client_id = 'C1' and period = $p`, { p });
    // February alone: 7,080 − 3,720 (January) = 3,360; average 3,650,000 × 28 / 28
    expect(await period('2026-02')).toEqual({ s: '3360.00000000', avg: '3650000.00000000' });
    // the quarter starts in January and subtracts nothing: 3,720 + 3,360 + 105 × 1.5 × 31 = 11,962.50
    expect(await period('2026-Q1')).toMatchObject({ s: '11962.50000000' });
  });
});
