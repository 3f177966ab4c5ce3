// Period keys of the scheme files and of the scoring periods.
import { describe, expect, it } from 'vitest';
import { periodEndDate, periodMonths, periodStartDate, scoringPeriodOf } from '../../contract/periods.ts';

describe('effective periods of a scheme', () => {
  it('reads months and quarters, a quarter as its first or last month', () => {
    expect(periodStartDate('2026-07')).toBe('2026-07-01');
    expect(periodEndDate('2026-02')).toBe('2026-02-28');
    expect(periodEndDate('2024-02')).toBe('2024-02-29'); // leap year
    expect(periodStartDate('2026-Q3')).toBe('2026-07-01');
    expect(periodEndDate('2026-Q4')).toBe('2026-12-31');
    expect(periodMonths('2026-Q2')).toEqual(['2026-04', '2026-05', '2026-06']); // from its first to its last month
  });
});

describe('scoring period keys', () => {
  it('takes the ytd key, a quarter (its ytd) or a year (its year-end ytd)', () => {
    expect(scoringPeriodOf('2026-06-ytd')).toBe('2026-06-ytd');
    expect(scoringPeriodOf('2026-Q1')).toBe('2026-03-ytd');
    expect(scoringPeriodOf('2026-Q4')).toBe('2026-12-ytd');
    expect(scoringPeriodOf('2026')).toBe('2026-12-ytd');
    expect(scoringPeriodOf('2026-05-ytd')).toBeNull(); // not a quarter end
    expect(scoringPeriodOf('2026-H1')).toBeNull();
  });
});
