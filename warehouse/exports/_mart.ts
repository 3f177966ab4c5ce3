// An export kind that writes every row of one of the API's mart lists (warehouse/queries/mart-rows.ts):
// the same columns, filters and scope as the list, for the whole bank or the --org subtree.
import type { Column } from '../../report/table.ts';
import type { Catalog } from '../queries/catalog.ts';
import { martRows, type MartRows } from '../queries/mart-rows.ts';
import { codeSchema } from '../schema-version.ts';
import { wholeBank } from '../queries/scope.ts';
import type { Warehouse } from '../db.ts';
import { readerOf } from './_common.ts';
import type { ExportKind } from './_kind.ts';

/** A value fixed in the code, or taken from the catalog of the marts this code builds. */
type FromCatalog<T> = T | ((catalog: Catalog) => T);

export interface MartExport extends Omit<ExportKind, 'table'> {
  columns: FromCatalog<Column[]>;
  /** The list read, and the order of the rows (SQL over its output columns, from the code). */
  rows: FromCatalog<MartRows>;
  order: string;
  /** Refuses a request the mart has no rows for, saying why (ExportRequestError). */
  check?(wh: Warehouse, period: string): Promise<void>;
}

export function martExport(k: MartExport): ExportKind {
  const { columns, rows, order, check, ...kind } = k;
  return {
    ...kind,
    async table(wh, req) {
      await check?.(wh, req.period);
      const { catalog } = await codeSchema();
      const cols = typeof columns === 'function' ? columns(catalog) : columns;
      const spec = typeof rows === 'function' ? rows(catalog) : rows;
      const read = await martRows(readerOf(wh), catalog, spec, { scope: wholeBank, orgId: req.org ?? null, period: req.period }, order);
      // Each row keyed in the kind's column order.
      return { columns: cols, rows: read.map((r) => Object.fromEntries(cols.map((c) => [c.key, r[c.key]]))) };
    },
  };
}
