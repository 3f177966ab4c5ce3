// Shared by the ingest tests: a warehouse in a temp folder (always closed), deliveries built from
// fixture folders and inline files, and a fingerprint of every raw_* table (counts, sums, content).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Warehouse } from '../../warehouse/db.ts';
import { kinds } from '../../ingest/kinds.ts';

export const fixtures = join(import.meta.dirname, '..', 'fixtures', 'ingest');

export async function withWarehouse<T>(fn: (wh: Warehouse, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-ingest-test-'));
  const wh = await Warehouse.open(join(dir, 'test.duckdb'));
  try {
    return await fn(wh, dir);
  } finally {
    wh.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-ingest-test-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A delivery folder under `root`: copies of fixture folders, then inline files (text or bytes). */
export function delivery(root: string, name: string, from: string[], files: Record<string, string | Buffer> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const f of from) cpSync(join(fixtures, f), dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

/** Every raw_* table: row count, and a sum of row hashes (without load_id) that changes with any value. */
export async function warehouseState(wh: Warehouse): Promise<Record<string, { rows: string; content: string }>> {
  const state: Record<string, { rows: string; content: string }> = {};
  const tables = [
    ...kinds.map((k) => ({ table: k.table, cols: k.columns.filter((c) => !c.unstored).map((c) => c.name) })),
    { table: 'raw_manager_memberships', cols: ['manager_id', 'org_id', 'line', 'grade', 'valid_from', 'valid_to'] },
  ];
  for (const { table, cols } of tables) {
    const rows = await wh.query<{ rows: string; content: string | null }>(
      `select count(*) as rows, coalesce(sum(hash(${cols.join(', ')})::hugeint), 0)::varchar as content from ${table}`,
    );
    state[table] = { rows: rows[0]!.rows, content: rows[0]!.content ?? '0' };
  }
  return state;
}

export async function one<T = Record<string, unknown>>(wh: Warehouse, sql: string, params?: Record<string, string | number>): Promise<T> {
  const rows = await wh.query(sql, params);
  return rows[0] as T;
}

/** A stream that keeps what is written to it. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** Seeded numbers in 0..1 (a small LCG): the same cases and moments on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
