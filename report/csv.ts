// CSV for Excel users: UTF-8 with a BOM (so Excel shows Chinese), RFC 4180 quoting, CRLF lines.
// Values are written exactly as the warehouse gave them (decimals as exact strings).
import { headerOf, type Table } from './table.ts';
import type { Lang } from './labels.ts';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Table, lang: Lang, opts: { bom?: boolean } = {}): string {
  const lines = [headerOf(table.columns, lang).map(cell).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => cell(row[c.key])).join(','));
  return (opts.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
