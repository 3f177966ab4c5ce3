// Build warnings (sql/warnings/<name>.sql): each a query returning one row per offending item with
// a `detail` text column, run over built results. Not failures: the build stands, and its summary
// lists them. (The build-warnings table and banner come with the build-warnings mechanism; until
// then `jixiao build` lists them from here.)
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Warehouse } from './db.ts';
import { sqlDir } from './paths.ts';
import { sqlFilesUnder } from './models.ts';

export interface WarningList {
  name: string;
  rows: number;
  /** The details of the first rows. */
  sample: string[];
}

/** Runs every warning of `root`/warnings over the warehouse; those with rows, by name. */
export async function listWarnings(wh: Warehouse, root = sqlDir, sampleSize = 3): Promise<WarningList[]> {
  const out: WarningList[] = [];
  for (const file of sqlFilesUnder(join(root, 'warnings'))) {
    const sql = `\n${readFileSync(file, 'utf8').trim().replace(/;\s*$/, '')}\n`; // comments end at their newline
    const [count] = await wh.query<{ n: string }>(`select count(*)::varchar as n from (${sql})`);
    const rows = Number(count?.n ?? 0);
    if (rows === 0) continue;
    const sample = await wh.query<{ detail: string }>(`select detail from (${sql}) limit ${sampleSize}`);
    out.push({ name: basename(file, '.sql'), rows, sample: sample.map((r) => r.detail) });
  }
  return out;
}
