// The only place that opens DuckDB. One DuckDBInstance per warehouse file, opened once and
// closed explicitly; the schema is brought up to date on open by numbered migrations.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.ts';

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  /** Open without writing: no migrations, DuckDB access_mode=READ_ONLY. */
  readOnly?: boolean;
}

export class Warehouse {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    /** The connection used by `query`/`run`/`transaction`. */
    readonly conn: DuckDBConnection,
  ) {}

  static async open(path: string, opts: OpenOptions = {}): Promise<Warehouse> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const options: Record<string, string> = opts.readOnly ? { access_mode: 'READ_ONLY' } : {};
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options);
    } catch (e) {
      // DuckDB admits one writing process per file (or many readers): say who holds it, plainly.
      const m = /Conflicting lock is held in (.*?\(PID \d+\))/.exec((e as Error).message);
      if (m) throw new Error(`${path} is locked by another process (${m[1]}): a load or a build is writing it; try again once it has finished`);
      throw e;
    }
    // Bank data: readable by the owner only, whatever the umask (the CLI's is 077 as well).
    if (!opts.readOnly && path !== ':memory:') chmodSync(path, 0o600);
    const conn = await instance.connect();
    const wh = new Warehouse(path, instance, conn);
    if (!opts.readOnly) await migrate(wh);
    return wh;
  }

  /** A further connection on the same instance (for a pool of readers). */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Runs a statement (or several, separated by semicolons, when no params are given). */
  async run(sql: string, params?: Params): Promise<void> {
    await this.conn.run(sql, params);
  }

  /** Rows as JSON-safe objects: DECIMAL and BIGINT come back as exact strings. */
  async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as T[];
  }

  /** Runs fn inside one transaction: it commits whole, or rolls back and rethrows. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('begin transaction');
    try {
      const result = await fn();
      await this.conn.run('commit');
      return result;
    } catch (e) {
      // DuckDB has often rolled back already (a failed commit, e.g. a full disk): the rollback's
      // own error ("no transaction is active") must never hide the first one.
      try {
        await this.conn.run('rollback');
      } catch {
        // the first error is the one that says what happened
      }
      throw e;
    }
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
