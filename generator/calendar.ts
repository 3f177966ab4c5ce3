// Dates as day numbers (days since 1970-01-01, UTC) so the simulation works on integers;
// text only when a row is written. Date.UTC is pure arithmetic here, never the clock.

export const NEVER = 2147483647;

export function dayOf(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000;
}

export function partsOf(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const cache = new Map<number, string>();
const compactCache = new Map<number, string>();

/** YYYY-MM-DD. */
export function fmtDate(day: number): string {
  let s = cache.get(day);
  if (s === undefined) {
    const { y, m, d } = partsOf(day);
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    cache.set(day, s);
  }
  return s;
}

/** YYYYMMDD (the layout Chinese core systems often export). */
export function fmtDateCompact(day: number): string {
  let s = compactCache.get(day);
  if (s === undefined) {
    s = fmtDate(day).replaceAll('-', '');
    compactCache.set(day, s);
  }
  return s;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The same day of month n months later, clamped to the month's last day. */
export function addMonths(day: number, n: number): number {
  const { y, m, d } = partsOf(day);
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return dayOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export interface Month {
  /** YYYY-MM */
  key: string;
  year: number;
  month: number;
  /** First and last day (the month-end snapshot date). */
  start: number;
  end: number;
  days: number;
  /** 1…4 */
  quarter: number;
  quarterEnd: boolean;
}

const monthCache = new Map<number, Month>();

/** The month (cached: the opening book asks for the same months millions of times). */
export function monthOf(y: number, m: number): Month {
  const key = y * 12 + m;
  let month = monthCache.get(key);
  if (!month) {
    month = makeMonth(y, m);
    monthCache.set(key, month);
  }
  return month;
}

function makeMonth(y: number, m: number): Month {
  const days = daysInMonth(y, m);
  const start = dayOf(y, m, 1);
  return {
    key: `${y}-${pad2(m)}`, year: y, month: m, start, end: start + days - 1, days,
    quarter: Math.ceil(m / 3), quarterEnd: m % 3 === 0,
  };
}

/** Parses YYYY-MM. */
export function parseMonth(text: string): { y: number; m: number } {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || m < 1 || m > 12) throw new Error(`not a month (YYYY-MM): '${text}'`);
  return { y, m };
}

export function monthsBetween(from: string, to: string): Month[] {
  const a = parseMonth(from);
  const b = parseMonth(to);
  const out: Month[] = [];
  for (let i = a.y * 12 + a.m - 1; i <= b.y * 12 + b.m - 1; i++) out.push(monthOf(Math.floor(i / 12), (i % 12) + 1));
  if (out.length === 0) throw new Error(`--from ${from} is after --to ${to}`);
  return out;
}
