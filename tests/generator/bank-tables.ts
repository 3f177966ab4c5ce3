// Loads a generated bank (English headers, UTF-8) into plain DuckDB tables named after the files,
// with every column typed explicitly (no sniffing), so tests can check the bank with SQL.
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/db.ts';
import { columnTypes, csvColumnsSql, type FileKind } from '../../generator/layout.ts';

const reference = ['orgs', 'managers', 'clients', 'assignments', 'products', 'ftp_curve', 'targets'];

/** Creates one table per file kind (b_deposits, …) from every delivery under `dir`. */
export async function loadBankTables(wh: Warehouse, dir: string): Promise<void> {
  for (const kind of Object.keys(columnTypes) as FileKind[]) {
    const glob = reference.includes(kind) ? join(dir, '00-reference', `${kind}.csv`) : join(dir, '*', `${kind}.csv`);
    const columns = csvColumnsSql(kind);
    await wh.run(
      `create table b_${kind} as select * from read_csv($glob, header = true, auto_detect = false, delim = ',', quote = '"', columns = ${columns})`,
      { glob },
    );
  }
}
