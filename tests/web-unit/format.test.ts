// Display formatting of amounts (万元/亿元), percentages and counts: exact on decimal strings.
import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  formatAmountIn,
  formatCount,
  formatNumber,
  formatPercent,
  parseDecimal,
  toChartNumber,
  unitFor,
  unitForAll,
  withSign,
} from '../../web/src/lib/format.ts';

describe('formatNumber', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatNumber('1234567.891')).toBe('1,234,567.89');
    expect(formatNumber('0')).toBe('0.00');
    expect(formatNumber('999')).toBe('999.00');
  });
  it('rounds half away from zero on the digits, not through a double', () => {
    // 1.005 as a double is 1.00499999…; the string rounds up.
    expect(formatNumber('1.005')).toBe('1.01');
    expect(formatNumber('-1.005')).toBe('-1.01');
    expect(formatNumber('9999.995')).toBe('10,000.00');
    expect(formatNumber('-0.004')).toBe('0.00');
  });
  it('keeps precision beyond 2^53', () => {
    // 12,345,678,901,234,567.89 would lose its last digits as a double.
    expect(formatNumber('12345678901234567.89')).toBe('12,345,678,901,234,567.89');
  });
  it('shows a dash for empty or non-numeric input', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber('')).toBe('—');
    expect(formatNumber('abc')).toBe('—');
    expect(parseDecimal('1.2.3')).toBeNull();
  });
});

describe('amounts in 万元 and 亿元', () => {
  it('converts yuan to 万元 by moving the point four places', () => {
    // 12,345,678.90 yuan / 10,000 = 1,234.56789 万元 → 1,234.57
    expect(formatAmountIn('12345678.90', 'wan')).toBe('1,234.57');
    // 4,999 yuan = 0.4999 万元 → 0.50
    expect(formatAmountIn('4999', 'wan')).toBe('0.50');
    expect(formatAmountIn('-250000', 'wan')).toBe('-25.00');
  });
  it('converts yuan to 亿元 by moving the point eight places', () => {
    // 1,234,567,890.12 yuan / 100,000,000 = 12.3456789012 亿元 → 12.35
    expect(formatAmountIn('1234567890.12', 'yi')).toBe('12.35');
  });
  it('chooses 亿元 from one hundred million up, else 万元', () => {
    expect(unitFor('99999999.99')).toBe('wan');
    expect(unitFor('100000000')).toBe('yi');
    expect(unitFor('-300000000')).toBe('yi');
    expect(formatAmount('100000000', 'zh')).toBe('1.00 亿元');
    expect(formatAmount('56780', 'zh')).toBe('5.68 万元');
    expect(formatAmount('56780', 'en')).toBe('5.68 CNY 10k');
  });
  it('uses one unit for a whole column, from its largest figure', () => {
    expect(unitForAll(['5', '250000000', null])).toBe('yi');
    expect(unitForAll(['5', '-25000', ''])).toBe('wan');
  });
});

describe('percent, counts, signs', () => {
  it('shows ratios as percentages', () => {
    // 0.123456 × 100 = 12.3456% → 12.35%
    expect(formatPercent('0.123456')).toBe('12.35%');
    expect(formatPercent('1.2')).toBe('120.00%');
    expect(formatPercent('0.0005')).toBe('0.05%');
    expect(formatPercent('-0.015')).toBe('-1.50%');
    expect(formatPercent(null)).toBe('—');
  });
  it('shows counts without decimals', () => {
    expect(formatCount('12345')).toBe('12,345');
    expect(formatCount(7)).toBe('7');
  });
  it('signs changes', () => {
    expect(withSign('1.50%')).toBe('+1.50%');
    expect(withSign('-2.00 万元')).toBe('-2.00 万元');
    expect(withSign('0.00%')).toBe('0.00%');
  });
  it('gives charts plain numbers in the unit', () => {
    expect(toChartNumber('12345678.90', 'wan')).toBeCloseTo(1234.56789, 8);
    expect(toChartNumber('0.25', 'ratio')).toBe(25);
    expect(toChartNumber(null)).toBeNull();
  });
});
