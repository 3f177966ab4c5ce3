// Loads and builds beside a running server (a real `jixiao serve` process, so DuckDB's file locks
// are those of two processes): every command works while it serves; a build publishes a new
// results file the server switches to without a restart (sessions kept); a failed build
// publishes nothing and the server stays on the results it had.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Served } from '../../api/server.ts';
import { join } from 'node:path';
import { jixiao, spawnServe, type ServeProcess } from './processes.ts';
import { currentResults, resultsDirFor } from '../../warehouse/results.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { createFixture, passwords, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
let server: ServeProcess;
let cookie: string;

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } });

/** Months the server lists under /api/periods, and the build its answer came from. */
async function months(): Promise<{ build: string | null; months: string[] }> {
  const res = await get('/api/periods');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rows: { period: string; period_type: string }[] };
  return { build: res.headers.get('x-jixiao-build'), months: body.rows.filter((p) => p.period_type === 'month').map((p) => p.period) };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  f = await createFixture();
  // The fixture writes its load_log row by hand: move the load ids past it, as a real load would have.
  const wh = await Warehouse.open(f.dbPath);
  await wh.run(`select nextval('load_id_seq')`);
  wh.close();
  server = await spawnServe(f.dbPath, ['--cache', '100']);
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'head', password: passwords.head }) });
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  if (server) {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }
  if (f) removeFixture(f);
});

describe('beside a running server', () => {
  it('ingest, build, export, user add, loads and rejects all work; the server then answers from the new build', async () => {
    const before = await months();
    expect(before.build).toBe('1');
    expect(before.months).not.toContain('2026-04');

    // A delivery with one more month of deposits (the fixture bank's accounts).
    const delivery = join(f.dir, 'delivery-2026-04');
    mkdirSync(delivery);
    writeFileSync(
      join(delivery, 'deposits_202604.csv'),
      'as_of_date,account_id,client_id,product_id,currency,balance,avg_balance,rate,org_id\n' +
        '2026-04-30,A1,C1,DEP1,CNY,140000.00,135000.00,0.35,S11\n' +
        '2026-04-30,A2,C2,DEP12,CNY,500000.00,500000.00,1.50,S11\n',
    );
    const ingest = await jixiao(['ingest', delivery, '--db', f.dbPath]);
    expect(ingest.err + ingest.out).not.toMatch(/lock/i);
    expect(ingest.code).toBe(0);
    expect((await jixiao(['loads', '--db', f.dbPath])).code).toBe(0);
    expect((await jixiao(['rejects', '--db', f.dbPath])).code).toBe(0);
    expect((await jixiao(['user', 'add', 'pres_b2', '--role', 'branch_president', '--org', 'B2', '--db', f.dbPath])).code).toBe(0);

    // Loaded but not built: the server still serves build 1.
    expect(await months()).toEqual(before);
    const build = await jixiao(['build', '--db', f.dbPath]);
    expect(build.err).not.toMatch(/FAILED/);
    expect(build.code).toBe(0);
    expect(build.out).toMatch(/published .*build-000002\.duckdb/);
    expect(basename(currentResults(f.dbPath))).toBe('build-000002.duckdb');

    // Within seconds, without a restart, and the session signed in before still works.
    const after = await until('the server serves build 2', async () => {
      const m = await months();
      return m.build === '2' ? m : undefined;
    });
    expect(after.months).toContain('2026-04');
    expect(after.months.filter((m) => m !== '2026-04')).toEqual(before.months);
    expect(server.out()).toMatch(/serving build 2 \(/);

    const exp = await jixiao(['export', 'managers', '--period', '2026-04', '--format', 'json', '--db', f.dbPath]);
    expect(exp.code).toBe(0);
    expect(JSON.parse(exp.out).length).toBeGreaterThan(0);

    // Build 1's file is gone once no request reads it; the ledger keeps both builds' log rows.
    await until('build 1 removed', async () => (existsSync(join(resultsDirFor(f.dbPath), 'build-000001.duckdb')) ? undefined : true));
    const files = readdirSync(resultsDirFor(f.dbPath)).sort();
    expect(files).toEqual(['CURRENT', 'build-000002.duckdb']);
  });

  it('a failed build publishes nothing: the server stays on the build it had, and no file is left behind', async () => {
    const served = await months();
    const current = readFileSync(join(resultsDirFor(f.dbPath), 'CURRENT'), 'utf8');
    const broken = join(f.dir, 'broken-config');
    mkdirSync(broken);
    writeFileSync(join(broken, 'expected_loss.json'), '{ not json');
    const build = await jixiao(['build', '--db', f.dbPath, '--config', broken]);
    expect(build.code).toBe(1);
    expect(build.err).toMatch(/FAILED/);
    expect(readFileSync(join(resultsDirFor(f.dbPath), 'CURRENT'), 'utf8')).toBe(current);
    expect(readdirSync(resultsDirFor(f.dbPath)).filter((n) => /building|\.tmp$|\.lock$/.test(n))).toEqual([]);
    await new Promise((r) => setTimeout(r, 1500)); // more than the server's look at CURRENT
    expect(await months()).toEqual(served);
    // The failure is in the ledger's build log, after the two published builds.
    const ledger = await Warehouse.open(f.dbPath, { readOnly: true });
    try {
      const log = await ledger.query<{ status: string; message: string | null }>(`select status, message from build_log order by build_id`);
      expect(log.map((r) => r.status)).toEqual(['built', 'built', 'failed']);
      expect(log[2]!.message).toMatch(/expected_loss/);
    } finally {
      ledger.close();
    }
  });

  it('creates the ledger, the results and the users file readable by their owner only (0600)', () => {
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    expect(mode(f.dbPath)).toBe('600');
    expect(mode(currentResults(f.dbPath)!)).toBe('600');
    expect(mode(join(resultsDirFor(f.dbPath), 'CURRENT'))).toBe('600');
    expect(mode(join(f.dir, 'bank.users.json'))).toBe('600');
  });
});

describe('a server meeting a published file it cannot open', () => {
  it('logs it once and keeps serving the results it has', async () => {
    const lines: string[] = [];
    const served = await Served.open(f.dbPath, { poolSize: 1, log: (l) => lines.push(l) });
    const dir = resultsDirFor(f.dbPath);
    const current = readFileSync(join(dir, 'CURRENT'), 'utf8');
    try {
      const build = served.deps.build?.build_id;
      writeFileSync(join(dir, 'build-000099.duckdb'), 'not a database');
      writeFileSync(join(dir, 'CURRENT'), 'build-000099.duckdb\n');
      expect(await served.check()).toBe(false);
      expect(await served.check()).toBe(false);
      expect(served.deps.build?.build_id).toBe(build);
      expect(lines.filter((l) => /error opening the published results .*build-000099/.test(l))).toHaveLength(1);
      const res = await served.fetch(new Request('http://x/api/health'));
      expect(res.headers.get('x-jixiao-build')).toBe(String(build));
    } finally {
      writeFileSync(join(dir, 'CURRENT'), current);
      rmSync(join(dir, 'build-000099.duckdb'), { force: true });
      await served.close();
    }
  });
});

function basename(p: string | undefined): string | undefined {
  return p?.split('/').pop();
}
