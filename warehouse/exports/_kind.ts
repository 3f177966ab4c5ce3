// The shape of an export kind. Every other file in this folder (not starting with `_`) default-
// exports one ExportKind; `jixiao export <kind>` finds them there, so a new kind is a new file.
import type { Warehouse } from '../db.ts';
import type { Table } from '../../report/table.ts';

export interface ExportRequest {
  /** A period key that exists in mart_periods (checked before `table` is called). */
  period: string;
  /** Restrict to this org node's subtree (checked to exist). */
  org?: string;
  /** The server's entries file of the ledger (`<db>.entries.jsonl`), for the kinds that read it. */
  entriesFile?: string;
  /** The server's reviews file (`<db>.reviews.jsonl`: the locked cards), for the kinds that read it. */
  reviewsFile?: string;
}

export interface ExportKind {
  /** The word after `jixiao export`. */
  kind: string;
  /** One line for --help. */
  summary: string;
  /** The subject's id column present in every row (manager_id, org_id, client_id …). */
  idColumn: string;
  /** Sheet name in XLSX. */
  sheet: string;
  table(wh: Warehouse, req: ExportRequest): Promise<Table>;
  /**
   * The periods the kind serves when they are not the built periods of mart_periods (the target
   * cascade: the targets file's, a year planned before its months are loaded).
   */
  periods?(wh: Warehouse): Promise<string[]>;
}

/** Thrown for a request the kind cannot serve (bad period, unknown org): exit 2. */
export class ExportRequestError extends Error {}
