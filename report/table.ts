// A table for people: rows from the warehouse (exact strings for decimals) and typed columns.
// CSV, XLSX and JSON writers all take this shape, so the CLI exports and the API downloads agree.
import { CODED_COLUMNS, LONG_FORM_KEYS, labelOf, valueLabel, type Lang } from './labels.ts';
import { indicatorAchievementMetric, kindOf, type ColumnKind } from '../contract/metrics.ts';
import { UNAVAILABLE_LABEL, type Unavailable } from '../contract/unavailable.ts';
import defaultCurrency from '../config/currency.json' with { type: 'json' };

// The kinds of columns are the metric catalog's (contract/metrics.ts).
export { kindOf, type ColumnKind };

export interface Column {
  key: string;
  kind: ColumnKind;
  /** The header, when the caller has its own (the API's derived columns); else labelOf(key). */
  header?: string;
}

export type TableRow = Record<string, unknown>;

export interface Table {
  columns: Column[];
  rows: TableRow[];
  /** What the headers say beside the labels (units, unavailable columns); see headerOf. */
  notes?: TableNotes;
}

export interface TableNotes {
  /** The label of the unit money columns are in (config/currency.json units.yuan: 元, CZK); CNY's when absent. */
  money?: { zh: string; en: string };
  /** Columns whose figures are null for a reason (contract/unavailable.ts): said in their header. */
  unavailable?: Unavailable;
  /** The rows are of a month period (a league's achievements by elapsed time even where a row lacks a target). */
  month?: boolean;
}

/** The unit a header states for a column kind (money: the reporting currency's). */
function unitOf(kind: ColumnKind, notes: TableNotes): { zh: string; en: string } | null {
  if (kind === 'money') return notes.money ?? defaultCurrency.units.yuan;
  if (kind === 'ratio') return { zh: '比率，1=100%', en: 'ratio: 1 = 100%' };
  if (kind === 'count') return { zh: '数量', en: 'count' };
  return null;
}

/** League columns measured by elapsed time in a month (序时进度): their headers say so. */
const PACED: Record<string, string> = {
  profit_contribution_base: 'pace_base',
  profit_contribution_target: 'pace_target',
  profit_contribution_achievement: 'pace_achievement',
  profit_contribution_growth: 'pace_growth',
};

/**
 * The label of a league column in a month, where it is measured by elapsed time: profit
 * contribution's base, target, achievement and growth (同期基数, 序时任务, 序时完成率), and a scheme
 * indicator's achievement (the metric's label and 序时完成率); undefined for any other column.
 */
export function pacedLabel(key: string, lang: Lang): string | undefined {
  const paced = PACED[key];
  if (paced) return labelOf(paced, lang);
  const metric = indicatorAchievementMetric(key);
  if (!metric) return undefined;
  const [name, measure] = [labelOf(metric, lang), labelOf('pace_achievement', lang)];
  return lang === 'zh' ? `${name}${measure}` : `${name}: ${measure.toLowerCase()}`;
}

/**
 * Whether a list is measured by elapsed time: a league (it carries elapsed_share) of a month
 * (`month`; not known: a row's elapsed_share says so). Its labels and headers are pacedLabel's.
 */
export function pacedList(keys: readonly string[], month: boolean | undefined, rows: readonly Record<string, unknown>[]): boolean {
  const league = keys.includes('elapsed_share') || rows.some((r) => 'elapsed_share' in r);
  return league && (month ?? rows.some((r) => r.elapsed_share !== null && r.elapsed_share !== undefined));
}

/**
 * The header row of a download, the one place CSV and XLSX take it from: each column's label (its
 * own header, else the glossary's), headed by elapsed time when the rows are a month measured so
 * (a league's: it carries elapsed_share, and the period is a month — `notes.month`, else a row's
 * elapsed_share says so: 序时任务, 序时完成率), then its unit (money in the reporting currency,
 * ratios, counts; none in a long-form column, whose rows mix units) and, for a column whose ledger
 * was not delivered, that reason (未提供).
 */
export function headerOf(table: Table, lang: Lang): string[] {
  const notes = table.notes ?? {};
  const paced = pacedList(table.columns.map((c) => c.key), notes.month, table.rows);
  const longForm = metricColumnOf(table.columns) !== undefined;
  return table.columns.map((c) => {
    const text = (paced ? pacedLabel(c.key, lang) : undefined) ?? c.header ?? labelOf(c.key, lang);
    const unit = longForm && LONG_FORM_KEYS.has(c.key) ? null : unitOf(c.kind, notes);
    const reason = notes.unavailable?.[c.key];
    const parts = [unit?.[lang], reason ? UNAVAILABLE_LABEL[reason][lang] : undefined].filter(Boolean);
    if (parts.length === 0) return text;
    return lang === 'zh' ? `${text}（${parts.join('；')}）` : `${text} (${parts.join('; ')})`;
  });
}

export function columnsOf(keys: string[]): Column[] {
  return keys.map((key) => ({ key, kind: kindOf(key) }));
}

const decimalText = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal text rounded half away from zero to `places` decimals, on the digits (never through a
 * double): "75175.325000" → "75175.33", "-0.005" → "-0.01", "12" → "12.00". Anything that is not a
 * plain decimal comes back unchanged. Display only: the figure is the warehouse's.
 */
export function roundDecimalText(value: string, places: number): string {
  const m = decimalText.exec(value);
  if (!m) return value;
  const [, sign, int, frac = ''] = m;
  const padded = frac.padEnd(places + 1, '0');
  let digits = (int! + padded.slice(0, places)).split('').map(Number);
  if (padded[places]! >= '5') {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i < 0) digits = [1, ...digits];
    else digits[i]! += 1;
  }
  const all = digits.join('');
  const whole = all.slice(0, all.length - places).replace(/^0+(?=\d)/, '');
  const text = places > 0 ? `${whole}.${all.slice(all.length - places)}` : whole;
  return sign && /[1-9]/.test(text) ? `-${text}` : text;
}

/**
 * The kind a cell is shown as. Long-form metric tables (a `metric` column beside actual, base,
 * target, growth) mix money, ratios and counts in one column, so there the row's metric decides:
 * a money metric's base reads at the fen, a ratio's at six decimals. Elsewhere, the column's kind.
 */
export function cellKind(column: Column, row: TableRow, metricColumn?: string): ColumnKind {
  if (!metricColumn || !LONG_FORM_KEYS.has(column.key) || column.key === 'metric') return column.kind;
  const metric = row[metricColumn];
  if (typeof metric !== 'string') return column.kind;
  const kind = kindOf(metric);
  return kind === 'money' || kind === 'ratio' || kind === 'count' || kind === 'number' ? kind : 'number';
}

/** The key of a table's metric column (long-form tables), if it has one. */
export function metricColumnOf(columns: Column[]): string | undefined {
  return columns.find((c) => c.key === 'metric')?.key;
}

/**
 * A cell as people read it in CSV and XLSX: coded values as their labels in the chosen language
 * (JSON keeps the codes), money at the fen, counts without trailing zeros ("2.000000" → "2",
 * exact: nothing is rounded). Ratios and the rest as the warehouse gave them.
 */
export function displayCell(column: Column, row: TableRow, lang: Lang, metricColumn?: string): { value: unknown; kind: ColumnKind } {
  const raw = row[column.key];
  if (CODED_COLUMNS.has(column.key)) return { value: valueLabel(column.key, raw, lang), kind: column.kind };
  const kind = cellKind(column, row, metricColumn);
  if (kind === 'money' && (typeof raw === 'string' || typeof raw === 'number')) return { value: roundDecimalText(String(raw), 2), kind };
  // a count carried at 6 decimals (shared clients, long-form metrics) reads as it is: 2, 0.5
  if (kind === 'count' && typeof raw === 'string' && /^-?\d+\.\d+$/.test(raw)) return { value: raw.replace(/\.?0+$/, ''), kind };
  return { value: raw, kind };
}
