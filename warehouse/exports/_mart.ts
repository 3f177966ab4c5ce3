// An export kind that writes every row of one of the API's mart lists (warehouse/queries/mart-rows.ts):
// the same columns, filters and scope as the list, for the whole bank or the --org subtree.
import type { Column } from '../../report/table.ts';
import type { Catalog } from '../queries/catalog.ts';
import { martRows, type MartRows } from '../queries/mart-rows.ts';
import { codeSchema } from '../schema-version.ts';
import { wholeBank } from '../queries/scope.ts';
import type { Warehouse } from '../db.ts';
import type { Reader } from '../queries/reader.ts';
import { readerOf } from './_common.ts';
import type { ExportKind } from './_kind.ts';

/** What a kind's columns may depend on besides the catalog: the request, and the marts to read it from. */
export interface ExportAt {
  reader: Reader;
  period: string;
  /** The --org node, null for the whole bank. */
  org: string | null;
}

/**
 * A value fixed in the code, or taken from the catalog of the marts this code builds (and, for a
 * kind whose columns follow the data, such as the league's scheme indicators, from the request).
 */
type FromCatalog<T> = T | ((catalog: Catalog, at: ExportAt) => T | Promise<T>);

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
      const at: ExportAt = { reader: readerOf(wh), period: req.period, org: req.org ?? null };
      const cols = typeof columns === 'function' ? await columns(catalog, at) : columns;
      const spec = typeof rows === 'function' ? await rows(catalog, at) : rows;
      const read = await martRows(at.reader, catalog, spec, { scope: wholeBank, orgId: at.org, period: at.period }, order);
      // Each row keyed in the kind's column order.
      return { columns: cols, rows: read.map((r) => Object.fromEntries(cols.map((c) => [c.key, r[c.key]]))) };
    },
  };
}
