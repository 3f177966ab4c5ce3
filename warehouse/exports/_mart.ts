// An export kind that writes every row of one of the API's mart lists (warehouse/queries/mart-rows.ts):
// the same columns, filters and scope as the list, for the whole bank or the --org subtree.
import type { Column } from '../../report/table.ts';
import { martRows, type MartRows } from '../queries/mart-rows.ts';
import { codeSchema } from '../schema-version.ts';
import { readerOf } from './_common.ts';
import type { ExportKind } from './_kind.ts';

export interface MartExport extends Omit<ExportKind, 'table'> {
  columns: Column[];
  /** The list read, and the order of the rows (SQL over its output columns, from the code). */
  rows: MartRows;
  order: string;
}

export function martExport(k: MartExport): ExportKind {
  const { columns, rows, order, ...kind } = k;
  return {
    ...kind,
    async table(wh, req) {
      const { catalog } = await codeSchema();
      const read = await martRows(readerOf(wh), catalog, rows, { orgId: req.org ?? null, period: req.period }, order);
      // Each row keyed in the kind's column order, as the other kinds' rows are.
      return { columns, rows: read.map((r) => Object.fromEntries(columns.map((c) => [c.key, r[c.key]]))) };
    },
  };
}
