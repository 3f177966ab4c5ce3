// Period keys for the picker: types, labels, ordering and switching type.
import { describe, expect, it } from 'vitest';
import { loadedPeriodFor, periodLabel, periodsOfType, switchType } from '../../web/src/lib/periods.ts';
import { comparePeriods, periodEndDate, periodStartDate, periodType, type PeriodType } from '../../contract/periods.ts';
import type { PeriodRow } from '../../contract/api.ts';

/** The rows GET /api/periods lists for these keys: key, type and dates (int_periods). */
function listed(keys: string[]): PeriodRow[] {
  return keys.map((period) => {
    const start_date = periodStartDate(period)!;
    const end_date = periodEndDate(period)!;
    const days = (Date.parse(end_date) - Date.parse(start_date)) / 86_400_000 + 1;
    return { period, period_type: periodType(period) as PeriodType, year: Number(period.slice(0, 4)), start_date, end_date, days };
  });
}

const available = listed(['2025', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-Q1', '2025-Q4', '2026-H1', '2026-04-ytd', '2026-03-ytd']);

describe('periods', () => {
  it('knows the type of each key', () => {
    expect(['2026-03', '2026-Q1', '2026-H1', '2026', '2026-05-ytd', 'x'].map(periodType)).toEqual(['month', 'quarter', 'half', 'year', 'ytd', null]);
  });
  it('labels periods in Chinese and English', () => {
    expect(periodLabel('2026-03', 'zh')).toBe('2026年3月');
    expect(periodLabel('2026-Q2', 'zh')).toBe('2026年二季度');
    expect(periodLabel('2026-H2', 'zh')).toBe('2026年下半年');
    expect(periodLabel('2026-05-ytd', 'zh')).toBe('2026年1-5月累计');
    expect(periodLabel('2026-Q2', 'en')).toBe('Q2 2026');
  });
  it('lists one type newest first', () => {
    expect(periodsOfType(available, 'month')).toEqual(['2026-04', '2026-03', '2026-02', '2026-01', '2025-12']);
    expect(periodsOfType(available, 'quarter')).toEqual(['2026-Q1', '2025-Q4']);
  });
  it('orders by the last month covered', () => {
    expect(['2026-Q1', '2025', '2026-02'].sort(comparePeriods)).toEqual(['2025', '2026-02', '2026-Q1']);
  });
  it('switching type keeps the period covering the same months', () => {
    expect(switchType('2026-02', 'quarter', available)).toBe('2026-Q1');
    expect(switchType('2026-Q1', 'month', available)).toBe('2026-03');
    expect(switchType('2026-03', 'ytd', available)).toBe('2026-03-ytd');
    expect(switchType('2026-03', 'year', available)).toBe('2025');
  });
});

describe('a period that is not loaded', () => {
  it('is replaced by the latest loaded period of its type, else the latest month', () => {
    // available: months 2025-12…2026-04, quarters 2025-Q4 and 2026-Q1, 2026-H1, 2025, two ytd.
    expect(loadedPeriodFor('2019-03', available, '2026-04')).toBe('2026-04');
    expect(loadedPeriodFor('2030-01', available, '2026-04')).toBe('2026-04');
    expect(loadedPeriodFor('2019-Q1', available, '2026-04')).toBe('2026-Q1');
    expect(loadedPeriodFor('2019-05-ytd', available, '2026-04')).toBe('2026-04-ytd');
    expect(loadedPeriodFor('2019', available, '2026-04')).toBe('2025');
    // No half-year 2 loaded, nor anything for a malformed key: the latest month.
    expect(loadedPeriodFor('last-year', available, '2026-04')).toBe('2026-04');
    expect(loadedPeriodFor('2026-H2', available, null)).toBe('2026-H1');
  });
  it('leaves a loaded period alone, and waits while the periods are not known', () => {
    expect(loadedPeriodFor('2026-03', available, '2026-04')).toBe(null);
    expect(loadedPeriodFor('2019-03', [], null)).toBe(null);
  });
});
