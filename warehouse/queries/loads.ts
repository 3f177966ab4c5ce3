// The load log and the rejected rows (admin views). No ledger values beyond the rejected cell.
import { runList, type Listed, type Paging } from './listing.ts';
import type { Reader } from './reader.ts';

export const loadColumns = [
  'load_id', 'delivery', 'status', 'started_at', 'finished_at', 'files', 'rows_read', 'rows_loaded', 'rows_rejected', 'message',
] as const;
export type LoadRow = Record<(typeof loadColumns)[number], string | number | null>;

export async function listLoads(reader: Reader, f: { status?: string }, paging: Paging): Promise<Listed<LoadRow>> {
  return runList<LoadRow>(reader, {
    select: `select load_id, delivery, status, started_at::varchar as started_at, finished_at::varchar as finished_at,
               files, rows_read, rows_loaded, rows_rejected, message
             from load_log where ($status::varchar is null or status = $status::varchar)`,
    params: { status: f.status ?? null },
    paging,
    sortable: loadColumns,
    tiebreak: ['load_id'],
  });
}

export async function loadExists(reader: Reader, loadId: number): Promise<boolean> {
  return (await reader.query(`select 1 from load_log where load_id = $id`, { id: loadId })).length > 0;
}

// `line` is the file's line number; named line_no here so it is not taken for the business line.
export const rejectColumns = ['load_id', 'file_name', 'line_no', 'column_name', 'value', 'reason'] as const;
export type RejectRow = Record<(typeof rejectColumns)[number], string | number | null>;

export async function listRejects(
  reader: Reader,
  f: { loadId: number; file?: string },
  paging: Paging,
): Promise<Listed<RejectRow>> {
  return runList<RejectRow>(reader, {
    select: `select load_id, file_name, line as line_no, column_name, value, reason from load_rejects
             where load_id = $load_id and ($file::varchar is null or file_name = $file::varchar)`,
    params: { load_id: f.loadId, file: f.file ?? null },
    paging,
    sortable: rejectColumns,
    tiebreak: ['file_name', 'line_no', 'column_name'],
  });
}
