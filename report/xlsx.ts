// XLSX through write-excel-file: ids stay text (leading zeros kept), money shows 2 decimals with
// separators, ratios 6 decimals. Excel stores numbers as doubles; the exact figures stay in CSV/JSON.
import writeExcelFile from 'write-excel-file/node';
import { headerOf, type Column, type Table } from './table.ts';
import type { Lang } from './labels.ts';

const formats: Partial<Record<Column['kind'], string>> = {
  money: '#,##0.00',
  ratio: '0.000000',
  count: '#,##0',
  number: '#,##0.00',
};

function cellOf(value: unknown, column: Column) {
  if (value === null || value === undefined || value === '') return null;
  const numeric = ['money', 'ratio', 'count', 'number'].includes(column.kind);
  if (numeric && !Number.isNaN(Number(value))) {
    return { value: Number(value), type: Number, format: formats[column.kind] };
  }
  return { value: typeof value === 'object' ? JSON.stringify(value) : String(value), type: String, format: '@' };
}

export async function toXlsx(table: Table, lang: Lang, sheet = 'Jixiao'): Promise<Buffer> {
  const header = headerOf(table.columns, lang).map((h) => ({ value: h, type: String, fontWeight: 'bold' as const }));
  const data = [header, ...table.rows.map((row) => table.columns.map((c) => cellOf(row[c.key], c)))];
  // write-excel-file's types are narrower than the cells it accepts; the shape above is its documented one.
  return (await writeExcelFile(data as never, { sheet }).toBuffer()) as Buffer;
}
