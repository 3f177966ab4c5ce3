// `kill -9` at random moments: 20 during an ingest, 10 during a build. After each, the warehouse
// opens and holds exactly the state before the command or the state after it (count and hash per
// table), and running the command again succeeds and gives the state after it.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBank } from '../../generator/index.ts';
import { ingestPath } from '../../ingest/index.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { buildAndPublish, currentResults, resultsDirFor } from '../../warehouse/results.ts';
import { configDir } from '../../warehouse/paths.ts';
import { rng, warehouseState } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..');

/** Runs `jixiao <args>` and kills it with SIGKILL after `ms` (if still running); how long it ran. */
function runAndKill(args: string[], ms: number): Promise<{ killed: boolean; ran: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'jixiao.js'), ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', ran: Date.now() - t0 });
    });
  });
}

/** Count and hash of every table and the list of views the build writes (everything but the ledger and logs). */
async function builtState(wh: Warehouse): Promise<Record<string, string>> {
  const objects = await wh.query<{ name: string; kind: string }>(
    `select table_name as name, 'table' as kind from duckdb_tables() where database_name = current_database() and schema_name = 'main' and not temporary
       and not regexp_matches(table_name, '^(raw_|load_|build_|schema_)')
     union all
     select view_name, 'view' from duckdb_views() where database_name = current_database() and schema_name = 'main' and not internal and not temporary
     order by 1`,
  );
  const out: Record<string, string> = {};
  for (const o of objects) {
    if (o.kind === 'view') out[o.name] = 'view';
    else {
      const [r] = await wh.query<{ n: string; h: string | null }>(`select count(*)::varchar as n, sum(hash(t)::hugeint)::varchar as h from "${o.name}" t`);
      out[o.name] = `${r!.n}:${r!.h ?? 0}`;
    }
  }
  return out;
}

async function withOpen<T>(db: string, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await Warehouse.open(db);
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

describe('kill -9', () => {
  let dir: string;
  let bank: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jixiao-kill-'));
    bank = join(dir, 'bank');
    await generateBank({ scale: 'tiny', seed: 9, out: bank });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('20 times during an ingest: before or after, never between; the re-run loads', async () => {
    const base = join(dir, 'ingest-base.duckdb');
    await withOpen(base, async (wh) => {
      await ingestPath(wh, join(bank, '00-reference'));
      await ingestPath(wh, join(bank, '2025-01'));
    });
    const delivery = join(bank, '2025-02');
    const before = await withOpen(base, warehouseState);
    // The state after, and how long a whole run of the command takes.
    const db = join(dir, 'ingest.duckdb');
    copyFileSync(base, db);
    const whole = await runAndKill(['ingest', delivery, '--db', db], 600_000);
    expect(whole.killed).toBe(false);
    const after = await withOpen(db, warehouseState);
    expect(after).not.toEqual(before);

    const random = rng(19);
    const seen = { before: 0, after: 0 };
    for (let i = 0; i < 20; i++) {
      copyFileSync(base, db);
      rmSync(`${db}.wal`, { force: true });
      const { killed } = await runAndKill(['ingest', delivery, '--db', db], Math.floor(random() * whole.ran));
      await withOpen(db, async (wh) => {
        const state = await warehouseState(wh);
        const which = JSON.stringify(state) === JSON.stringify(before) ? 'before' : JSON.stringify(state) === JSON.stringify(after) ? 'after' : 'between';
        expect(which, `kill ${i} (killed: ${killed})`).not.toBe('between');
        seen[which as 'before' | 'after']++;
        const [again] = await ingestPath(wh, delivery);
        expect(again!.status === 'loaded' || again!.status === 'unchanged').toBe(true);
        expect(await warehouseState(wh)).toEqual(after);
      });
    }
    expect(seen.before).toBeGreaterThan(0);
  }, 600_000);

  it('10 times during a build: the previous published results or the new ones; the re-run builds', async () => {
    // Built and published once on January; then February arrives and the expected-loss table
    // changes, so the next build publishes other marts and another cfg_expected_loss. A build works
    // in a new results file and publishes it by a rename (warehouse/results.ts): a kill leaves the
    // published results as they were, or the new ones whole.
    const config = join(dir, 'config');
    cpSync(configDir, config, { recursive: true });
    const base = join(dir, 'build-base.duckdb');
    await withOpen(base, async (wh) => {
      await ingestPath(wh, join(bank, '00-reference'));
      await ingestPath(wh, join(bank, '2025-01'));
    });
    await buildAndPublish(base, { configDir: config });
    await withOpen(base, async (wh) => {
      await ingestPath(wh, join(bank, '2025-02'));
    });
    const el = JSON.parse(readFileSync(join(config, 'expected_loss.json'), 'utf8')) as Record<string, { pd: number; lgd: number }>;
    el.normal = { pd: 0.02, lgd: 0.5 };
    writeFileSync(join(config, 'expected_loss.json'), JSON.stringify(el));
    const published = (db: string) => withOpen(currentResults(db)!, builtState);
    const before = await published(base);
    const db = join(dir, 'build.duckdb');
    const fresh = () => {
      rmSync(`${db}.wal`, { force: true });
      rmSync(resultsDirFor(db), { recursive: true, force: true });
      copyFileSync(base, db);
      cpSync(resultsDirFor(base), resultsDirFor(db), { recursive: true });
    };
    fresh();
    const whole = await runAndKill(['build', '--db', db, '--config', config], 600_000);
    expect(whole.killed).toBe(false);
    const after = await published(db);
    expect(after['cfg_expected_loss']).not.toBe(before['cfg_expected_loss']);

    const random = rng(7);
    for (let i = 0; i < 10; i++) {
      fresh();
      const { killed } = await runAndKill(['build', '--db', db, '--config', config], Math.floor(random() * whole.ran));
      expect([JSON.stringify(before), JSON.stringify(after)], `kill ${i} (killed: ${killed})`).toContain(JSON.stringify(await published(db)));
      await buildAndPublish(db, { configDir: config });
      expect(await published(db)).toEqual(after);
    }
  }, 900_000);
});
