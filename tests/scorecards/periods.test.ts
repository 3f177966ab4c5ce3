// Period keys of the scheme files and of the scoring periods.
import { describe, expect, it } from 'vitest';
import { dateOf, monthOf } from '../../warehouse/schemes/schema.ts';
import { scoringPeriodOf } from '../../warehouse/schemes/periods.ts';

describe('effective periods of a scheme', () => {
  it('reads months and quarters, a quarter as its first or last month', () => {
    expect(dateOf('2026-07', 'from')).toBe('2026-07-01');
    expect(dateOf('2026-02', 'to')).toBe('2026-02-28');
    expect(dateOf('2024-02', 'to')).toBe('2024-02-29'); // leap year
    expect(dateOf('2026-Q3', 'from')).toBe('2026-07-01');
    expect(dateOf('2026-Q4', 'to')).toBe('2026-12-31');
    expect(monthOf('2026-Q2', 'to') - monthOf('2026-Q2', 'from')).toBe(2);
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
