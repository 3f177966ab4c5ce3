// XLSX through write-excel-file: ids stay text (leading zeros kept), money shows 2 decimals with
// separators, ratios 6 decimals, coded values as their labels (table.ts displayCell). Excel stores
// numbers as doubles; the exact figures stay in CSV/JSON.
import writeExcelFile from 'write-excel-file/node';
import { displayCell, headerOf, metricColumnOf, type Column, type Table, type TableRow } from './table.ts';
import type { Lang } from './labels.ts';

const formats: Partial<Record<Column['kind'], string>> = {
  money: '#,##0.00',
  ratio: '0.000000',
  count: '#,##0',
  number: '#,##0.00',
};

function cellOf(row: TableRow, column: Column, lang: Lang, metricColumn: string | undefined) {
  const { value, kind } = displayCell(column, row, lang, metricColumn);
  if (value === null || value === undefined || value === '') return null;
  const numeric = ['money', 'ratio', 'count', 'number'].includes(kind);
  if (numeric && !Number.isNaN(Number(value))) {
    return { value: Number(value), type: Number, format: formats[kind] };
  }
  return { value: typeof value === 'object' ? JSON.stringify(value) : String(value), type: String, format: '@' };
}

export async function toXlsx(table: Table, lang: Lang, sheet = 'Jixiao'): Promise<Buffer> {
  const header = headerOf(table, lang).map((h) => ({ value: h, type: String, fontWeight: 'bold' as const }));
  const metricColumn = metricColumnOf(table.columns);
  const data = [header, ...table.rows.map((row) => table.columns.map((c) => cellOf(row, c, lang, metricColumn)))];
  // write-excel-file's types are narrower than the cells it accepts; the shape above is its documented one.
  return (await writeExcelFile(data as never, { sheet }).toBuffer()) as Buffer;
}
