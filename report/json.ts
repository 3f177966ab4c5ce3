// JSON for programs: one object per row, keys are the column keys (the metric names of DOMAIN.md).
// Numbers are written as the warehouse gave them (exact decimal text as a JSON number, never
// through a double); ids, dates and text stay strings.
import type { Table } from './table.ts';

const numeric = new Set(['money', 'ratio', 'count', 'number']);
const decimalText = /^-?\d+(\.\d+)?$/;

function value(v: unknown, kind: string): string {
  if (v === null || v === undefined) return 'null';
  if (numeric.has(kind)) {
    const s = String(v);
    if (decimalText.test(s)) return s;
  }
  return JSON.stringify(typeof v === 'object' ? JSON.stringify(v) : String(v));
}

export function toJson(table: Table): string {
  const rows = table.rows.map(
    (row) => '  {' + table.columns.map((c) => `${JSON.stringify(c.key)}: ${value(row[c.key], c.kind)}`).join(', ') + '}',
  );
  return rows.length ? `[\n${rows.join(',\n')}\n]\n` : '[]\n';
}
