// The load log: one load_log row per delivery, one load_files row per file, the rejects and the
// kept-aside extra columns; and the typed reads behind `jixiao loads` and `jixiao rejects`.
import type { Warehouse } from '../warehouse/db.ts';

export type LoadStatus = 'loaded' | 'refused' | 'unchanged';

export interface FileResult {
  fileName: string;
  kind: string;
  format: 'csv' | 'parquet';
  encoding: string | null;
  bytes: number;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  extraColumns: string[];
}

export interface IngestResult {
  loadId: number;
  delivery: string;
  status: LoadStatus;
  files: FileResult[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Why the delivery was refused (empty when loaded). */
  reasons: string[];
  /** Files in the folder that are not extract files (name matches no kind), left alone. */
  skipped: string[];
  /** For an unchanged delivery: the load that applied the same files (its rejects are listed there). */
  sameAs?: number;
  /** Wall time of the load in milliseconds. */
  ms: number;
  /** Per ledger and month: what the delivery does to it (snapshots: rows before → after; events: rows added, changed). */
  months?: MonthChange[];
}

export interface MonthChange {
  kind: string;
  /** YYYY-MM */
  month: string;
  /** Snapshots: 'new' month, 'same' rows as loaded, 'restated' (different rows; needs --restate). Events: 'events'. */
  change: 'new' | 'same' | 'restated' | 'events';
  /** Snapshots: rows of the month in the warehouse before the load, and after it. */
  before?: number;
  after?: number;
  /** Events: rows with a new id, and rows replacing a loaded id with other values. */
  added?: number;
  changed?: number;
}

export async function nextLoadId(wh: Warehouse): Promise<number> {
  const rows = await wh.query<{ id: string | number }>(`select nextval('load_id_seq') as id`);
  return Number(rows[0]!.id);
}

/** The fingerprint of the last load that changed the warehouse. */
export async function lastAppliedFingerprint(wh: Warehouse): Promise<{ loadId: number; fingerprint: string | null } | undefined> {
  const rows = await wh.query<{ load_id: number; fingerprint: string | null }>(
    `select load_id, fingerprint from load_log where status = 'loaded' order by load_id desc limit 1`,
  );
  return rows[0] ? { loadId: Number(rows[0].load_id), fingerprint: rows[0].fingerprint } : undefined;
}

/** Writes load_log and load_files; the caller runs it inside the load's transaction. */
export async function recordLoad(wh: Warehouse, r: IngestResult, startedAt: Date, fingerprint: string): Promise<void> {
  await wh.run(
    `insert into load_log (load_id, delivery, started_at, finished_at, status, files, rows_read, rows_loaded, rows_rejected, message, fingerprint)
     values ($id, $delivery, $started::timestamp, current_timestamp::timestamp, $status, $files, $read, $loaded, $rejected, $message, $fingerprint)`,
    {
      id: r.loadId,
      delivery: r.delivery,
      started: startedAt.toISOString().replace('T', ' ').replace('Z', ''),
      status: r.status,
      files: r.files.length,
      read: r.rowsRead,
      loaded: r.rowsLoaded,
      rejected: r.rowsRejected,
      message: r.reasons.length ? r.reasons.join('\n') : null,
      fingerprint,
    },
  );
  for (const f of r.files) {
    await wh.run(
      `insert into load_files (load_id, file_name, kind, format, encoding, bytes, sha256, rows_read, rows_loaded, rows_rejected, extra_columns)
       values ($id, $name, $kind, $format, $encoding, $bytes, $sha, $read, $loaded, $rejected, case when $extra = '' then []::varchar[] else string_split($extra, chr(31)) end)`,
      {
        id: r.loadId, name: f.fileName, kind: f.kind, format: f.format, encoding: f.encoding, bytes: f.bytes, sha: f.sha256,
        read: f.rowsRead, loaded: f.rowsLoaded, rejected: f.rowsRejected, extra: f.extraColumns.join('\x1f'),
      },
    );
  }
}

/** Copies the delivery's rejects (temp table ing_rejects) into load_rejects. */
export async function recordRejects(wh: Warehouse, loadId: number): Promise<void> {
  await wh.run(
    `insert into load_rejects (load_id, file_name, line, column_name, value, reason)
     select $id, f.file_name, r.line, r.column_name, r.value, r.reason
     from ing_rejects r join ing_files f using (file_no)
     order by f.file_no, r.line, r.column_name`,
    { id: loadId },
  );
}

export type LoadRow = {
  load_id: number;
  delivery: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  files: number;
  rows_read: string;
  rows_loaded: string;
  rows_rejected: string;
  message: string | null;
};

export async function listLoads(wh: Warehouse, limit = 50): Promise<LoadRow[]> {
  return wh.query<LoadRow>(
    `select load_id, delivery, strftime(started_at, '%Y-%m-%d %H:%M:%S') as started_at,
       strftime(finished_at, '%Y-%m-%d %H:%M:%S') as finished_at, status, files, rows_read, rows_loaded, rows_rejected, message
     from load_log order by load_id desc limit $limit`,
    { limit },
  );
}

export type LoadFileRow = {
  load_id: number;
  file_name: string;
  kind: string;
  format: string;
  encoding: string | null;
  bytes: string;
  sha256: string;
  rows_read: string;
  rows_loaded: string;
  rows_rejected: string;
  extra_columns: string[] | null;
};

export async function listLoadFiles(wh: Warehouse, loadId: number): Promise<LoadFileRow[]> {
  return wh.query<LoadFileRow>(`select * from load_files where load_id = $id order by file_name`, { id: loadId });
}

export type RejectRow = {
  load_id: number;
  file_name: string;
  line: string;
  column_name: string | null;
  value: string | null;
  reason: string;
};

/** Rejects of one load (default: the latest load that has any), in file and line order. */
export async function listRejects(wh: Warehouse, loadId?: number, limit = 10000): Promise<RejectRow[]> {
  const id = loadId ?? Number((await wh.query<{ id: number | null }>(`select max(load_id) as id from load_rejects`))[0]?.id ?? 0);
  return wh.query<RejectRow>(
    `select load_id, file_name, line, column_name, value, reason from load_rejects where load_id = $id
     order by file_name, line, column_name limit $limit`,
    { id, limit },
  );
}
