// Helpers for the model tests: a warehouse in a temp folder holding the hand-built fixture bank,
// built with a copy of config/ whose expected_loss.json is the one the hand arithmetic assumes.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../warehouse/db.ts';
import { build, type BuildOptions } from '../../warehouse/build.ts';
import { configDir } from '../../warehouse/paths.ts';
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
