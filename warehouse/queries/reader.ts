// Read access for the API: a small pool of DuckDB connections on one (read-only) Warehouse.
// DuckDB runs queries of different connections in parallel; one connection runs one query at a
// time, so a request borrows a connection for the length of its query and gives it back.
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api';
import type { Warehouse } from '../db.ts';
import { BoundedLru } from '../lru.ts';

export type Params = Record<string, DuckDBValue>;

/** What every query function receives: something that runs a bound query and returns JSON-safe rows. */
export interface Reader {
  query<T extends object = Record<string, unknown>>(sql: string, params?: Params, opts?: QueryOptions): Promise<T[]>;
}

/** A Reader over one warehouse the caller opened (the CLI's exports: no pool, no cache). */
export function readerOf(wh: Warehouse): Reader {
  return { query: <T extends object>(sql: string, params?: Params) => wh.query(sql, params as never) as Promise<T[]> };
}

export interface QueryOptions {
  /** Never from (nor into) a result cache: the query reads a file that changes (the entries). */
  fresh?: boolean;
}

export interface PoolOptions {
  /** Connections (default 4). */
  size?: number;
  /**
   * Results kept, newest first (default 0: none). Only for a warehouse opened read-only: nothing
   * can change it while this process holds it (DuckDB admits no writer then), so a kept result
   * cannot go stale.
   */
  cacheEntries?: number;
  /** Rows kept over all cached results (default 200,000). */
  cacheRows?: number;
  /**
   * Prepared statements kept per connection, by SQL text (default 256; 0 = prepare every time).
   * The API runs a few hundred distinct statements at most (column lists come from the catalog,
   * values are bound), so each is prepared (parsed, bound to the catalog) once per connection
   * instead of once per request: 0.2–1 ms CPU per query on the demo bank. Results are the same: an
   * unprepared query goes through the very same steps (prepare, bind the values, run).
   */
  statements?: number;
  /**
   * DuckDB worker threads for the whole instance (default: DuckDB's, one per core). A server runs
   * many small queries side by side, one per pooled connection; there, 1 spends less CPU per query
   * than splitting each query over the cores.
   */
  threads?: number;
}

export class ReaderPool implements Reader {
  private readonly idle: DuckDBConnection[] = [];
  /** Per connection: SQL text → its prepared statement (Map order = recency). */
  private readonly prepared = new Map<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();
  private readonly waiting: ((conn: DuckDBConnection) => void)[] = [];
  private closed = false;
  /** sql + params → rows (none when cacheEntries is 0), and the queries in flight (shared by callers). */
  private readonly cache: BoundedLru<Record<string, unknown>[]> | undefined;
  private readonly inflight = new Map<string, Promise<Record<string, unknown>[]>>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly all: DuckDBConnection[],
    cacheEntries: number,
    cacheRows: number,
    private readonly statements: number,
  ) {
    // A huge result (a download) is not kept: no result over a tenth of the rows.
    this.cache = cacheEntries > 0 ? new BoundedLru(cacheEntries, cacheRows, (rows) => rows.length, cacheRows / 10) : undefined;
    this.idle.push(...all);
    for (const c of all) this.prepared.set(c, new Map());
  }

  static async open(wh: Warehouse, opts: PoolOptions | number = {}): Promise<ReaderPool> {
    const o = typeof opts === 'number' ? { size: opts } : opts;
    const conns: DuckDBConnection[] = [];
    for (let i = 0; i < (o.size ?? 4); i++) conns.push(await wh.connect());
    if (o.threads !== undefined) {
      if (!Number.isInteger(o.threads) || o.threads < 1 || o.threads > 256) throw new Error(`threads: ${o.threads} is not 1–256`);
      await conns[0]!.run(`set threads = ${o.threads}`);
    }
    if (o.cacheEntries) {
      const mode = (await conns[0]!.runAndReadAll(`select current_setting('access_mode') as m`)).getRowObjectsJson()[0]?.m;
      if (String(mode).toLowerCase() !== 'read_only') {
        for (const c of conns) c.closeSync();
        throw new Error('a result cache needs the warehouse opened read-only');
      }
    }
    const statements = o.statements ?? 256;
    if (!Number.isInteger(statements) || statements < 0) throw new Error(`statements: ${statements} is not a whole number`);
    return new ReaderPool(conns, o.cacheEntries ?? 0, o.cacheRows ?? 200_000, statements);
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

  async query<T extends object = Record<string, unknown>>(sql: string, params?: Params, opts?: QueryOptions): Promise<T[]> {
    const bound = params && usedParams(sql, params);
    const cache = this.cache;
    if (!cache || opts?.fresh) return (await this.run(sql, bound)) as T[];
    const key = `${sql}\u0000${JSON.stringify(bound ?? {})}`;
    const hit = cache.get(key);
    if (hit) {
      this.hits++;
      return copyRows(hit) as T[];
    }
    this.misses++;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.run(sql, bound).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
      pending.then((rows) => cache.set(key, rows), () => {});
    }
    return copyRows(await pending) as T[];
  }

  private async run(sql: string, params: Params | undefined): Promise<Record<string, unknown>[]> {
    const conn = await this.acquire();
    try {
      const statement = await this.statement(conn, sql);
      if (!statement) return (await conn.runAndReadAll(sql, params)).getRowObjectsJson() as Record<string, unknown>[];
      // Every binding is replaced: the same SQL text always names the same parameters.
      statement.clearBindings();
      if (params) statement.bind(params);
      return (await statement.runAndReadAll()).getRowObjectsJson() as Record<string, unknown>[];
    } finally {
      this.release(conn);
    }
  }

  /** The connection's prepared statement for `sql`, prepared on first use; undefined when not kept. */
  private async statement(conn: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement | undefined> {
    if (this.statements === 0) return undefined;
    const kept = this.prepared.get(conn)!;
    const hit = kept.get(sql);
    if (hit) {
      kept.delete(sql);
      kept.set(sql, hit);
      return hit;
    }
    // A text DuckDB cannot prepare as one statement runs the ordinary way (and fails there, if bad).
    const fresh = await conn.prepare(sql).catch(() => undefined);
    if (!fresh) return undefined;
    kept.set(sql, fresh);
    for (const [k, old] of kept) {
      if (kept.size <= this.statements) break;
      kept.delete(k);
      old.destroySync();
    }
    return fresh;
  }

  /** Closes every connection; the Warehouse itself is closed by its owner. */
  close(): void {
    this.closed = true;
    this.prepared.clear(); // a connection destroys its prepared statements as it closes
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

/** Callers may change the rows they get; the kept ones stay as read. */
function copyRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) => ({ ...r }));
}
