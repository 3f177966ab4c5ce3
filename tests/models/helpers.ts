// Helpers for the model tests: a warehouse in a temp folder holding the hand-built fixture bank,
// built with a copy of config/ whose expected_loss.json is the one the hand arithmetic assumes.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { build, type BuildOptions } from '../../warehouse/build.ts';
import { configDir } from '../../warehouse/paths.ts';
import { publishBuiltInPlace } from '../../warehouse/results.ts';
import { main } from '../../cli/main.ts';
import { Writable } from 'node:stream';
import { fixtureExpectedLoss, insertFixtureBank } from '../fixtures/models/bank.ts';

export interface TempWarehouse {
  wh: Warehouse;
  dir: string;
  configDir: string;
  close(): void;
}

export async function tempWarehouse(): Promise<TempWarehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-models-'));
  const cfg = join(dir, 'config');
  cpSync(configDir, cfg, { recursive: true });
  writeFileSync(join(cfg, 'expected_loss.json'), JSON.stringify(fixtureExpectedLoss));
  const wh = await Warehouse.open(join(dir, 'jixiao.duckdb'));
  return {
    wh,
    dir,
    configDir: cfg,
    close() {
      wh.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The fixture bank, inserted and built. */
export async function builtFixture(extraSql?: string, opts: BuildOptions = {}): Promise<TempWarehouse> {
  const t = await tempWarehouse();
  try {
    await insertFixtureBank(t.wh);
    if (extraSql) await t.wh.run(extraSql);
    await build(t.wh, { configDir: t.configDir, ...opts });
  } catch (e) {
    t.close();
    throw e;
  }
  return t;
}

/** One row by key, all values as the warehouse's exact strings. */
export async function rowOf(wh: Warehouse, sql: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  const rows = await wh.query(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql} ${JSON.stringify(params)}`);
  return rows[0]!;
}

/**
 * The fixture bank built and published as `jixiao build` leaves it, for tests of commands that open
 * the file themselves; `exportCli` runs `jixiao export … --db` on it and returns its output.
 */
export async function publishedFixture(): Promise<{ dir: string; db: string; exportCli: (...args: string[]) => Promise<{ code: number; out: string; err: string }> }> {
  const t = await builtFixture();
  t.wh.close(); // the CLI opens the file itself
  const db = join(t.dir, 'jixiao.duckdb');
  await publishBuiltInPlace(db); // export reads the published results
  const exportCli = async (...args: string[]) => {
    const out = textSink();
    const err = textSink();
    const code = await main(['export', ...args, '--db', db], out.stream as unknown as typeof process.stdout, err.stream as unknown as typeof process.stderr);
    return { code, out: out.text(), err: err.text() };
  };
  return { dir: t.dir, db, exportCli };
}

function textSink() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
