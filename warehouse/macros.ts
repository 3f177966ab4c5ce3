// The SQL macros the models use (sql/macros/*.sql: exact division, the marts' rounding, 64-bit money
// arithmetic), created by every build before its models with CREATE OR REPLACE MACRO, so that a
// warehouse always holds the definitions of the code that built it. They are stored in the
// warehouse file, so a server opening it read-only has them too (warehouse/queries use div_ratio and
// div_fen_n). Migrations (sql/schema/) hold tables only.
// The macros of sql/live/ read the marts (the scorecards with the points people entered, computed
// at request time): DuckDB binds their tables as it creates them, so the build creates them last,
// once its models have their final names (`createMacros(wh, root, 'live')`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlDir } from './paths.ts';
import { sqlFilesUnder } from './models.ts';
import type { Warehouse } from './db.ts';

/** Creates (or replaces) every macro of `root`/macros, file by file in name order. */
export async function createMacros(wh: Warehouse, root = sqlDir, folder: 'macros' | 'live' = 'macros'): Promise<void> {
  for (const file of sqlFilesUnder(join(root, folder))) {
    try {
      await wh.run(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`macros ${file}: ${(e as Error).message}`);
    }
  }
}
