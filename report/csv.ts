// CSV for Excel users: UTF-8 with a BOM (so Excel shows Chinese), RFC 4180 quoting, CRLF lines.
// Decimals are the warehouse's exact strings, money at the fen; coded values (client type, five-
// category class, segment …) are written as their labels in the chosen language (table.ts displayCell).
import { displayCell, headerOf, metricColumnOf, type Table } from './table.ts';
import type { Lang } from './labels.ts';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Table, lang: Lang, opts: { bom?: boolean } = {}): string {
  const lines = [headerOf(table.columns, lang).map(cell).join(',')];
  const metricColumn = metricColumnOf(table.columns);
  for (const row of table.rows) lines.push(table.columns.map((c) => cell(displayCell(c, row, lang, metricColumn).value)).join(','));
  return (opts.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
