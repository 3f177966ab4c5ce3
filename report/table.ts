// A table for people: rows from the warehouse (exact strings for decimals) and typed columns.
// CSV, XLSX and JSON writers all take this shape, so the CLI exports and the API downloads agree.
import { labelOf, type Lang } from './labels.ts';

export type ColumnKind = 'id' | 'text' | 'date' | 'money' | 'ratio' | 'count' | 'number';

export interface Column {
  key: string;
  kind: ColumnKind;
}

export type TableRow = Record<string, unknown>;

export interface Table {
  columns: Column[];
  rows: TableRow[];
}

export function headerOf(columns: Column[], lang: Lang): string[] {
  return columns.map((c) => labelOf(c.key, lang));
}

/** Infers a column kind from a metric or field name, for tables whose columns come from a mart. */
export function kindOf(key: string): ColumnKind {
  if (/(_id|^period)$/.test(key)) return 'id';
  if (/_date$|_at$/.test(key)) return 'date';
  if (/ratio|achievement|share|rate|coverage|percentile|hhi/.test(key)) return 'ratio';
  if (/_units$|_count$|^clients$|^new_clients$|^managers$|visits$|^rank|_rank$/.test(key)) return 'count';
  if (/balance|spread|income|contribution|increase|amount|loss|pay|growth|base$|target$|actual$/.test(key)) return 'money';
  if (/points|score|span/.test(key)) return 'number';
  return 'text';
}

export function columnsOf(keys: string[]): Column[] {
  return keys.map((key) => ({ key, kind: kindOf(key) }));
}
