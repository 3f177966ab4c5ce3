// FTP pricing by hand on the fixture bank (tests/fixtures/models/bank.ts): points in force per term
// and currency, the origination method, a USD deposit priced on the USD curve and converted to yuan,
// and the build refusing a foreign row without a rate or a curve.
// Balances are multiples of 36,500, so a month's spread is (avg / 36,500) × Δrate × days:
//   L1 (C1, 12-month loan at 4.50 %, originated 2025-10-01): avg 7,300,000 (k = 200) every month
//   A1 (C1, demand deposit at 0.30 %): avg 3,650,000 (k = 100) in January and February
//   Days: January 31, February 28, March 31.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../warehouse/build.ts';
import { insertFixtureBank } from '../fixtures/models/bank.ts';
import { rowOf, tempWarehouse, type TempWarehouse } from './helpers.ts';

let t: TempWarehouse | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

async function built(extraSql: string, loanMethod: 'snapshot' | 'origination' = 'snapshot'): Promise<TempWarehouse> {
  t = await tempWarehouse();
  writeFileSync(join(t.configDir, 'ftp.json'), JSON.stringify({ loan_method: loanMethod }));
  await insertFixtureBank(t.wh);
  await t.wh.run(extraSql);
  await build(t.wh, { configDir: t.configDir, keepIntermediates: true });
  return t;
}

const loanAt = (wh: TempWarehouse['wh'], loan: string, date: string) =>
  rowOf(wh, `select ftp_rate_pct::varchar as ftp, loan_spread::varchar as spread from int_loans_priced where loan_id = $loan and as_of_date = $d::date`, { loan, d: date });
const depositAt = (wh: TempWarehouse['wh'], account: string, date: string) =>
  rowOf(wh, `select ftp_rate_pct::varchar as ftp, deposit_spread::varchar as spread from int_deposits_priced where account_id = $a and as_of_date = $d::date`, { a: account, d: date });

describe('FTP points in force per term', () => {
  // The treasury publishes a whole curve on 2026-01-01, then only a new overnight point on 2026-02-01.
  const partialRestatement = `
    delete from raw_ftp_curve;
    insert into raw_ftp_curve (effective_date, term_months, rate, load_id) values
      (date '2026-01-01', 0, 1.50, 1), (date '2026-01-01', 3, 2.00, 1), (date '2026-01-01', 12, 3.00, 1), (date '2026-01-01', 36, 4.00, 1),
      (date '2026-02-01', 0, 1.20, 1);`;

  it('a restatement of the overnight point leaves the 12-month loan at 3.00 %', async () => {
    const { wh } = await built(partialRestatement);
    // The old rule took the 2026-02-01 curve whole ({0: 1.20}), pricing L1 at 1.20 % from February.
    expect(await loanAt(wh, 'L1', '2026-01-31')).toEqual({ ftp: '3.000000', spread: '9300.00000000' }); // 200 × 1.50 × 31
    expect(await loanAt(wh, 'L1', '2026-02-28')).toEqual({ ftp: '3.000000', spread: '8400.00000000' }); // 200 × 1.50 × 28
    expect(await loanAt(wh, 'L1', '2026-03-31')).toEqual({ ftp: '3.000000', spread: '9300.00000000' });
    // the demand deposit takes the shortest point, which did change: 100 × (1.50 − 0.30) × 31, then 100 × (1.20 − 0.30) × 28
    expect(await depositAt(wh, 'A1', '2026-01-31')).toEqual({ ftp: '1.500000', spread: '3720.00000000' });
    expect(await depositAt(wh, 'A1', '2026-02-28')).toEqual({ ftp: '1.200000', spread: '2520.00000000' });
    // the snapshot of 2025-12-31, before every point, takes the first points (2026-01-01)
    expect(await depositAt(wh, 'A1', '2025-12-31')).toMatchObject({ ftp: '1.500000' });
    // L2 (24 months) takes the next point up, 36 months, 4.00 % all quarter
    expect(await loanAt(wh, 'L2', '2026-02-28')).toMatchObject({ ftp: '4.000000' });
  });
});

describe('FTP method for loans', () => {
  // A point published before L1's origination (2025-10-01), then the fixture's curves of 2025-12-01
  // (12 months 2.50 %) and 2026-03-01 (12 months 2.80 %).
  const earlyPoint = `
    insert into raw_ftp_curve (effective_date, term_months, rate, load_id) values
      (date '2025-09-01', 3, 1.40, 1), (date '2025-09-01', 12, 2.20, 1), (date '2025-09-01', 36, 3.20, 1);`;

  it('snapshot: each month on the points in force on its snapshot date', async () => {
    const { wh } = await built(earlyPoint, 'snapshot');
    expect(await loanAt(wh, 'L1', '2026-02-28')).toEqual({ ftp: '2.500000', spread: '11200.00000000' }); // 200 × 2.00 × 28
    expect(await loanAt(wh, 'L1', '2026-03-31')).toEqual({ ftp: '2.800000', spread: '10540.00000000' }); // 200 × 1.70 × 31
  });

  it('origination: the points in force on the origination date, for the whole life', async () => {
    const { wh } = await built(earlyPoint, 'origination');
    // L1 booked 2025-10-01: the 2025-09-01 point, 2.20 %, in every month
    expect(await loanAt(wh, 'L1', '2026-02-28')).toEqual({ ftp: '2.200000', spread: '12880.00000000' }); // 200 × 2.30 × 28
    expect(await loanAt(wh, 'L1', '2026-03-31')).toEqual({ ftp: '2.200000', spread: '14260.00000000' }); // 200 × 2.30 × 31
    // L2 booked 2025-06-01, before every point: the first points (2025-09-01), 36 months 3.20 %;
    // avg 3,650,000 (k = 100) at 5.50 %: 100 × 2.30 × 31
    expect(await loanAt(wh, 'L2', '2026-03-31')).toEqual({ ftp: '3.200000', spread: '7130.00000000' });
    // deposits stay on their snapshot date: A1 in March on the 2026-03-01 curve, 3 months 1.80 %
    expect(await depositAt(wh, 'A1', '2026-03-31')).toMatchObject({ ftp: '1.800000' });
    // C1's Q1 loan spread: 200 × 2.30 × 90
    expect(await rowOf(wh, `select loan_spread::varchar as s from mart_client_period where period = '2026-Q1' and client_id = 'C1'`, {}))
      .toEqual({ s: '41400.00' });
  });
});

describe('foreign currency', () => {
  // C1 also holds A9, a 12-month USD deposit of 100,000.00 at 1.00 %, priced on the USD curve (12
  // months 5.00 %) and converted at the month-end rate: 7.30 (January, February), 6.935 (March), so
  // the yuan averages are 730,000.00 (k = 20) and 693,500.00 (k = 19).
  const usd = (rates: string, curve = `(date '2025-12-01', 12, 5.00, 1, 'USD')`) => `
    insert into raw_ftp_curve (effective_date, term_months, rate, load_id, currency) values ${curve};
    insert into raw_fx_rates values ${rates};
    insert into raw_deposits values
      (date '2026-01-31', 'A9', 'C1', 'DT12', 'USD', 100000.00, 100000.00, 1.00, 'SB1', 1),
      (date '2026-02-28', 'A9', 'C1', 'DT12', 'USD', 100000.00, 100000.00, 1.00, 'SB1', 1),
      (date '2026-03-31', 'A9', 'C1', 'DT12', 'USD', 100000.00, 100000.00, 1.00, 'SB1', 1);`;
  const allRates = `(date '2026-01-31', 'USD', 7.30, 1), (date '2026-02-28', 'USD', 7.30, 1), (date '2026-03-31', 'USD', 6.935, 1)`;

  it('prices a USD deposit on the USD curve and converts every amount to yuan at its month-end', async () => {
    const { wh } = await built(usd(allRates));
    expect(await rowOf(wh, `select currency, currency_avg_balance::varchar as usd, cny_per_unit::varchar as fx, avg_balance::varchar as cny,
        ftp_rate_pct::varchar as ftp, deposit_spread::varchar as spread from int_deposits_priced where account_id = 'A9' and as_of_date = '2026-03-31'`, {}))
      .toEqual({ currency: 'USD', usd: '100000.00', fx: '6.935000', cny: '693500.00', ftp: '5.000000', spread: '2356.00000000' }); // 19 × 4.00 × 31
    // C1, 2026-Q1: A1's spread 11,962.50 (fixture-marts.test.ts) + A9's 20 × 4 × 31 + 20 × 4 × 28 + 19 × 4 × 31
    //   = 11,962.50 + 2,480 + 2,240 + 2,356 = 19,038.50; end balance 4,015,000 + 693,500 = 4,708,500
    expect(await rowOf(wh, `select deposit_spread::varchar as s, deposit_end_balance::varchar as e from mart_client_period where period = '2026-Q1' and client_id = 'C1'`, {}))
      .toEqual({ s: '19038.50', e: '4708500.00' });
    // what the client page shows beside each other: the delivered dollars and their yuan
    expect(await rowOf(wh, `select currency, currency_balance::varchar as usd, balance::varchar as cny from mart_foreign_currency_rows where row_id = 'A9' and as_of_date = '2026-03-31'`, {}))
      .toEqual({ currency: 'USD', usd: '100000.00', cny: '693500.00' });
  });

  it('refuses the build when a month has no rate, naming the currency, the month and the rows', async () => {
    const err = await built(usd(`(date '2026-01-31', 'USD', 7.30, 1), (date '2026-02-28', 'USD', 7.30, 1)`)).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/int_priced__ftp_and_class/);
    expect(err?.message).toContain('"currency":"USD","month":"2026-03","problem":"no positive exchange rate for the month in fx_rates","rows":"1"');
    // the previous results are kept: this warehouse had none
    expect(await t!.wh.query(`select 1 from duckdb_tables() where table_name = 'mart_client_period'`)).toEqual([]);
  });

  it('refuses the build when the currency has no curve', async () => {
    const err = await built(usd(allRates, `(date '2025-12-01', 12, 5.00, 1, 'EUR')`)).then(() => undefined, (e: Error) => e);
    expect(err?.message).toContain('"currency":"USD","month":"2026-01","problem":"no FTP curve for the currency (ftp_curve)","rows":"1"');
  });
});
