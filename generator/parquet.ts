// `--format parquet`: a month's ledger files rewritten as typed Parquet (same column names as the
// CSV). DuckDB does the writing, through a Warehouse of its own in memory, one thread so the bytes
// are the same on every run. COPY … TO takes no bound parameters, so DuckDB writes to a scratch
// folder of our own naming and the file is moved into place from there.
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../warehouse/db.ts';
import { csvColumnsSql, type FileKind } from './layout.ts';

export class ParquetWriter {
  private constructor(private readonly wh: Warehouse, private readonly scratch: string) {}

  static async open(): Promise<ParquetWriter> {
    const wh = await Warehouse.open(':memory:');
    await wh.run('set threads = 1');
    const scratch = mkdtempSync(join(tmpdir(), 'jixiao-gen-parquet-'));
    if (scratch.includes("'")) throw new Error(`the temp folder ${scratch} has a quote in its name; set TMPDIR to another folder`);
    return new ParquetWriter(wh, scratch);
  }

  /** Rewrites one CSV (English headers, UTF-8) as `target`, removes the CSV; returns the Parquet's size. */
  async convert(kind: FileKind, csvPath: string, target: string): Promise<number> {
    const part = join(this.scratch, 'part.parquet');
    await this.wh.run(
      `create or replace temp table part as select * from read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', columns = ${csvColumnsSql(kind)})`,
      { path: csvPath },
    );
    await this.wh.run(`copy part to '${part}' (format parquet, compression zstd)`);
    await this.wh.run('drop table part');
    copyFileSync(part, target);
    rmSync(part);
    rmSync(csvPath);
    return statSync(target).size;
  }

  close(): void {
    this.wh.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
