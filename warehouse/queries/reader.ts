// Read access for the API: a small pool of DuckDB connections on one (read-only) Warehouse.
// DuckDB runs queries of different connections in parallel; one connection runs one query at a
// time, so a request borrows a connection for the length of its query and gives it back.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Warehouse } from '../db.ts';

export type Params = Record<string, DuckDBValue>;

/** What every query function receives: something that runs a bound query and returns JSON-safe rows. */
export interface Reader {
  query<T extends object = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
}

export class ReaderPool implements Reader {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: ((conn: DuckDBConnection) => void)[] = [];
  private closed = false;

  private constructor(private readonly all: DuckDBConnection[]) {
    this.idle.push(...all);
  }

  static async open(wh: Warehouse, size = 4): Promise<ReaderPool> {
    const conns: DuckDBConnection[] = [];
    for (let i = 0; i < size; i++) conns.push(await wh.connect());
    return new ReaderPool(conns);
  }

  get size(): number {
    return this.all.length;
  }

  private acquire(): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(new Error('the warehouse connection pool is closed'));
    const conn = this.idle.pop();
    if (conn) return Promise.resolve(conn);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(conn: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(conn);
    else this.idle.push(conn);
  }

  async query<T extends object = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]> {
    const conn = await this.acquire();
    try {
      const reader = await conn.runAndReadAll(sql, params && usedParams(sql, params));
      return reader.getRowObjectsJson() as T[];
    } finally {
      this.release(conn);
    }
  }

  /** Closes every connection; the Warehouse itself is closed by its owner. */
  close(): void {
    this.closed = true;
    for (const c of this.all) c.closeSync();
  }
}

/**
 * Only the parameters the statement names: DuckDB refuses a bound name the SQL does not use, and
 * the scope parameters are passed to every query whether it filters on both or not.
 */
export function usedParams(sql: string, params: Params): Params {
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sql)));
}
