// Display formatting: amounts in 万元/亿元 with separators, percentages, counts, points.
// The API sends decimals as exact strings (yuan, two decimals; ratios, six). Unit conversion is
// done on the decimal string itself, so 12345678901234.56 yuan never passes through a double on
// its way to the screen. This is display only: no metric is computed here.
import type { Lang } from './i18n.ts';

export type AmountUnit = 'yuan' | 'wan' | 'yi';

const UNIT_EXP: Record<AmountUnit, number> = { yuan: 0, wan: 4, yi: 8 };
const UNIT_LABEL: Record<AmountUnit, Record<Lang, string>> = {
  yuan: { zh: '元', en: 'CNY' },
  wan: { zh: '万元', en: 'CNY 10k' },
  yi: { zh: '亿元', en: 'CNY 100m' },
};

/**
 * The bank's reporting currency (config/currency.json, GET /api/currency): its units' labels replace
 * the yuan's, so that a Czech bank reads 万 CZK, not 万元. Set once after sign-in.
 */
export function setUnitLabels(units: Record<AmountUnit, Record<Lang, string>>): void {
  for (const u of Object.keys(UNIT_LABEL) as AmountUnit[]) UNIT_LABEL[u] = { ...units[u] };
}

export function unitLabel(unit: AmountUnit, lang: Lang): string {
  return UNIT_LABEL[unit][lang];
}

type Dec = { neg: boolean; int: string; frac: string };

/** Parses a decimal string ("-1234.5", "1e3" is not accepted); null for empty or non-numeric. */
export function parseDecimal(value: unknown): Dec | null {
  if (value === null || value === undefined || value === '') return null;
  const s = typeof value === 'number' ? (Number.isFinite(value) ? numberToPlain(value) : '') : String(value).trim();
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  return { neg: m[1] === '-', int, frac: m[3] ?? '' };
}

function numberToPlain(n: number): string {
  // toFixed avoids exponent notation for the magnitudes a bank deals in.
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(12).replace(/0+$/, '') : s;
}

/** Divides by 10^exp by moving the point: exact. */
function shift(d: Dec, exp: number): Dec {
  if (exp === 0) return d;
  const int = d.int.padStart(exp + 1, '0');
  return { neg: d.neg, int: int.slice(0, int.length - exp).replace(/^0+(?=\d)/, ''), frac: int.slice(int.length - exp) + d.frac };
}

/** Rounds half away from zero to `places` decimals: exact, on the digits. */
function round(d: Dec, places: number): Dec {
  const frac = d.frac.padEnd(places + 1, '0');
  const kept = d.int + frac.slice(0, places);
  const up = (frac[places] ?? '0') >= '5';
  let digits = kept;
  if (up) {
    const arr = kept.split('');
    let i = arr.length - 1;
    for (; i >= 0; i--) {
      if (arr[i] === '9') arr[i] = '0';
      else {
        arr[i] = String(Number(arr[i]) + 1);
        break;
      }
    }
    digits = (i < 0 ? '1' : '') + arr.join('');
  }
  const int = digits.slice(0, digits.length - places).replace(/^0+(?=\d)/, '') || '0';
  return { neg: d.neg, int, frac: digits.slice(digits.length - places) };
}

function isZero(d: Dec): boolean {
  return /^0*$/.test(d.int) && /^0*$/.test(d.frac);
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A decimal string with thousands separators and exactly `places` decimals; '—' when empty. */
export function formatNumber(value: unknown, places = 2): string {
  const d = parseDecimal(value);
  if (!d) return '—';
  const r = round(d, places);
  const sign = r.neg && !isZero(r) ? '-' : '';
  return sign + group(r.int) + (places > 0 ? '.' + r.frac : '');
}

/** The unit that suits a magnitude in yuan: 亿元 from 1 亿 up, else 万元. */
export function unitFor(maxAbsYuan: unknown): AmountUnit {
  const d = parseDecimal(maxAbsYuan);
  if (!d) return 'wan';
  return d.int.replace(/^0+/, '').length >= 9 ? 'yi' : 'wan';
}

/**
 * The one unit rule for money side by side: every table column and every chart axis shows money
 * in 万元, on every page and whatever the figures' size, so a measure reads in the same unit
 * wherever it appears and a table never mixes units. Only a lone figure (a tile, a tooltip) takes
 * the unit of its size (unitFor, unitForAll).
 */
export const COLUMN_UNIT: AmountUnit = 'wan';

/** One unit for a few figures shown together in one place (a tile's value, base and target). */
export function unitForAll(values: unknown[]): AmountUnit {
  let longest = 0;
  for (const v of values) {
    const d = parseDecimal(v);
    if (d) longest = Math.max(longest, d.int.replace(/^0+/, '').length);
  }
  return longest >= 9 ? 'yi' : 'wan';
}

/** Amount in yuan shown in a unit, without the unit label: "12,345.68". */
export function formatAmountIn(yuan: unknown, unit: AmountUnit, places = 2): string {
  const d = parseDecimal(yuan);
  if (!d) return '—';
  return formatNumber(render(shift(d, UNIT_EXP[unit])), places);
}

/** Amount in yuan with its unit: "1,234.57 万元" / "12.35 亿元" (unit chosen from the size unless given). */
export function formatAmount(yuan: unknown, lang: Lang, unit?: AmountUnit): string {
  const u = unit ?? unitFor(yuan);
  const s = formatAmountIn(yuan, u);
  return s === '—' ? s : `${s} ${unitLabel(u, lang)}`;
}

function render(d: Dec): string {
  return (d.neg ? '-' : '') + d.int + (d.frac ? '.' + d.frac : '');
}

/** A ratio (0.123456) as a percentage: "12.35%". */
export function formatPercent(ratio: unknown, places = 2): string {
  const d = parseDecimal(ratio);
  if (!d) return '—';
  // ×100 by moving the point two places right.
  const frac = d.frac.padEnd(2, '0');
  const pct: Dec = { neg: d.neg, int: (d.int + frac.slice(0, 2)).replace(/^0+(?=\d)/, ''), frac: frac.slice(2) };
  return formatNumber(render(pct), places) + '%';
}

/** A change of a ratio (0.0018) in percentage points, signed: "+0.18 个百分点" / "+0.18 pp" — never "%". */
export function formatPointChange(ratio: unknown, lang: Lang, places = 2): string {
  const pct = formatPercent(ratio, places);
  if (pct === '—') return pct;
  return `${withSign(pct.slice(0, -1))} ${lang === 'zh' ? '个百分点' : 'pp'}`;
}

/** A count with separators: "12,345". */
export function formatCount(value: unknown): string {
  return formatNumber(value, 0);
}

/** Scorecard points: one decimal. */
export function formatPoints(value: unknown): string {
  return formatNumber(value, 2);
}

/** A signed change: "+1,234.50 万元" / "-2.10%". */
export function withSign(formatted: string): string {
  if (formatted === '—' || formatted.startsWith('-')) return formatted;
  return /^0(\.0*)?(%| |$)/.test(formatted) ? formatted : '+' + formatted;
}

/** A plain number for charts (ECharts wants numbers): yuan converted to the unit. Display only. */
export function toChartNumber(yuan: unknown, unit: AmountUnit | 'ratio' | 'raw' = 'raw'): number | null {
  const d = parseDecimal(yuan);
  if (!d) return null;
  if (unit === 'raw') return Number(render(d));
  if (unit === 'ratio') return Number(render(d)) * 100;
  return Number(render(shift(d, UNIT_EXP[unit])));
}
