// CSV for Excel users: UTF-8 with a BOM (so Excel shows Chinese), RFC 4180 quoting, CRLF lines.
// Decimals are the warehouse's exact strings, money at the fen; coded values (client type, five-
// category class, segment …) are written as their labels in the chosen language (table.ts displayCell).
import { displayCell, headerOf, metricColumnOf, type ColumnKind, type Table } from './table.ts';
import type { Lang } from './labels.ts';

/** Kinds whose cells are figures: written as they are, a leading minus is a sign. */
const numeric = new Set<ColumnKind>(['money', 'ratio', 'count', 'number']);

/**
 * One field. A text cell that Excel would read as a formula (it begins with =, +, -, @, a tab or a
 * carriage return: a client named =HYPERLINK(…)) is written with a leading ' so it stays text.
 */
export function cell(value: unknown, kind: ColumnKind = 'text'): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (!numeric.has(kind) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Table, lang: Lang, opts: { bom?: boolean } = {}): string {
  const lines = [headerOf(table, lang).map((h) => cell(h)).join(',')];
  const metricColumn = metricColumnOf(table.columns);
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => {
      const shown = displayCell(c, row, lang, metricColumn);
      return cell(shown.value, shown.kind);
    }).join(','));
  }
  return (opts.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
