// The period picker's helpers over the periods the API lists (GET /api/periods: key, type and
// dates of each, as the build made them) and the labels of period keys. The grammar of the keys
// is contract/periods.ts.
import type { Lang } from './i18n.ts';
import type { PeriodRow } from '../../../contract/api.ts';
import { parsePeriod, periodEndDate, periodType, type PeriodType } from '../../../contract/periods.ts';

const QUARTER_ZH = ['一', '二', '三', '四'];

export function periodLabel(key: string, lang: Lang): string {
  const p = parsePeriod(key);
  if (!p) return key;
  const y = String(p.year);
  switch (p.type) {
    case 'month':
      return lang === 'zh' ? `${y}年${p.lastMonth}月` : key;
    case 'quarter':
      return lang === 'zh' ? `${y}年${QUARTER_ZH[p.lastMonth / 3 - 1]}季度` : `${key.slice(5)} ${y}`;
    case 'half':
      return lang === 'zh' ? `${y}年${p.firstMonth === 1 ? '上' : '下'}半年` : `${key.slice(5)} ${y}`;
    case 'year':
      return lang === 'zh' ? `${y}年` : y;
    case 'ytd':
      return lang === 'zh' ? `${y}年1-${p.lastMonth}月累计` : `${y} YTD to ${key.slice(5, 7)}`;
  }
}

/** The listed periods of one type, newest first. */
function newestOfType(available: readonly PeriodRow[], type: PeriodType): PeriodRow[] {
  return available.filter((r) => r.period_type === type).sort((a, b) => (a.end_date < b.end_date ? 1 : a.end_date > b.end_date ? -1 : 0));
}

/** The keys of the listed periods of one type, newest first. */
export function periodsOfType(available: readonly PeriodRow[], type: PeriodType): string[] {
  return newestOfType(available, type).map((r) => r.period);
}

/**
 * When the user switches the period type, the listed period of the new type that ends with the
 * same month as the current one, else one that covers that month, else the latest ending before it.
 */
export function switchType(current: string, type: PeriodType, available: readonly PeriodRow[]): string | null {
  const candidates = newestOfType(available, type);
  if (candidates.length === 0) return null;
  const end = available.find((r) => r.period === current)?.end_date ?? periodEndDate(current) ?? '';
  return (
    candidates.find((r) => r.end_date === end) ??
    candidates.find((r) => r.start_date <= end && end <= r.end_date) ??
    candidates.find((r) => r.end_date <= end) ??
    candidates[0]!
  ).period;
}

/**
 * The period to show instead of one the warehouse has not loaded (a shared link to 2019-03, a typo):
 * the latest loaded period of the same type (the latest quarter for 2019-Q1), else `fallback` (the
 * latest month). Null when `asked` is loaded, or when nothing is known yet (no periods listed).
 */
export function loadedPeriodFor(asked: string, available: readonly PeriodRow[], fallback: string | null): string | null {
  if (available.length === 0 || available.some((r) => r.period === asked)) return null;
  const type = periodType(asked);
  return (type ? periodsOfType(available, type)[0] : undefined) ?? fallback ?? periodsOfType(available, 'month')[0] ?? null;
}
