// The period grammar of DOMAIN.md, once for every layer (api, warehouse, cli, web): month 2026-03,
// quarter 2026-Q1, half 2026-H1, year 2026, year-to-date 2026-05-ytd. Pure: no I/O, no imports.
// The build's own definition of which months make up a period is sql/intermediate/
// int_period_months.sql; tests/contract/periods.test.ts proves the two agree.

export const PERIOD_TYPES = ['month', 'quarter', 'half', 'year', 'ytd'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

/** Every period key, and nothing else. */
export const PERIOD_KEY = /^\d{4}(-(0[1-9]|1[0-2])(-ytd)?|-Q[1-4]|-H[12])?$/;
/** The keys of one type (each a part of PERIOD_KEY), for parameters that take only that type. */
export const PERIOD_KEY_OF: Readonly<Record<PeriodType, RegExp>> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarter: /^\d{4}-Q[1-4]$/,
  half: /^\d{4}-H[12]$/,
  year: /^\d{4}$/,
  ytd: /^\d{4}-(0[1-9]|1[0-2])-ytd$/,
};
/** What a period key looks like, for messages. */
export const PERIOD_KEY_EXAMPLES = 'a month 2026-03, quarter 2026-Q1, half 2026-H1, year 2026 or year-to-date 2026-05-ytd';

/** A parsed period key: its type, its year and the first and last month it covers (1–12). */
export interface Period {
  key: string;
  type: PeriodType;
  year: number;
  firstMonth: number;
  lastMonth: number;
}

export function parsePeriod(key: string): Period | null {
  if (!PERIOD_KEY.test(key)) return null;
  const year = Number(key.slice(0, 4));
  const rest = key.slice(5);
  const at = (type: PeriodType, firstMonth: number, lastMonth: number): Period => ({ key, type, year, firstMonth, lastMonth });
  if (rest === '') return at('year', 1, 12);
  if (rest.startsWith('Q')) {
    const q = Number(rest.slice(1));
    return at('quarter', q * 3 - 2, q * 3);
  }
  if (rest.startsWith('H')) return rest === 'H1' ? at('half', 1, 6) : at('half', 7, 12);
  const month = Number(rest.slice(0, 2));
  return rest.endsWith('-ytd') ? at('ytd', 1, month) : at('month', month, month);
}

export function isPeriodKey(key: string): boolean {
  return PERIOD_KEY.test(key);
}

export function periodType(key: string): PeriodType | null {
  return parsePeriod(key)?.type ?? null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The month key `YYYY-MM` of a year and month (1–12). */
export function monthKey(year: number, month: number): string {
  return `${year}-${pad2(month)}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The months a period covers, as `YYYY-MM`, in order. */
export function periodMonths(key: string): string[] {
  const p = parsePeriod(key);
  if (!p) return [];
  const out: string[] = [];
  for (let m = p.firstMonth; m <= p.lastMonth; m++) out.push(monthKey(p.year, m));
  return out;
}

/** The first day of a period, `YYYY-MM-DD`; null for a key that is not a period. */
export function periodStartDate(key: string): string | null {
  const p = parsePeriod(key);
  return p ? `${monthKey(p.year, p.firstMonth)}-01` : null;
}

/** The last day of a period (its last month-end), `YYYY-MM-DD`; null for a key that is not a period. */
export function periodEndDate(key: string): string | null {
  const p = parsePeriod(key);
  return p ? `${monthKey(p.year, p.lastMonth)}-${pad2(daysIn(p.year, p.lastMonth))}` : null;
}

/** The last month a period covers, `YYYY-MM` (the key itself when it is not a period). */
export function periodEndMonth(key: string): string {
  const p = parsePeriod(key);
  return p ? monthKey(p.year, p.lastMonth) : key;
}

/** Whether a period covers a month `YYYY-MM`. */
export function periodCovers(key: string, month: string): boolean {
  const p = parsePeriod(key);
  if (!p || month.slice(0, 4) !== String(p.year)) return false;
  const m = Number(month.slice(5, 7));
  return m >= p.firstMonth && m <= p.lastMonth;
}

/** Order by last month, then by type (month, quarter, half, year, ytd) at the same month. */
export function comparePeriods(a: string, b: string): number {
  const ea = periodEndMonth(a);
  const eb = periodEndMonth(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return PERIOD_TYPES.indexOf(periodType(a) ?? 'month') - PERIOD_TYPES.indexOf(periodType(b) ?? 'month');
}

/**
 * Scoring runs quarterly on year-to-date figures: the scoring periods are the year-to-date periods
 * ending at a quarter end (2026-03-ytd … 2026-12-ytd; sql/intermediate/scorecards/int_scorecard_periods.sql).
 */
export function isScoringPeriod(key: string): boolean {
  const p = parsePeriod(key);
  return p !== null && p.type === 'ytd' && p.lastMonth % 3 === 0;
}

/**
 * A scoring period as people type it: the key itself (`2026-06-ytd`), a quarter for its
 * year-to-date (`2026-Q2` → `2026-06-ytd`), a year for its year-end score (`2026` → `2026-12-ytd`).
 * Null for anything else.
 */
export function scoringPeriodOf(input: string): string | null {
  const p = parsePeriod(input.trim());
  if (!p) return null;
  if (isScoringPeriod(p.key)) return p.key;
  if (p.type === 'quarter' || p.type === 'year') return `${monthKey(p.year, p.lastMonth)}-ytd`;
  return null;
}
