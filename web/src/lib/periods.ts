// Period keys (DOMAIN.md): month 2026-03, quarter 2026-Q1, half 2026-H1, year 2026,
// year-to-date 2026-05-ytd. Pure helpers for the period picker.
import type { Lang } from './i18n.ts';

export type PeriodType = 'month' | 'quarter' | 'half' | 'year' | 'ytd';
export const PERIOD_TYPES: PeriodType[] = ['month', 'quarter', 'half', 'year', 'ytd'];

export function periodType(key: string): PeriodType | null {
  if (/^\d{4}-\d{2}$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}-H[12]$/.test(key)) return 'half';
  if (/^\d{4}$/.test(key)) return 'year';
  if (/^\d{4}-\d{2}-ytd$/.test(key)) return 'ytd';
  return null;
}

const QUARTER_ZH = ['一', '二', '三', '四'];

export function periodLabel(key: string, lang: Lang): string {
  const y = key.slice(0, 4);
  switch (periodType(key)) {
    case 'month':
      return lang === 'zh' ? `${y}年${Number(key.slice(5, 7))}月` : key;
    case 'quarter':
      return lang === 'zh' ? `${y}年${QUARTER_ZH[Number(key.slice(6)) - 1]}季度` : `${key.slice(5)} ${y}`;
    case 'half':
      return lang === 'zh' ? `${y}年${key.endsWith('1') ? '上' : '下'}半年` : `${key.slice(5)} ${y}`;
    case 'year':
      return lang === 'zh' ? `${y}年` : y;
    case 'ytd':
      return lang === 'zh' ? `${y}年1-${Number(key.slice(5, 7))}月累计` : `${y} YTD to ${key.slice(5, 7)}`;
    default:
      return key;
  }
}

/** The periods of one type among those available, newest first. */
export function periodsOfType(available: string[], type: PeriodType): string[] {
  return available.filter((k) => periodType(k) === type).sort(comparePeriods).reverse();
}

/** The last month-end a period covers, as YYYY-MM, for ordering. */
export function periodEndMonth(key: string): string {
  const y = key.slice(0, 4);
  switch (periodType(key)) {
    case 'month':
      return key;
    case 'quarter':
      return `${y}-${String(Number(key.slice(6)) * 3).padStart(2, '0')}`;
    case 'half':
      return `${y}-${key.endsWith('1') ? '06' : '12'}`;
    case 'year':
      return `${y}-12`;
    case 'ytd':
      return key.slice(0, 7);
    default:
      return key;
  }
}

export function comparePeriods(a: string, b: string): number {
  const ea = periodEndMonth(a);
  const eb = periodEndMonth(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return PERIOD_TYPES.indexOf(periodType(a) ?? 'month') - PERIOD_TYPES.indexOf(periodType(b) ?? 'month');
}

/**
 * When the user switches the period type, the period of the new type that covers the same
 * latest month (or the latest one that exists).
 */
export function switchType(current: string, type: PeriodType, available: string[]): string | null {
  const candidates = periodsOfType(available, type);
  if (candidates.length === 0) return null;
  const end = periodEndMonth(current);
  return (
    candidates.find((k) => periodEndMonth(k) === end) ??
    candidates.find((k) => covers(k, end)) ??
    candidates.find((k) => periodEndMonth(k) <= end) ??
    candidates[0]!
  );
}

function covers(key: string, month: string): boolean {
  const end = periodEndMonth(key);
  const y = key.slice(0, 4);
  if (month.slice(0, 4) !== y || month > end) return false;
  switch (periodType(key)) {
    case 'month':
      return month === end;
    case 'quarter':
      return Number(month.slice(5)) > Number(end.slice(5)) - 3;
    case 'half':
      return Number(month.slice(5)) > Number(end.slice(5)) - 6;
    default:
      return true;
  }
}

/**
 * The period to show instead of one the warehouse has not loaded (a shared link to 2019-03, a typo):
 * the latest loaded period of the same type (the latest quarter for 2019-Q1), else `fallback` (the
 * latest month). Null when `asked` is loaded, or when nothing is known yet (no periods listed).
 */
export function loadedPeriodFor(asked: string, available: string[], fallback: string | null): string | null {
  if (available.length === 0 || available.includes(asked)) return null;
  const type = periodType(asked);
  return (type ? periodsOfType(available, type)[0] : undefined) ?? fallback ?? periodsOfType(available, 'month')[0] ?? null;
}
