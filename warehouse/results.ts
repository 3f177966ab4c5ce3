// The ledger and the served results, apart. `jixiao ingest` writes the ledger (the --db file);
// `jixiao build` snapshots it into a new results file, builds the models into that file, and
// publishes it by renaming a pointer file; servers and exports open the published file read-only.
// So no process that writes ever shares a DuckDB file with one that serves:
//
//   data/jixiao.duckdb                    the ledger (raw_*, load_log, …), written by ingest only
//   data/jixiao.results/CURRENT           names the published results file (replaced by rename)
//   data/jixiao.results/build-000012.duckdb   ledger snapshot + every model of build 12
//   data/jixiao.results/build.lock        held by the build running (its PID)
//
// A build copies the ledger file (after a checkpoint, under the ledger's write lock, so no load
// is half in it), builds on the copy, and publishes only when every model and check passed; a
// failed build deletes its copy and leaves CURRENT as it was. The build history goes to the
// ledger's build_log (and so into every later snapshot). Old results files are removed by the
// server that stops using them, and by the next build (any file but the current and the one
// before it: a server may still be finishing requests on that one).
import { closeSync, constants, copyFileSync, chmodSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Warehouse } from './db.ts';
import { build, type BuildOptions, type BuildResult } from './build.ts';

export const CURRENT = 'CURRENT';

/** data/jixiao.duckdb → data/jixiao.results */
export function resultsDirFor(dbPath: string): string {
  if (dbPath === ':memory:') throw new Error('an in-memory ledger has no results folder; give --db FILE');
  return dbPath.replace(/\.duckdb$/i, '') + '.results';
}

const fileOf = (buildId: number) => `build-${String(buildId).padStart(6, '0')}.duckdb`;
const resultsFile = /^build-\d{6,}\.duckdb$/;

/** The published results file of a ledger, or undefined when no build was ever published. */
export function currentResults(dbPath: string): string | undefined {
  const dir = resultsDirFor(dbPath);
  let name: string;
  try {
    name = readFileSync(join(dir, CURRENT), 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (!resultsFile.test(name)) throw new Error(`${join(dir, CURRENT)}: '${name.slice(0, 60)}' is not a results file name`);
  return join(dir, name);
}

/** The published results file, or an error saying to run the build. */
export function requireResults(dbPath: string): string {
  const file = currentResults(dbPath);
  if (!file) throw new Error(`no build published for ${dbPath}: run \`jixiao build --db ${dbPath}\``);
  return file;
}

/** Opens the published results read-only (exports, scripts): never blocks a load or a build. */
export async function openResults(dbPath: string): Promise<Warehouse> {
  return Warehouse.open(requireResults(dbPath), { readOnly: true });
}

/** Replaces CURRENT in one rename, so a reader sees the old name or the new one, never a part. */
function publish(dir: string, name: string): void {
  const tmp = join(dir, `${CURRENT}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, name + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, CURRENT));
}

/** Holds dir/build.lock for one build at a time; a lock left by a process that died is taken over. */
function lockBuilds(dir: string): () => void {
  const lock = join(dir, 'build.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const pid = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(`another build is running (PID ${pid}, ${lock}); wait for it to finish`);
      }
      rmSync(lock, { force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes results files other than `keep` and leftovers of interrupted builds (under the build lock). */
function removeOld(dir: string, keep: string[]): void {
  for (const f of readdirSync(dir)) {
    const stem = f.replace(/\.wal$/, '');
    const old = resultsFile.test(stem) && !keep.includes(stem);
    const leftover = /^build-\d{6,}\.building\.duckdb$/.test(stem) || /^CURRENT\.\d+\.tmp$/.test(f);
    if (old || leftover) rmSync(join(dir, f), { force: true });
  }
}

/** Removes one results file no longer published (the server, once no request reads it). */
export function removeUnpublished(dbPath: string, file: string): void {
  const current = currentResults(dbPath);
  if (current && basename(current) === basename(file)) return;
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
}

export interface PublishedBuild extends BuildResult {
  /** The results file now published. */
  file: string;
  /** Set when the ledger could not take the build's row (a load held it); the build is published. */
  logWarning?: string;
}

/**
 * `jixiao build`: snapshot the ledger, build on the snapshot, publish it. All or nothing: on any
 * failure the snapshot is deleted, CURRENT is untouched, and the error is rethrown.
 */
export async function buildAndPublish(dbPath: string, opts: BuildOptions = {}): Promise<PublishedBuild> {
  const dir = resultsDirFor(dbPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const unlock = lockBuilds(dir);
  try {
    const ledger = await Warehouse.open(dbPath);
    let buildId: number;
    let building: string;
    try {
      buildId = (await ledger.query<{ id: number }>(`select nextval('build_id_seq')::integer as id`))[0]!.id;
      await ledger.run('checkpoint');
      building = join(dir, fileOf(buildId).replace(/\.duckdb$/, '.building.duckdb'));
      // A reflink where the file system has them, a plain copy elsewhere.
      copyFileSync(dbPath, building, constants.COPYFILE_FICLONE);
      chmodSync(building, 0o600);
    } finally {
      ledger.close();
    }
    const results = await Warehouse.open(building);
    let outcome: BuildResult | undefined;
    let failure: unknown;
    let logged: { log: Record<string, unknown>[]; models: Record<string, unknown>[] };
    try {
      try {
        outcome = await build(results, { ...opts, buildId });
        await results.run('checkpoint');
      } catch (e) {
        failure = e;
      }
      logged = {
        log: await results.query(`select * from build_log where build_id = $id`, { id: buildId }),
        models: await results.query(`select * from build_models where build_id = $id`, { id: buildId }),
      };
    } finally {
      results.close();
    }
    const logWarning = await recordInLedger(dbPath, logged);
    if (failure !== undefined || !outcome) {
      rmSync(building, { force: true });
      rmSync(`${building}.wal`, { force: true });
      throw failure;
    }
    if (existsSync(`${building}.wal`)) throw new Error(`${building}: DuckDB left a write-ahead log after closing; not published`);
    const name = fileOf(buildId);
    renameSync(building, join(dir, name));
    const before = currentResults(dbPath);
    publish(dir, name);
    removeOld(dir, [name, ...(before ? [basename(before)] : [])]);
    return { ...outcome, file: join(dir, name), ...(logWarning ? { logWarning } : {}) };
  } finally {
    unlock();
  }
}

/**
 * Copies the build's rows of build_log and build_models into the ledger, so its history (failed
 * builds too) outlives the results files. A load holding the ledger is waited for up to 30 s.
 */
async function recordInLedger(dbPath: string, rows: { log: Record<string, unknown>[]; models: Record<string, unknown>[] }): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    let ledger: Warehouse;
    try {
      ledger = await Warehouse.open(dbPath);
    } catch (e) {
      if (attempt < 30 && /lock/i.test((e as Error).message)) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      return `the build's row was not written to ${dbPath}'s build_log: ${(e as Error).message}`;
    }
    try {
      await ledger.transaction(async () => {
        for (const r of rows.log) {
          await ledger.run(
            `insert or replace into build_log (build_id, started_at, finished_at, status, models, checks, message)
             values ($build_id, $started_at::timestamp, $finished_at::timestamp, $status, $models, $checks, $message)`,
            pick(r, ['build_id', 'started_at', 'finished_at', 'status', 'models', 'checks', 'message']),
          );
        }
        for (const r of rows.models) {
          await ledger.run(
            `insert into build_models (build_id, model, layer, path, kind, rows, ms) values ($build_id, $model, $layer, $path, $kind, $rows::bigint, $ms)`,
            pick(r, ['build_id', 'model', 'layer', 'path', 'kind', 'rows', 'ms']),
          );
        }
      });
      return undefined;
    } finally {
      ledger.close();
    }
  }
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, string | number | null> {
  return Object.fromEntries(keys.map((k) => [k, (row[k] ?? null) as string | number | null]));
}

/**
 * Publishes a copy of a file built in place by build() (a test's hand-made bank, or a warehouse
 * built before the ledger and the results were apart), under the id of its last build (1 for a
 * hand-made bank that ran its models without the build runner).
 */
export async function publishBuiltInPlace(dbPath: string): Promise<string> {
  const dir = resultsDirFor(dbPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const unlock = lockBuilds(dir);
  try {
    const wh = await Warehouse.open(dbPath, { readOnly: true });
    let id: number | null | undefined;
    try {
      id = (await wh.query<{ id: number | null }>(`select max(build_id)::integer as id from build_log where status = 'built'`))[0]?.id;
    } finally {
      wh.close();
    }
    const name = fileOf(id ?? 1);
    const building = join(dir, name.replace(/\.duckdb$/, '.building.duckdb'));
    copyFileSync(dbPath, building, constants.COPYFILE_FICLONE);
    chmodSync(building, 0o600);
    renameSync(building, join(dir, name));
    publish(dir, name);
    return join(dir, name);
  } finally {
    unlock();
  }
}
