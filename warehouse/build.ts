// `jixiao build`: runs the build inputs (config -> cfg_* tables), then every SQL model in
// dependency order (staging -> views, the rest -> tables), then every check — all or nothing: each
// model is built under a staged name (`<name>__next`, reading the other staged models), the checks
// run on the staged models, and only when everything passed are the staged names swapped in, in one
// short transaction. The build inputs write their cfg_* tables into an in-memory database attached
// for the build (the models read them there); the swap copies them in with the models, so a failed
// or killed build leaves the previous cfg_* and results in place. (Building inside one long transaction was simpler but
// ~3× slower to read back the tables it had just written.) Each model's rows and time go to
// build_models; the build itself to build_log (also when it fails).
// Models whose header says `-- materialised: build only` are large intermediates nothing reads
// after the build: they are built in an in-memory database attached for the build (writing them
// to the file was up to half their cost) and dropped with it. Independent models and the checks
// run on several connections at once, so one model's single-threaded phases do not idle a core.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from './db.ts';
import { configDir as defaultConfigDir, sqlDir } from './paths.ts';
import { createMacros } from './macros.ts';
import { buildOrder, discoverChecks, discoverModels, discoverWarnings, identifiers, renameModels, type BuildWarning, type Check, type Model } from './models.ts';
import type { BuildInputResult } from './build-inputs/_input.ts';
import { loadBuildInputs } from './build-inputs/_inputs.ts';
import { columnsOf, keptModels, schemaVersionOf } from './schema-version.ts';
import { isOverflow, wideForm } from './wide.ts';

export interface BuildProgress {
  phase: 'input' | 'model' | 'check' | 'warning';
  name: string;
  /** 1-based position among all steps of the build, and their number. */
  index: number;
  total: number;
  /** Set once the step is finished. */
  rows?: number | null;
  ms?: number;
  done: boolean;
}

export interface BuildOptions {
  progress?: (p: BuildProgress) => void;
  /** Folder of the configuration files read by the build inputs (default: config/). */
  configDir?: string;
  /** Root of the models (default: sql/). Tests point this at a copy to break a model on purpose. */
  sqlRoot?: string;
  /**
   * DuckDB memory_limit for the build, e.g. '3GB' (default: DuckDB's own, 80 % of RAM). Beyond it
   * DuckDB spills joins and aggregates to disk; the previous setting is restored afterwards.
   */
  memoryLimit?: string;
  /** Keep the `build only` intermediates in the warehouse too, for inspection (slower). */
  keepIntermediates?: boolean;
  /** Models and checks run at once (default 2; 1 = one after the other). */
  concurrency?: number;
  /**
   * Build in the wide form (128-bit decimals, warehouse/wide.ts) from the start. Without it the
   * build runs in the ordinary form and only a value overflowing it makes it run again wide.
   */
  wide?: boolean;
  /** The build's id when the caller reserved it (warehouse/results.ts: from the ledger); else the next one here. */
  buildId?: number;
}

export interface StepResult {
  name: string;
  layer: string;
  path: string;
  kind: 'view' | 'table' | 'check' | 'input' | 'warning';
  rows: number | null;
  ms: number;
}

/** One warning of the build (sql/warnings/): how many items it flagged, and the first few. */
export interface WarningResult {
  warning: string;
  path: string;
  title: { zh: string; en: string };
  items: number;
  details: string[];
}

export interface BuildResult {
  buildId: number;
  steps: StepResult[];
  models: number;
  checks: number;
  /** Every warning of sql/warnings/ that flagged something (recorded in build_warnings). */
  warnings: WarningResult[];
  ms: number;
  /** Built in the wide form (an amount too large for the ordinary one, or asked for). */
  wide: boolean;
}

export class CheckFailure extends Error {
  constructor(readonly failures: { check: string; path: string; rows: number; sample: unknown[] }[]) {
    super(
      'build checks failed, previous results kept:\n' +
        failures
          .map((f) => `  ${f.check} (${f.path}): ${f.rows} offending row(s), e.g. ${JSON.stringify(f.sample)}`)
          .join('\n'),
    );
  }
}

async function existingKinds(wh: Warehouse): Promise<Map<string, 'view' | 'table'>> {
  const rows = await wh.query<{ name: string; kind: 'view' | 'table' }>(
    `select table_name as name, 'table' as kind from duckdb_tables()
     where database_name = current_database() and schema_name = 'main' and not temporary
     union all
     select view_name, 'view' from duckdb_views()
     where database_name = current_database() and schema_name = 'main' and not internal and not temporary`,
  );
  return new Map(rows.map((r) => [r.name, r.kind]));
}

/** The staged name a model is built under until the swap. */
export const staged = (name: string) => `${name}__next`;

/** Name of the in-memory database the `build only` models live in during a build. */
const SCRATCH = 'jixiao_build_scratch';
/** Name of the in-memory database the build inputs write their cfg_* tables into until the swap. */
const CONFIG = 'jixiao_build_config';

async function materialise(conn: DuckDBConnection, model: Model, target: string, sql: string): Promise<number | null> {
  try {
    await conn.run(`create or replace ${model.kind} ${target} as\n${sql}`);
  } catch (e) {
    throw new Error(`model ${model.name} (sql/${model.path}): ${(e as Error).message}`);
  }
  if (model.kind === 'view') return null;
  const counted = await conn.runAndReadAll(`select count(*)::varchar as n from ${target}`);
  return Number((counted.getRowObjectsJson()[0] as { n: string } | undefined)?.n ?? 0);
}

/**
 * Runs tasks on `conns` connections at once, each task after every task it depends on has
 * finished (dependencies outside the list count as done). The first failure stops new starts;
 * the running tasks finish, then it is thrown.
 */
async function runConcurrently<T extends { name: string; dependsOn: string[] }>(
  tasks: T[],
  conns: DuckDBConnection[],
  run: (task: T, conn: DuckDBConnection) => Promise<void>,
): Promise<void> {
  const names = new Set(tasks.map((t) => t.name));
  const done = new Set<string>();
  const pending = [...tasks];
  const free = [...conns];
  const running = new Map<string, Promise<void>>();
  let failure: unknown;
  while ((pending.length > 0 && failure === undefined) || running.size > 0) {
    while (failure === undefined && free.length > 0) {
      const i = pending.findIndex((t) => t.dependsOn.every((d) => done.has(d) || !names.has(d)));
      if (i < 0) break;
      const [task] = pending.splice(i, 1);
      const conn = free.pop()!;
      running.set(
        task!.name,
        run(task!, conn).then(
          () => {
            done.add(task!.name);
            running.delete(task!.name);
            free.push(conn);
          },
          (e) => {
            failure ??= e;
            running.delete(task!.name);
            free.push(conn);
          },
        ),
      );
    }
    if (running.size === 0) break; // nothing runnable: everything left waits on a failed task
    await Promise.race(running.values());
  }
  if (failure !== undefined) throw failure;
  if (pending.length > 0) throw new Error(`build order stuck before ${pending.map((t) => t.name).join(', ')}`);
}

/** Drops every staged object (a failed or interrupted build's leftovers, cfg_*__prev of older builds too). */
async function dropStaged(wh: Warehouse): Promise<void> {
  const kinds = await existingKinds(wh);
  for (const [name, kind] of kinds) {
    if (name.endsWith('__next') || (/^cfg_/.test(name) && name.endsWith('__prev'))) await wh.run(`drop ${kind} if exists ${name}`);
  }
}

/**
 * Runs the build inputs with the config database as the default one, so the cfg_* tables they
 * create land there; returns the tables written, with their DDL.
 */
async function loadInputs(wh: Warehouse, run: () => Promise<void>): Promise<{ name: string; ddl: string }[]> {
  const home = (await wh.query<{ db: string }>(`select current_database() as db`))[0]!.db;
  await wh.run(`attach ':memory:' as ${CONFIG}`);
  await wh.run(`use ${CONFIG}`);
  try {
    await run();
  } finally {
    await wh.run(`use "${home.replace(/"/g, '""')}"`);
  }
  return wh.query<{ name: string; ddl: string }>(
    `select table_name as name, sql as ddl from duckdb_tables() where database_name = '${CONFIG}' and schema_name = 'main' order by table_name`,
  );
}

/** Where a warning's rows wait for the swap: a staged table of its own. */
const warningTable = (name: string) => staged(`build_warning__${name}`);

/** Runs a warning into its staged table: item number, detail, and the whole row as JSON. */
async function runWarning(conn: DuckDBConnection, warning: BuildWarning, sql: string): Promise<number> {
  try {
    await conn.run(
      `create or replace table ${warningTable(warning.name)} as
       select cast(row_number() over () as integer) as item, cast(w.detail as varchar) as detail, cast(to_json(w) as varchar) as row_json
       from (\n${sql}\n) as w`,
    );
    const counted = await conn.runAndReadAll(`select count(*)::integer as n from ${warningTable(warning.name)}`);
    return Number((counted.getRowObjectsJson()[0] as { n: number }).n);
  } catch (e) {
    throw new Error(`warning ${warning.name} (sql/${warning.path}): ${(e as Error).message}`);
  }
}

/**
 * build_warnings, in the swap: one row per item each warning flagged (none when nothing was), with
 * the warning's name, file and title; the staged per-warning tables dropped.
 */
async function recordWarnings(wh: Warehouse, buildId: number, warnings: BuildWarning[]): Promise<WarningResult[]> {
  await wh.run(`drop table if exists build_warnings`);
  await wh.run(
    `create table build_warnings (
       build_id integer not null, warning varchar not null, path varchar not null, title_zh varchar not null,
       title_en varchar not null, item integer not null, detail varchar, row_json varchar)`,
  );
  const out: WarningResult[] = [];
  for (const w of warnings) {
    await wh.run(
      `insert into build_warnings select $id, $warning, $path, $zh, $en, item, detail, row_json from ${warningTable(w.name)}`,
      { id: buildId, warning: w.name, path: `sql/${w.path}`, zh: w.title.zh, en: w.title.en },
    );
    await wh.run(`drop table ${warningTable(w.name)}`);
    const rows = await wh.query<{ detail: string | null }>(`select detail from build_warnings where warning = $w order by item`, { w: w.name });
    if (rows.length > 0) out.push({ warning: w.name, path: `sql/${w.path}`, title: w.title, items: rows.length, details: rows.slice(0, 5).map((r) => r.detail ?? '') });
  }
  return out;
}

async function runCheck(conn: DuckDBConnection, check: Check): Promise<{ rows: number; sample: unknown[] }> {
  let rows;
  try {
    rows = (await conn.runAndReadAll(`select * from (\n${check.sql}\n) limit 6`)).getRowObjectsJson();
  } catch (e) {
    throw new Error(`check ${check.name} (sql/${check.path}): ${(e as Error).message}`);
  }
  return { rows: rows.length, sample: rows.slice(0, 3) };
}

export async function build(wh: Warehouse, opts: BuildOptions = {}): Promise<BuildResult> {
  if (opts.memoryLimit !== undefined && !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(opts.memoryLimit)) {
    throw new Error(`memory limit must look like 3GB or 512MB, not '${opts.memoryLimit}'`);
  }
  const settings: Record<string, string> = {
    ...(opts.memoryLimit !== undefined ? { memory_limit: opts.memoryLimit } : {}), // checked above: digits and a unit only
    // No model depends on the order its rows arrive in unless it says ORDER BY (which DuckDB keeps
    // either way): without the promise to keep insertion order, CREATE TABLE AS need not buffer rows
    // to restore it — DuckDB's own advice when the large bank ran out of memory under 3 GB.
    preserve_insertion_order: 'false',
    // Freed memory goes back to the system as the build goes (background threads, threads' caches
    // flushed beyond 32 MB) instead of staying with the allocator: the large bank under
    // --memory-limit 2.5GB peaked at 3.97 GiB of RSS without these, 2.90 GiB with them (same code).
    allocator_background_threads: 'true',
    allocator_flush_threshold: '32MB',
  };
  return withSettings(wh, settings, async () => {
    if (opts.wide) return buildAll(wh, opts, true);
    try {
      return await buildAll(wh, opts, false);
    } catch (e) {
      // An amount beyond the 64-bit intermediates: DuckDB raised it (it never wraps), the failed
      // attempt left the previous results in place; the same models run again with 128-bit decimals.
      if (e instanceof CheckFailure || !isOverflow(e)) throw e;
      return buildAll(wh, opts, true);
    }
  });
}

/**
 * Runs `fn` with DuckDB settings changed (names and values from the code), then puts each back as it
 * was, also when `fn` fails. A setting is put back by RESET when that gives its value again: DuckDB
 * shows sizes rounded ('18.8 GiB'), so setting the shown text back would lower a memory limit a
 * little at every build.
 */
async function withSettings<T>(wh: Warehouse, settings: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const current = async () =>
    (await wh.query<Record<string, string>>(`select ${names.map((n) => `current_setting('${n}')::varchar as "${n}"`).join(', ')}`))[0]!;
  const before = await current();
  try {
    for (const n of names) await wh.run(`set ${n} = '${settings[n]}'`);
    return await fn();
  } finally {
    for (const n of names) await wh.run(`reset ${n}`);
    const reset = await current();
    for (const n of names) if (reset[n] !== before[n]) await wh.run(`set ${n} = '${String(before[n]).replace(/'/g, '')}'`);
  }
}

/**
 * For each build-only table, the models and checks that read it, directly or through build-only
 * views (a view is computed by its readers as they read it). Once all of them have run, nothing
 * needs the table: it is dropped then, not at the end of the build, so that on a large bank the
 * memory (or the spill space) it holds is free for the models still to come. A check counts as a
 * reader: it runs as soon as the models it reads are built.
 */
export function buildOnlyReaders(models: Model[], checks: Check[]): Map<string, Set<string>> {
  const buildOnly = new Map(models.filter((m) => m.buildOnly).map((m) => [m.name, m]));
  const readers = new Map<string, Set<string>>([...buildOnly.keys()].map((n) => [n, new Set<string>()]));
  const reads: [string, string[]][] = [
    ...models.map((m): [string, string[]] => [m.name, m.dependsOn]),
    ...checks.map((c): [string, string[]] => [c.name, [...identifiers(c.sql)].filter((n) => buildOnly.has(n))]),
  ];
  for (const [reader, deps] of reads) for (const d of deps) readers.get(d)?.add(reader);
  // whoever reads a build-only view reads what the view reads
  for (let changed = true; changed; ) {
    changed = false;
    for (const view of [...buildOnly.values()].filter((m) => m.kind === 'view')) {
      for (const d of view.dependsOn) {
        const set = readers.get(d);
        if (!set) continue;
        for (const r of readers.get(view.name)!) {
          if (!set.has(r)) {
            set.add(r);
            changed = true;
          }
        }
      }
    }
  }
  return new Map([...readers].filter(([name]) => buildOnly.get(name)!.kind === 'table'));
}

async function buildAll(wh: Warehouse, opts: BuildOptions, wide: boolean): Promise<BuildResult> {
  const root = opts.sqlRoot ?? sqlDir;
  const form = wide ? wideForm(root) : undefined;
  const sqlOf = (sql: string) => (form ? form.widen(sql) : sql);
  const configDir = opts.configDir ?? defaultConfigDir;
  const models = buildOrder(discoverModels(root)).map((m) => (opts.keepIntermediates ? { ...m, buildOnly: false } : m));
  const checks = discoverChecks(root);
  const warnings = discoverWarnings(root);
  const inputs = await loadBuildInputs();
  const total = inputs.length + models.length + checks.length + warnings.length;
  const started = Date.now();
  const buildId = opts.buildId ?? (await wh.query<{ id: number }>(`select nextval('build_id_seq')::integer as id`))[0]!.id;
  const steps: StepResult[] = [];
  let flagged: WarningResult[] = [];
  let startedSteps = 0;
  let finishedSteps = 0;
  // Steps may run at once: progress counts the steps started and finished, so it only moves forward.
  const step = async <T>(
    phase: BuildProgress['phase'],
    name: string,
    fn: () => Promise<T>,
    rowsOf: (t: T) => number | null,
  ): Promise<T> => {
    startedSteps += 1;
    opts.progress?.({ phase, name, index: Math.max(startedSteps, finishedSteps + 1), total, done: false });
    const t0 = Date.now();
    const out = await fn();
    const ms = Date.now() - t0;
    finishedSteps += 1;
    opts.progress?.({ phase, name, index: finishedSteps, total, rows: rowsOf(out), ms, done: true });
    return out;
  };

  const names = new Set(models.map((m) => m.name));
  const buildOnly = new Set(models.filter((m) => m.buildOnly).map((m) => m.name));
  // Where a model is written during the build: the scratch database, or its staged name.
  const target = (name: string) => (buildOnly.has(name) ? `${SCRATCH}.main.${name}` : staged(name));
  let toStaged = (sql: string) => renameModels(sqlOf(sql), names, target);
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 2));
  const conns: DuckDBConnection[] = [wh.conn];
  await dropStaged(wh);
  await wh.run(`detach database if exists ${SCRATCH}`);
  await wh.run(`detach database if exists ${CONFIG}`);
  try {
    await createMacros(wh, root);
    const configTables = await loadInputs(wh, async () => {
      for (const { name, input } of inputs) {
        const t0 = Date.now();
        const res = await step('input', name, () => input.load(wh, { configDir }), (r) => rowsOfInput(r));
        const list: BuildInputResult[] = Array.isArray(res) ? res : res ? [res] : [];
        steps.push({
          name,
          layer: 'input',
          path: `warehouse/build-inputs/${name}.ts` + (list.length ? ` -> ${list.map((r) => r.table).join(', ')}` : ''),
          kind: 'input',
          rows: rowsOfInput(res),
          ms: Date.now() - t0,
        });
      }
    });
    // The models and checks read this build's cfg_* where the inputs wrote them.
    const configNames = new Set(configTables.map((t) => t.name));
    const renamed = new Set([...names, ...configNames]);
    toStaged = (sql: string) => renameModels(sqlOf(sql), renamed, (n) => (configNames.has(n) ? `${CONFIG}.main.${n}` : target(n)));
    for (const sql of form?.macros ?? []) await wh.run(sql);
    if (buildOnly.size > 0) await wh.run(`attach ':memory:' as ${SCRATCH}`);
    while (conns.length < concurrency) conns.push(await wh.connect());
    const readers = opts.keepIntermediates ? new Map<string, Set<string>>() : buildOnlyReaders(models, [...checks, ...warnings.map((w) => ({ ...w, name: `warning ${w.name}` }))]);
    const built = new Set<string>();
    const failures: CheckFailure['failures'] = [];
    // A check runs as soon as the models it reads are built (checks listed first: a ready check goes
    // before a ready model), so the build-only tables only checks still read are freed early too.
    // A warning runs, like a check, as soon as the models it reads are built.
    type Task = { name: string; dependsOn: string[]; model?: Model; check?: Check; warning?: BuildWarning };
    const tasks: Task[] = [
      ...checks.map((check) => ({ name: `check ${check.name}`, dependsOn: [...identifiers(check.sql)].filter((n) => names.has(n)), check })),
      ...warnings.map((warning) => ({ name: `warning ${warning.name}`, dependsOn: [...identifiers(warning.sql)].filter((n) => names.has(n)), warning })),
      ...models.map((model) => ({ name: model.name, dependsOn: model.dependsOn, model })),
    ];
    await runConcurrently(tasks, conns, async (task, conn) => {
      const t0 = Date.now();
      if (task.model) {
        const model = task.model;
        const rows = await step('model', model.name, () => materialise(conn, model, target(model.name), toStaged(model.sql)), (r) => r);
        steps.push({ name: model.name, layer: model.layer, path: model.path, kind: model.kind, rows, ms: Date.now() - t0 });
        built.add(model.name);
      } else if (task.warning) {
        const warning = task.warning;
        const rows = await step('warning', warning.name, () => runWarning(conn, warning, toStaged(warning.sql)), (r) => r);
        steps.push({ name: warning.name, layer: 'warning', path: warning.path, kind: 'warning', rows, ms: Date.now() - t0 });
        built.add(task.name);
      } else {
        const check = task.check!;
        const res = await step('check', check.name, () => runCheck(conn, { ...check, sql: toStaged(check.sql) }), (r) => r.rows);
        steps.push({ name: check.name, layer: 'check', path: check.path, kind: 'check', rows: res.rows, ms: Date.now() - t0 });
        if (res.rows > 0) failures.push({ check: check.name, path: check.path, rows: res.rows, sample: res.sample });
        built.add(check.name);
      }
      for (const [table, by] of readers) {
        if (![...by].every((r) => built.has(r))) continue;
        readers.delete(table);
        await conn.run(`drop table if exists ${target(table)}`);
      }
    });
    if (failures.length > 0) throw new CheckFailure(failures.sort((x, y) => x.path.localeCompare(y.path)));
    // Everything passed: swap the staged models in, all at once.
    await wh.transaction(async () => {
      const existing = await existingKinds(wh);
      for (const t of configTables) {
        const had = existing.get(t.name);
        if (had) await wh.run(`drop ${had} ${t.name}`);
        await wh.run(t.ddl);
        await wh.run(`insert into ${t.name} select * from ${CONFIG}.main.${t.name}`);
      }
      for (const model of models.filter((m) => m.buildOnly)) {
        const had = existing.get(model.name); // kept by an earlier build: it would go stale
        if (had) await wh.run(`drop ${had} ${model.name}`);
      }
      for (const model of models.filter((m) => m.kind === 'table' && !m.buildOnly)) {
        const had = existing.get(model.name);
        if (had) await wh.run(`drop ${had} ${model.name}`);
        await wh.run(`alter table ${staged(model.name)} rename to ${model.name}`);
      }
      // Views are re-created under their own names from their own SQL, so they read the final names.
      for (const model of models.filter((m) => m.kind === 'view' && !m.buildOnly)) {
        const had = existing.get(model.name);
        if (had === 'table') await wh.run(`drop table ${model.name}`);
        await wh.run(`create or replace view ${model.name} as\n${sqlOf(model.sql)}`);
        await wh.run(`drop view ${staged(model.name)}`);
      }
      await createMacros(wh, root, 'live');
      flagged = await recordWarnings(wh, buildId, warnings);
      // The schema this build leaves (warehouse/schema-version.ts): readers refuse any other.
      const kept = keptModels(models);
      const version = schemaVersionOf(await columnsOf(wh, kept), kept);
      await wh.run(`create or replace table build_schema as select $version::varchar as schema_version, $id::integer as build_id`, { version, id: buildId });
      await wh.run(
        `insert into build_log (build_id, started_at, finished_at, status, models, checks)
         values ($id, make_timestamp($t0::bigint * 1000), current_timestamp::timestamp, 'built', $models, $checks)`,
        { id: buildId, t0: started, models: models.length, checks: checks.length },
      );
      for (const s of steps) {
        await wh.run(
          `insert into build_models (build_id, model, layer, path, kind, rows, ms) values ($id, $model, $layer, $path, $kind, $rows, $ms)`,
          { id: buildId, model: s.name, layer: s.layer, path: s.path, kind: s.kind, rows: s.rows, ms: s.ms },
        );
      }
    });
  } catch (e) {
    await dropStaged(wh);
    await wh.run(
      `insert into build_log (build_id, started_at, finished_at, status, models, checks, message)
       values ($id, make_timestamp($t0::bigint * 1000), current_timestamp::timestamp, 'failed', 0, 0, $message)`,
      { id: buildId, t0: started, message: (e as Error).message.slice(0, 4000) },
    );
    throw e;
  } finally {
    for (const conn of conns.slice(1)) conn.closeSync();
    await wh.run(`detach database if exists ${SCRATCH}`);
    await wh.run(`detach database if exists ${CONFIG}`);
  }
  return { buildId, steps, models: models.length, checks: checks.length, warnings: flagged, ms: Date.now() - started, wide };
}

function rowsOfInput(r: BuildInputResult | BuildInputResult[] | void): number | null {
  if (!r) return null;
  return (Array.isArray(r) ? r : [r]).reduce((n, x) => n + x.rows, 0);
}
