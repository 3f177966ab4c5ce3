// The evaluation entries (issue 21): what people judge on a scorecard — manual indicators and
// bonus/deduction items — kept in the server's append-only file `<db>.entries.jsonl` (0600, beside
// the users file; api/README.md "The server's own store"). One JSON line per change, never
// rewritten: the file is the audit trail, and an entry's value in force is its last line (by seq).
// Every write appends all its lines with one `write` under the lock file and fsyncs before the
// caller answers, so a request (or an upload of many rows) is written whole or not at all.
// DuckDB reads the file with declared columns (sql/live/scorecards_live.sql), so a build and
// `jixiao export entries` can read it while the server writes.
import { existsSync, statSync } from 'node:fs';
import { appendLines, ensureLogFile, readLines } from './append-log.ts';

/**
 * What an entry is about. `indicator`: a manual indicator's points; `item`: points of a bonus or
 * deduction item. Later kinds (a review's submit, approve, lock) go in the same file.
 */
export type EntryKind = 'indicator' | 'item';
/** Where the change came from: the card, the batch grid, an uploaded template. */
export type EntrySource = 'card' | 'grid' | 'upload';

export interface EntryLine {
  /** 1, 2, 3 … in the order written. */
  seq: number;
  /** ISO 8601 time of the write (UTC). */
  at: string;
  by_user: string;
  by_name: string;
  by_role: string;
  kind: EntryKind;
  manager_id: string;
  /** The scoring period of the card (2026-03-ytd …). */
  period: string;
  item_id: string;
  /** The value in force before this line (null: none), as exact decimal text with two places. */
  old_value: string | null;
  /** The new value (null withdraws the entry). */
  value: string | null;
  /** For an indicator with a rating scale: the rating picked. */
  rating: string | null;
  note: string;
  source: EntrySource;
  /** Lines written by one request share it. */
  batch: string;
}

export type NewEntry = Omit<EntryLine, 'seq' | 'at' | 'batch'>;

export function entriesPathFor(dbPath: string): string {
  if (dbPath === ':memory:') throw new Error('an in-memory warehouse has no entries file; give --db FILE');
  return dbPath.replace(/\.duckdb$/i, '') + '.entries.jsonl';
}

const key = (kind: string, managerId: string, period: string, itemId: string) => `${kind}\u0000${managerId}\u0000${period}\u0000${itemId}`;

export class EntriesStore {
  /** The file as last read: its size, each key's last line, and the lines per period. */
  private index: { size: number; last: Map<string, EntryLine>; periods: Map<string, number> } | undefined;

  constructor(readonly path: string) {
    if (!existsSync(path)) ensureLogFile(path);
  }

  /** The file's lines read again when its size changed (another process wrote, or it was our append). */
  private read() {
    const size = this.generation();
    if (this.index?.size === size) return this.index;
    const last = new Map<string, EntryLine>();
    const periods = new Map<string, number>();
    for (const e of readLines<EntryLine>(this.path)) {
      last.set(key(e.kind, e.manager_id, e.period, e.item_id), e);
      periods.set(e.period, (periods.get(e.period) ?? 0) + 1);
    }
    this.index = { size, last, periods };
    return this.index;
  }

  /** The value in force (the last line, unless it withdrew the entry). */
  inForce(kind: EntryKind, managerId: string, period: string, itemId: string): EntryLine | undefined {
    const e = this.read().last.get(key(kind, managerId, period, itemId));
    return e && e.value !== null ? e : undefined;
  }

  /** True when some line concerns the scoring period (else every card of it is as built). */
  touches(period: string): boolean {
    return this.read().periods.has(period);
  }

  /** Changes whenever a line is added: the answer cache keys on it. */
  generation(): number {
    return statSync(this.path).size;
  }

  /** Appends the lines in one write under the lock and fsyncs (warehouse/append-log.ts). */
  append(at: Date, batch: string, prepare: () => NewEntry[]): EntryLine[] {
    return appendLines(this.path, at, batch, prepare);
  }
}
