// The period grammar of contract/periods.ts, and its agreement with the build's own definition:
// int_period_months.sql (which months make up which period), int_periods.sql (dates) and
// int_scorecard_periods.sql (the scoring periods), run here on a set of loaded months.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/db.ts';
import { sqlDir } from '../../warehouse/paths.ts';
import { comparePeriods, PERIOD_KEY, PERIOD_KEY_OF, PERIOD_TYPES, isScoringPeriod, parsePeriod, periodCovers, periodEndDate, periodEndMonth, periodMonths, periodStartDate, periodType, scoringPeriodOf } from '../../contract/periods.ts';

describe('the period grammar', () => {
  it('parses the five kinds of key, and nothing else', () => {
    expect(parsePeriod('2026-03')).toEqual({ key: '2026-03', type: 'month', year: 2026, firstMonth: 3, lastMonth: 3 });
    expect(parsePeriod('2026-Q2')).toEqual({ key: '2026-Q2', type: 'quarter', year: 2026, firstMonth: 4, lastMonth: 6 });
    expect(parsePeriod('2026-H2')).toEqual({ key: '2026-H2', type: 'half', year: 2026, firstMonth: 7, lastMonth: 12 });
    expect(parsePeriod('2026')).toEqual({ key: '2026', type: 'year', year: 2026, firstMonth: 1, lastMonth: 12 });
    expect(parsePeriod('2026-05-ytd')).toEqual({ key: '2026-05-ytd', type: 'ytd', year: 2026, firstMonth: 1, lastMonth: 5 });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-H3', '2026-5', '26-03', '2026-03-YTD', '2026-13-ytd', ' 2026', 'x', '']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });
  it('gives dates, months, end month and coverage', () => {
    expect(periodStartDate('2026-Q3')).toBe('2026-07-01');
    expect(periodEndDate('2024-02')).toBe('2024-02-29'); // leap year
    expect(periodEndDate('2026-H1')).toBe('2026-06-30');
    expect(periodMonths('2026-04-ytd')).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(periodEndMonth('2026-Q1')).toBe('2026-03');
    expect(periodCovers('2026-H1', '2026-04')).toBe(true);
    expect(periodCovers('2026-Q1', '2026-04')).toBe(false);
    expect(periodCovers('2026', '2025-12')).toBe(false);
    expect(['2026-Q1', '2025', '2026-03', '2026-02'].sort(comparePeriods)).toEqual(['2025', '2026-02', '2026-03', '2026-Q1']);
  });
  it('reads a scoring period as people type it', () => {
    expect(['2026-06-ytd', '2026-Q1', '2026', ' 2026-Q4 ', '2026-05-ytd', '2026-H1', '2026-03'].map(scoringPeriodOf)).toEqual([
      '2026-06-ytd',
      '2026-03-ytd',
      '2026-12-ytd',
      '2026-12-ytd',
      null,
      null,
      null,
    ]);
  });
});

/** Every key of the grammar for a year: 12 months, 4 quarters, 2 halves, the year, 12 ytd. */
function keysOfYear(year: number): string[] {
  const mm = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
  return [...mm.map((m) => `${year}-${m}`), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), `${year}-H1`, `${year}-H2`, `${year}`, ...mm.map((m) => `${year}-${m}-ytd`)];
}

describe('the grammar agrees with the build (int_period_months, int_periods, int_scorecard_periods)', () => {
  // Loaded: 2023-10 … 2023-12 (a year begun late: Q4 only), 2024 whole but for 2024-08 (a gap),
  // 2025 whole, 2026-01 … 2026-05 (a year in progress).
  const loaded = [
    ...['10', '11', '12'].map((m) => `2023-${m}`),
    ...['01', '02', '03', '04', '05', '06', '07', '09', '10', '11', '12'].map((m) => `2024-${m}`),
    ...Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    ...['01', '02', '03', '04', '05'].map((m) => `2026-${m}`),
  ];
  let wh: Warehouse;
  type Built = { period: string; period_type: string; months: string; start_date: string; end_date: string; days: number };
  let built: Built[];
  let scoring: string[];

  beforeAll(async () => {
    wh = await Warehouse.open(':memory:');
    const model = (path: string) => readFileSync(join(sqlDir, path), 'utf8');
    // int_months as the build makes it from the ledgers (sql/intermediate/int_months.sql), for these months.
    await wh.run(
      `create table int_months as
       select month_end, cast(year(month_end) as integer) as year
       from (select last_day(cast(m || '-01' as date)) as month_end from unnest(['${loaded.join("','")}']) as t(m))`,
    );
    await wh.run(`create table int_period_months as ${model('intermediate/int_period_months.sql')}`);
    await wh.run(`create table int_periods as ${model('intermediate/int_periods.sql')}`);
    await wh.run(`create table int_scorecard_periods as ${model('intermediate/scorecards/int_scorecard_periods.sql')}`);
    built = await wh.query<Built>(
      `select p.period, p.period_type, p.start_date::varchar as start_date, p.end_date::varchar as end_date, p.days,
         string_agg(strftime(m.month_end, '%Y-%m'), ',' order by m.month_end) as months
       from int_periods p join int_period_months m using (period)
       group by all order by p.period`,
    );
    scoring = (await wh.query<{ period: string }>('select period from int_scorecard_periods order by period')).map((r) => r.period);
  });
  afterAll(() => wh?.close());

  it('builds exactly the periods whose months are all loaded', () => {
    const expected = [2023, 2024, 2025, 2026].flatMap(keysOfYear).filter((k) => periodMonths(k).every((m) => loaded.includes(m)));
    expect(built.map((b) => b.period)).toEqual(expected.sort());
    // 2023: Oct–Dec and Q4; 2024: no Q3, H2, year, nor any ytd from August on; 2025: every key (31).
    expect(expected.filter((k) => k.startsWith('2023'))).toEqual(['2023-10', '2023-11', '2023-12', '2023-Q4']);
    expect(expected.filter((k) => k.startsWith('2024')).some((k) => ['2024-Q3', '2024-H2', '2024', '2024-08-ytd'].includes(k))).toBe(false);
    expect(expected.filter((k) => k.startsWith('2025'))).toHaveLength(31);
  });
  it('gives each built period the type, months and dates the build gives it', () => {
    for (const b of built) {
      const days = periodMonths(b.period).reduce((n, m) => n + Number(periodEndDate(m)!.slice(8)), 0);
      expect({ ...b }, b.period).toEqual({
        period: b.period,
        period_type: periodType(b.period),
        months: periodMonths(b.period).join(','),
        start_date: periodStartDate(b.period),
        end_date: periodEndDate(b.period),
        days,
      });
    }
    expect(built.find((b) => b.period === '2025-H1')).toMatchObject({ start_date: '2025-01-01', end_date: '2025-06-30', days: 181 }); // 31+28+31+30+31+30
    expect(built.find((b) => b.period === '2024-H1')).toMatchObject({ days: 182 }); // leap February: 31+29+31+30+31+30
  });
  it('takes as scoring periods the ytd periods ending at a quarter end', () => {
    expect(scoring).toEqual(built.map((b) => b.period).filter(isScoringPeriod));
    expect(scoring).toEqual(['2024-03-ytd', '2024-06-ytd', '2025-03-ytd', '2025-06-ytd', '2025-09-ytd', '2025-12-ytd', '2026-03-ytd']);
  });
});

describe('the keys of one type', () => {
  it('are the keys the grammar parses as that type, and together every key', () => {
    const keys = [...keysOfYear(2026), '2026-13', '2026-00', '2026-Q5', '2026-H3', '2026-13-ytd', '2026-Q1-ytd', 'x'];
    for (const k of keys) {
      const type = periodType(k);
      const matching = PERIOD_TYPES.filter((t) => PERIOD_KEY_OF[t].test(k));
      expect(matching, k).toEqual(type ? [type] : []);
      expect(PERIOD_KEY.test(k), k).toBe(type !== null);
    }
  });
});
