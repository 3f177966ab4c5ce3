// Running the API over the published results (warehouse/results.ts). Each results file is served
// by a generation: the file opened read-only, a small pool of connections, its catalog, periods,
// answer cache and its own app (routes take their column allow-lists from the catalog). Every
// request runs whole on the generation current when it arrived, so no answer mixes two builds.
// The server looks at the results' CURRENT pointer every second (and on SIGHUP): when a build has
// published a new file it opens it for new requests, lets the requests in flight finish on the
// old one, then closes the old file and removes it. Users, sessions and the lockout are the
// server's own and outlive every switch. SIGINT/SIGTERM stop it cleanly (stop accepting, finish
// the requests in flight, close every file).
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Warehouse } from '../warehouse/db.ts';
import { ReaderPool } from '../warehouse/queries/reader.ts';
import { builtSchemaVersion, codeSchema, staleReason } from '../warehouse/schema-version.ts';
import { listPeriods } from '../warehouse/queries/orgs.ts';
import { publishedBuild } from '../warehouse/queries/health.ts';
import { currentResults, removeUnpublished, requireResults } from '../warehouse/results.ts';
import { UserStore, usersPathFor } from '../warehouse/users.ts';
import { EntriesStore, entriesPathFor } from '../warehouse/entries.ts';
import { ReviewStore, reviewsPathFor } from '../warehouse/reviews.ts';
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
   * JSON): a results file never changes once published, so neither can go stale; 0 = none.
   */
  cacheEntries?: number;
  /** DuckDB threads (see PoolOptions.threads); default DuckDB's own. */
  threads?: number;
  log?: (line: string) => void;
  now?: () => number;
  sessionSecret?: string;
  secureCookies?: boolean;
  /** Take the client's address from X-Forwarded-For (set by a reverse proxy in front). */
  trustProxy?: boolean;
  /** Delay of a throttled address's failed logins (tests shorten it). */
  failedLoginDelayMs?: number;
  usersPath?: string;
  entriesPath?: string;
}

/**
 * JSON kept by the answer cache at most, in characters: 64–128 MB (V8 keeps a text with any Chinese
 * in it at two bytes a character); some 700 league pages of the large bank.
 */
const answerChars = 64 * 1024 * 1024;

/** What a server keeps across results files: users, sessions, lockout, settings. */
type Shared = Omit<Deps, 'reader' | 'answers' | 'catalog' | 'periods' | 'build' | 'stale'>;

function sharedDeps(dbPath: string, opts: DepsOptions): Shared {
  const now = opts.now ?? Date.now;
  return {
    users: new UserStore(opts.usersPath ?? usersPathFor(dbPath)),
    entries: new EntriesStore(opts.entriesPath ?? entriesPathFor(dbPath)),
    reviews: new ReviewStore(reviewsPathFor(dbPath)),
    sessions: new SessionStore(now),
    lockout: new Lockout(now),
    sessionSecret: opts.sessionSecret ?? process.env.JIXIAO_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    secureCookies: opts.secureCookies ?? false,
    trustProxy: opts.trustProxy ?? false,
    ...(opts.failedLoginDelayMs !== undefined ? { failedLoginDelayMs: opts.failedLoginDelayMs } : {}),
    now,
    log: opts.log ?? (() => {}),
  };
}

/** Opens one results file read-only with everything the app needs around it. */
async function openFile(file: string, shared: Shared, opts: DepsOptions): Promise<OpenedDeps> {
  const wh = await Warehouse.open(file, { readOnly: true });
  let pool: ReaderPool | undefined;
  try {
    pool = await ReaderPool.open(wh, { size: opts.poolSize ?? 4, cacheEntries: opts.cacheEntries ?? 0, threads: opts.threads });
    // The tables and columns the routes offer are this code's; a warehouse built otherwise is refused.
    const code = await codeSchema();
    const stale = staleReason(await builtSchemaVersion(pool), code.version);
    const periods = stale ? [] : await listPeriods(pool);
    const deps: Deps = {
      ...shared,
      reader: pool,
      ...(opts.cacheEntries ? { answers: new AnswerCache(opts.cacheEntries, answerChars) } : {}),
      catalog: code.catalog,
      stale,
      periods,
      build: await publishedBuild(pool),
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

/** Opens the published results of the ledger at dbPath (one generation; tests and scripts). */
export async function openDeps(dbPath: string, opts: DepsOptions = {}): Promise<OpenedDeps> {
  if (!existsSync(dbPath)) throw new Error(`no warehouse at ${dbPath} (run \`jixiao start\` or load one first)`);
  return openFile(requireResults(dbPath), sharedDeps(dbPath, opts), opts);
}

interface Generation {
  file: string;
  opened: OpenedDeps;
  fetch: (req: Request, env?: unknown) => Response | Promise<Response>;
  inflight: number;
  retired: boolean;
}

/** The generations of one server: the current one, and retired ones still finishing requests. */
export class Served {
  private checking: Promise<boolean> | undefined;
  /** A published file that failed to open (not tried again until CURRENT names another). */
  private refused: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly dbPath: string,
    private readonly shared: Shared,
    private readonly opts: DepsOptions & { webDist?: string | null },
    private gen: Generation,
  ) {}

  static async open(dbPath: string, opts: DepsOptions & { webDist?: string | null } = {}): Promise<Served> {
    if (!existsSync(dbPath)) throw new Error(`no warehouse at ${dbPath} (run \`jixiao start\` or load one first)`);
    const shared = sharedDeps(dbPath, opts);
    const file = requireResults(dbPath);
    return new Served(dbPath, shared, opts, await Served.generation(file, shared, opts));
  }

  private static async generation(file: string, shared: Shared, opts: DepsOptions & { webDist?: string | null }): Promise<Generation> {
    const opened = await openFile(file, shared, opts);
    const app = createApp(opened.deps, { webDist: opts.webDist ?? null });
    return { file, opened, fetch: app.fetch, inflight: 0, retired: false };
  }

  /** The deps of the generation serving new requests. */
  get deps(): Deps {
    return this.gen.opened.deps;
  }

  get file(): string {
    return this.gen.file;
  }

  /** Runs one request whole on the current generation. */
  fetch = async (req: Request, env?: unknown): Promise<Response> => {
    const g = this.gen;
    g.inflight++;
    try {
      return await g.fetch(req, env);
    } finally {
      g.inflight--;
      if (g.retired && g.inflight === 0) this.dispose(g);
    }
  };

  /** Switches to a newly published results file, if any; true when it switched. */
  check(): Promise<boolean> {
    this.checking ??= this.switchIfPublished().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async switchIfPublished(): Promise<boolean> {
    if (this.closed) return false;
    let file: string | undefined;
    let next: Generation;
    try {
      file = currentResults(this.dbPath);
      if (!file || file === this.gen.file || file === this.refused) return false;
      next = await Served.generation(file, this.shared, this.opts);
    } catch (e) {
      // Logged once per file; the server stays on the results it has.
      if (file !== this.refused) this.shared.log(`error opening the published results ${file ?? '(CURRENT)'} (still serving ${this.gen.file}): ${(e as Error).message}`);
      this.refused = file;
      return false;
    }
    if (this.closed) {
      next.opened.close();
      return false;
    }
    const old = this.gen;
    this.gen = next;
    old.retired = true;
    this.shared.log(`${new Date(this.shared.now()).toISOString()} serving build ${next.opened.deps.build?.build_id ?? '?'} (${file})`);
    if (old.inflight === 0) this.dispose(old);
    return true;
  }

  private dispose(g: Generation): void {
    g.opened.close();
    if (!this.closed) removeUnpublished(this.dbPath, g.file);
  }

  /** Looks for a new publish every intervalMs (the timer does not keep the process alive). */
  watch(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  /** Closes the current generation (call once no request is in flight). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    this.gen.opened.close();
  }
}

export interface Serving {
  url: string;
  /** Stops accepting, waits for requests in flight (up to 10 s), closes the results files. */
  stop(): Promise<void>;
}

export async function serveApi(
  dbPath: string,
  opts: DepsOptions & { port: number; host: string; webDist?: string | null; pollMs?: number },
): Promise<Serving & { served: Served }> {
  const served = await Served.open(dbPath, opts);
  served.watch(opts.pollMs ?? 1000);
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: served.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    await served.close();
    throw e;
  }
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
        void served.close().then(resolve);
      });
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }));
  return { url: `http://${host}:${addr.port}`, stop, served };
}

/**
 * Waits for SIGINT or SIGTERM, then stops the server; resolves with the signal's name. SIGHUP
 * meanwhile makes it look for a newly published build at once (`jixiao reload`).
 */
export function untilSignal(serving: Serving & { served?: Served }, onSignal: (signal: string) => void): Promise<string> {
  return new Promise((resolve) => {
    const reload = () => void serving.served?.check();
    const handler = (signal: NodeJS.Signals) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      process.off('SIGHUP', reload);
      onSignal(signal);
      void serving.stop().then(() => resolve(signal));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    process.on('SIGHUP', reload);
  });
}
