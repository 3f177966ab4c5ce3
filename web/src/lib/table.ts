// Pure helpers behind DataTable: sorting, the unit of a money column, in-cell bar widths and
// cell text. Values arrive as the API sent them (decimal strings, numbers, text).
import { formatAmountIn, formatCount, formatNumber, formatPercent, formatPointChange, parseDecimal, COLUMN_UNIT, type AmountUnit } from './format.ts';

import type { ColumnKind } from '../../../contract/metrics.ts';
import { CODED_COLUMNS, valueLabel, type Lang } from '../../../report/labels.ts';

/** The same kinds as the exports' columns (report/table.ts). */
export type CellKind = ColumnKind;
export type SortDir = 'asc' | 'desc';
export type Row = Record<string, unknown>;

export interface ColumnDef {
  key: string;
  kind: CellKind;
  /** Header text; the glossary label of the key when absent. */
  label?: string;
  /** Draw a bar in the cell, scaled to the column's largest absolute value. */
  bar?: boolean;
  /** Rendered by the table's `cell` snippet (badges, checkboxes) instead of as text. */
  custom?: boolean;
  /** The row's code behind this name column (`org_name` → `org_id`), shown on hover when the code has no column of its own. */
  code?: string;
}

function numeric(v: unknown): number | null {
  const d = parseDecimal(v);
  if (!d) return null;
  return Number((d.neg ? '-' : '') + d.int + '.' + (d.frac || '0'));
}

/** Compares two cells of a column; empty cells sort last whatever the direction. */
export function compareCells(a: unknown, b: unknown, kind: CellKind): number {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  if (kind === 'text' || kind === 'id' || kind === 'date') return String(a).localeCompare(String(b), 'zh-Hans-CN', { numeric: true });
  const na = numeric(a);
  const nb = numeric(b);
  if (na === null || nb === null) return String(a).localeCompare(String(b));
  return na - nb;
}

/** A sorted copy; stable, empties last. */
export function sortRows<T extends Row>(rows: T[], key: string | null, dir: SortDir, kind: CellKind): T[] {
  if (!key) return rows.slice();
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      const a = x.row[key];
      const b = y.row[key];
      if (empty(a) || empty(b)) return compareCells(a, b, kind) || x.i - y.i;
      const c = compareCells(a, b, kind);
      return (dir === 'asc' ? c : -c) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** Clicking a header: a new column sorts descending first (biggest on top), the same one flips. */
export function nextSort(current: { key: string | null; dir: SortDir }, key: string, kind: CellKind): { key: string; dir: SortDir } {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: kind === 'text' || kind === 'id' || kind === 'date' ? 'asc' : 'desc' };
}

/** The unit of each money column: the product's one rule (format.ts COLUMN_UNIT). */
export function columnUnits(columns: ColumnDef[], rows: Row[]): Record<string, AmountUnit> {
  const units: Record<string, AmountUnit> = {};
  for (const c of columns) if (c.kind === 'money') units[c.key] = COLUMN_UNIT;
  return units;
}

export interface BarExtent {
  maxPos: number;
  maxNeg: number;
}

/** The largest positive and negative values of a column (computed once per column, not per cell). */
export function barExtent(column: unknown[]): BarExtent {
  let maxPos = 0;
  let maxNeg = 0;
  for (const x of column) {
    const n = numeric(x);
    if (n === null) continue;
    if (n > maxPos) maxPos = n;
    if (-n > maxNeg) maxNeg = -n;
  }
  return { maxPos, maxNeg };
}

/**
 * Bar geometry of a cell, in percent of the cell: positive bars grow right from the zero line,
 * negative bars left of it. The zero line sits where the column's negatives end.
 */
export function barGeometry(value: unknown, column: unknown[] | BarExtent): { left: number; width: number; negative: boolean } | null {
  const v = numeric(value);
  if (v === null) return null;
  const { maxPos, maxNeg } = Array.isArray(column) ? barExtent(column) : column;
  const span = maxPos + maxNeg;
  if (span === 0) return { left: 0, width: 0, negative: false };
  const zero = (maxNeg / span) * 100;
  const width = (Math.abs(v) / span) * 100;
  return v < 0 ? { left: zero - width, width, negative: true } : { left: zero, width, negative: false };
}

export function cellText(value: unknown, kind: CellKind, unit?: AmountUnit): string {
  switch (kind) {
    case 'money':
      return formatAmountIn(value, unit ?? 'wan');
    case 'ratio':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    case 'number':
      return formatNumber(value, 2);
    default:
      return value === null || value === undefined || value === '' ? '—' : String(value);
  }
}

/**
 * The text of a cell: a coded value (client type, class, segment, a yes/no flag …) as its glossary label in the
 * user's language, the same label as in the CSV/XLSX downloads (report/labels.ts); else by kind.
 */
export function cellDisplay(column: string, value: unknown, kind: CellKind, lang: Lang, unit?: AmountUnit): string {
  if (CODED_COLUMNS.has(column) && ((typeof value === 'string' && value !== '') || typeof value === 'boolean')) return String(valueLabel(column, value, lang));
  // The change of a ratio (npl_ratio_growth) is in percentage points, never "%".
  if (kind === 'ratio' && /_growth$/.test(column)) return formatPointChange(value, lang);
  return cellText(value, kind, unit);
}

/** Cell kind from a field name, the same inference as the exports (report/table.ts kindOf). */
export { kindOf } from '../../../contract/metrics.ts';
