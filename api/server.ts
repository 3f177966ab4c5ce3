// Running the API: opens the warehouse read-only with a small pool of connections, reads the
// catalog and periods once, serves over HTTP, and shuts down cleanly on SIGINT/SIGTERM (stop
// accepting, finish the requests in flight, close the pool and the warehouse).
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Warehouse } from '../warehouse/db.ts';
import { ReaderPool } from '../warehouse/queries/reader.ts';
import { builtSchemaVersion, codeSchema, staleReason } from '../warehouse/schema-version.ts';
import { listPeriods } from '../warehouse/queries/orgs.ts';
import { UserStore, usersPathFor } from '../warehouse/users.ts';
import { SessionStore } from './auth/sessions.ts';
import { Lockout } from './auth/lockout.ts';
import { createApp } from './app.ts';
import { AnswerCache } from './answers.ts';
import type { Deps } from './env.ts';
import { join } from 'node:path';
import { projectRoot } from '../warehouse/paths.ts';

/** Where the web helper's build puts the dashboard. */
export const webDistDir = join(projectRoot, 'web', 'dist');

export interface OpenedDeps {
  deps: Deps;
  close(): void;
}

export interface DepsOptions {
  poolSize?: number;
  /**
   * Query results kept by the pool, and as many answers kept as sent (at most 64 M characters of
   * JSON): the warehouse is read-only, so neither can go stale; 0 = none.
   */
  cacheEntries?: number;
  /** DuckDB threads (see PoolOptions.threads); default DuckDB's own. */
  threads?: number;
  log?: (line: string) => void;
  now?: () => number;
  sessionSecret?: string;
  secureCookies?: boolean;
  usersPath?: string;
}

/**
 * JSON kept by the answer cache at most, in characters: 64–128 MB (V8 keeps a text with any Chinese
 * in it at two bytes a character); some 700 league pages of the large bank.
 */
const answerChars = 64 * 1024 * 1024;

/** Opens the warehouse read-only and everything the app needs around it. */
export async function openDeps(dbPath: string, opts: DepsOptions = {}): Promise<OpenedDeps> {
  if (dbPath !== ':memory:' && !existsSync(dbPath)) throw new Error(`no warehouse at ${dbPath} (run \`jixiao start\` or load one first)`);
  let wh: Warehouse;
  try {
    wh = await Warehouse.open(dbPath, { readOnly: true });
  } catch (e) {
    // DuckDB admits one writing process or many readers: a load or build in progress holds it.
    const m = /Conflicting lock is held in (.*?\(PID \d+\))/.exec((e as Error).message);
    if (m) throw new Error(`${dbPath} is being written by another process (${m[1]}); serve it once that load or build has finished`);
    throw e;
  }
  let pool: ReaderPool | undefined;
  try {
    pool = await ReaderPool.open(wh, { size: opts.poolSize ?? 4, cacheEntries: opts.cacheEntries ?? 0, threads: opts.threads });
    // The tables and columns the routes offer are this code's; a warehouse built otherwise is refused.
    const code = await codeSchema();
    const stale = staleReason(await builtSchemaVersion(pool), code.version);
    const periods = stale ? [] : await listPeriods(pool);
    const now = opts.now ?? Date.now;
    const deps: Deps = {
      reader: pool,
      ...(opts.cacheEntries ? { answers: new AnswerCache(opts.cacheEntries, answerChars) } : {}),
      catalog: code.catalog,
      stale,
      periods,
      users: new UserStore(opts.usersPath ?? usersPathFor(dbPath)),
      sessions: new SessionStore(now),
      lockout: new Lockout(now),
      sessionSecret: opts.sessionSecret ?? process.env.JIXIAO_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      secureCookies: opts.secureCookies ?? false,
      now,
      log: opts.log ?? (() => {}),
    };
    const opened = pool;
    return {
      deps,
      close() {
        opened.close();
        wh.close();
      },
    };
  } catch (e) {
    pool?.close();
    wh.close();
    throw e;
  }
}

export interface Serving {
  url: string;
  /** Stops accepting, waits for requests in flight (up to 10 s), closes the warehouse. */
  stop(): Promise<void>;
}

export async function serveApi(
  dbPath: string,
  opts: DepsOptions & { port: number; host: string; webDist?: string | null },
): Promise<Serving> {
  const opened = await openDeps(dbPath, opts);
  const app = createApp(opened.deps, { webDist: opts.webDist ?? null });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, 10_000);
      server.close(() => {
        clearTimeout(force);
        opened.close();
        resolve();
      });
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }));
  return { url: `http://${host}:${addr.port}`, stop };
}

/** Waits for SIGINT or SIGTERM, then stops the server; resolves with the signal's name. */
export function untilSignal(serving: Serving, onSignal: (signal: string) => void): Promise<string> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      onSignal(signal);
      void serving.stop().then(() => resolve(signal));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
