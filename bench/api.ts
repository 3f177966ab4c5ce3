// npm run bench:api [-- --db FILE --workers 20 --requests 60 --pool-size 4]
// Load on the API: `jixiao serve` runs in a child process over a built warehouse's published results (the large bank
// when given with --db or $JIXIAO_BENCH_DB; else the demo bank, generated, loaded and built once into
// data/bench/demo.duckdb). A small load generator (global fetch = undici, keep-alive, localhost
// only) runs N concurrent workers, each a bounded loop of requests over the league table, the
// institution benchmark and one manager, signed in as head office. Then, in the same run, the very
// same query functions (warehouse/queries) run directly on DuckDB with the same concurrency and the
// same pool size (run before and after the API run, pooled), so the API's own overhead (HTTP,
// auth, validation, JSON) shows as a ratio. The
// API is measured with the server's result cache off (cold: every request reaches DuckDB, the fair
// comparison), then once more as `jixiao serve` runs by default (cache on).
// Prints p50/p95/p99 latency, requests per second and errors per endpoint, as a Markdown table for
// BENCHMARKS.md. Targets: API p95 < 150 ms, zero errors, overhead ratio (API p95 / direct p95) < 1.5.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { currentResults, openResults } from '../warehouse/results.ts';
import { ReaderPool } from '../warehouse/queries/reader.ts';
import { codeSchema } from '../warehouse/schema-version.ts';
import { projectRoot } from '../warehouse/paths.ts';
import { UserStore } from '../warehouse/users.ts';
import { wholeBank } from '../warehouse/queries/scope.ts';
import { leagueTable, managerInScope, managerMetrics, managerPageParts, managerTrend } from '../warehouse/queries/managers.ts';
import { benchmark } from '../warehouse/queries/institutions.ts';
import { listPeriods, orgInScope } from '../warehouse/queries/orgs.ts';
import { main as cli } from '../cli/main.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    workers: { type: 'string', default: '20' },
    requests: { type: 'string', default: '60' },
    'pool-size': { type: 'string', default: '4' },
  },
});
const workers = Number(args.workers);
const perWorker = Number(args.requests);
const poolSize = Number(args['pool-size']);
if (![workers, perWorker, poolSize].every((n) => Number.isInteger(n) && n > 0 && n <= 10_000)) {
  throw new Error('--workers, --requests and --pool-size take whole numbers from 1 to 10000');
}

type Endpoint = 'league' | 'benchmark' | 'manager';
const endpoints: Endpoint[] = ['league', 'benchmark', 'manager'];

interface Sample {
  period: string;
  branches: string[];
  parents: string[];
  managers: string[];
}

/** The warehouse to load: --db, $JIXIAO_BENCH_DB, else the demo bank built once under data/bench/. */
async function warehouseFile(): Promise<{ db: string; bank: string }> {
  const given = args.db ?? process.env.JIXIAO_BENCH_DB;
  if (given) {
    if (!existsSync(given)) throw new Error(`no warehouse at ${given}`);
    return { db: given, bank: given.includes('large') ? 'large (given)' : `given: ${given}` };
  }
  const dir = join(projectRoot, 'data', 'bench');
  const db = join(dir, 'demo.duckdb');
  if (!existsSync(db) || !currentResults(db)) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write('bench:api — no large bank given; preparing the demo bank (once) in data/bench/\n');
    const bankDir = join(dir, 'demo-bank');
    const steps = existsSync(db)
      ? [['build', '--db', db]] // loaded before the results were published apart: build once
      : [
          ['generate', '--out', bankDir, '--scale', 'demo', '--seed', '20261123'],
          ['ingest', bankDir, '--db', db],
          ['build', '--db', db],
        ];
    for (const argv of steps) {
      const code = await cli(argv);
      if (code !== 0) throw new Error(`jixiao ${argv.join(' ')} failed (${code})`);
    }
  }
  return { db, bank: 'demo' };
}

/** Ids to ask for, read from the warehouse: busy sub-branches, nodes with children, managers. */
async function sampleIds(db: string): Promise<Sample> {
  const wh = await openResults(db);
  try {
    const [p] = await wh.query<{ period: string }>(`select max(period) as period from mart_periods where period_type = 'month'`);
    const branches = await wh.query<{ org_id: string }>(
      `select org_id from stg_extract__managers group by org_id order by count(*) desc, org_id limit 50`,
    );
    const parents = await wh.query<{ org_id: string }>(
      `select parent_id as org_id from stg_extract__orgs where parent_id is not null group by parent_id having count(*) >= 2 order by count(*) desc, parent_id limit 50`,
    );
    const managers = await wh.query<{ manager_id: string }>(`select manager_id from stg_extract__managers order by hash(manager_id) limit 500`);
    return {
      period: p!.period,
      branches: branches.map((r) => r.org_id),
      parents: parents.map((r) => r.org_id),
      managers: managers.map((r) => r.manager_id),
    };
  } finally {
    wh.close();
  }
}

/** The request plan: worker w's i-th request, identical for the API and the direct run. */
function plan(s: Sample): { endpoint: Endpoint; id: string }[][] {
  let seed = 20261123;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  return Array.from({ length: workers }, (_, w) =>
    Array.from({ length: perWorker }, (_, i) => {
      const endpoint = endpoints[(w + i) % endpoints.length]!;
      const list = endpoint === 'league' ? s.branches : endpoint === 'benchmark' ? s.parents : s.managers;
      return { endpoint, id: list[next() % list.length]! };
    }),
  );
}

function pathOf(endpoint: Endpoint, id: string, period: string): string {
  if (endpoint === 'league') return `/api/orgs/${id}/managers?period=${period}`;
  if (endpoint === 'benchmark') return `/api/orgs/${id}/benchmark?period=${period}`;
  return `/api/managers/${id}?period=${period}`;
}

interface Timing {
  endpoint: Endpoint;
  ms: number;
  ok: boolean;
}

/** Runs the plan with one async worker per row; returns every timing and the wall time. */
async function drive(p: { endpoint: Endpoint; id: string }[][], one: (endpoint: Endpoint, id: string) => Promise<boolean>) {
  const timings: Timing[] = [];
  const t0 = performance.now();
  await Promise.all(
    p.map(async (steps) => {
      for (const { endpoint, id } of steps) {
        const t = performance.now();
        let ok = false;
        try {
          ok = await one(endpoint, id);
        } catch {
          ok = false;
        }
        timings.push({ endpoint, ms: performance.now() - t, ok });
      }
    }),
  );
  return { timings, wallMs: performance.now() - t0 };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

interface Stats {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

function stats(timings: Timing[], wallMs: number, endpoint?: Endpoint): Stats {
  const rows = endpoint ? timings.filter((t) => t.endpoint === endpoint) : timings;
  const ms = rows.map((t) => t.ms).sort((a, b) => a - b);
  return {
    n: rows.length,
    errors: rows.filter((t) => !t.ok).length,
    p50: percentile(ms, 0.5),
    p95: percentile(ms, 0.95),
    p99: percentile(ms, 0.99),
    rps: rows.length / (wallMs / 1000),
  };
}

async function startServer(db: string, usersPath: string, cache: number): Promise<{ url: string; stop: () => Promise<number | null> }> {
  // The access log and errors go to a file, so a busy load generator never holds the server up
  // on a full pipe; it is read back only to report a failure.
  const logFile = `${usersPath}.server.log`;
  const logFd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'jixiao.js'), 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--pool-size', String(poolSize), '--cache', String(cache), '--users', usersPath, '--log', `${logFile}.access`], {
    stdio: ['ignore', 'pipe', logFd],
  });
  closeSync(logFd);
  let out = '';
  const err = () => (readFileSync(logFile, 'utf8') + readFileSync(`${logFile}.access`, 'utf8')).slice(-4000);
  child.stdout!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}\n${err()}`)), 120_000);
    child.stdout!.on('data', () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err()}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function apiRun(db: string, s: Sample, p: { endpoint: Endpoint; id: string }[][], cache: number) {
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-bench-api-'));
  const usersPath = join(tmp, 'users.json');
  const password = 'bench-password-2026';
  await new UserStore(usersPath).add({ username: 'bench_head', role: 'head_office', password });
  const server = await startServer(db, usersPath, cache);
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench_head', password }),
    });
    if (login.status !== 200) throw new Error(`login: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const one = async (endpoint: Endpoint, id: string) => {
      const res = await fetch(server.url + pathOf(endpoint, id, s.period), { headers: { cookie } });
      await res.arrayBuffer(); // the whole body, as a client would
      return res.status === 200;
    };
    // Warm-up: every endpoint a few times (not measured).
    for (const e of endpoints) for (let i = 0; i < 3; i++) await one(e, (e === 'league' ? s.branches : e === 'benchmark' ? s.parents : s.managers)[i % 3]!);
    return await drive(p, one);
  } finally {
    const code = await server.stop();
    if (code !== 0) process.stderr.write(`bench:api — server exited with ${code}\n`);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The same queries the handlers make, straight on a pool of DuckDB connections. */
async function directRun(db: string, s: Sample, p: { endpoint: Endpoint; id: string }[][]) {
  const wh = await openResults(db);
  // As the server runs by default: one DuckDB thread, the pool's connections side by side.
  const pool = await ReaderPool.open(wh, { size: poolSize, threads: 1 });
  try {
    const { catalog } = await codeSchema();
    const periods = await listPeriods(pool);
    const paging = { sort: 'profit_contribution', order: 'desc' as const, page: 1, limit: 50 };
    const one = async (endpoint: Endpoint, id: string) => {
      if (endpoint === 'league') {
        if (!(await orgInScope(pool, wholeBank, id))) return false;
        await leagueTable(pool, catalog, wholeBank, { orgId: id, period: s.period }, paging);
      } else if (endpoint === 'benchmark') {
        if (!(await orgInScope(pool, wholeBank, id))) return false;
        await benchmark(pool, catalog, wholeBank, { orgId: id, period: s.period }, paging);
      } else {
        if (!(await managerInScope(pool, wholeBank, id))) return false;
        // As the route: a month's figures come from the trend; the period here is a month.
        await Promise.all([
          managerMetrics(pool, id, s.period),
          managerTrend(pool, catalog, id, s.period, periods),
          managerPageParts(pool, catalog, id, s.period),
        ]);
      }
      return true;
    };
    for (const e of endpoints) for (let i = 0; i < 3; i++) await one(e, (e === 'league' ? s.branches : e === 'benchmark' ? s.parents : s.managers)[i % 3]!);
    return await drive(p, one);
  } finally {
    pool.close();
    wh.close();
  }
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

async function mainBench() {
  const { db, bank } = await warehouseFile();
  const s = await sampleIds(db);
  const p = plan(s);
  process.stderr.write(`bench:api — ${bank} bank, period ${s.period}, ${workers} workers × ${perWorker} requests, pool ${poolSize}\n`);
  // Cold: the server's result cache off, so every request reaches DuckDB (the fair comparison with
  // the direct run). Then as `jixiao serve` runs by default (results kept: the plan repeats ids).
  // The machine may be shared and its load drift: the direct run goes before and after the cold
  // API run, and its two halves are pooled, so neither side gets the quieter minutes alone.
  const before = await directRun(db, s, p);
  const api = await apiRun(db, s, p, 0);
  const after = await directRun(db, s, p);
  const direct = { timings: [...before.timings, ...after.timings], wallMs: before.wallMs + after.wallMs };
  const cached = await apiRun(db, s, p, 5000);
  const load = loadavg()[0]!.toFixed(1);

  const lines = [
    `bank: ${bank} (${db}); period ${s.period}; ${workers} concurrent workers × ${perWorker} requests = ${workers * perWorker} per run; DuckDB pool ${poolSize} connections, 1 DuckDB thread (serve's default)`,
    `machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; load average at the end ${load} (other work on the machine competes for the cores)`,
    '',
    'API with the result cache off (every request queries DuckDB); direct = the same query functions on a pool, no HTTP:',
    '',
    '| endpoint | API p50 ms | API p95 ms | API p99 ms | API req/s | errors | direct p50 ms | direct p95 ms | direct req/s | overhead p95 (API/direct) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const e of [...endpoints, undefined]) {
    const a = stats(api.timings, api.wallMs, e);
    const d = stats(direct.timings, direct.wallMs, e);
    lines.push(
      `| ${e ?? '**all**'} | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(a.p99)} | ${fmt(a.rps)} | ${a.errors} | ${fmt(d.p50)} | ${fmt(d.p95)} | ${fmt(d.rps)} | ${(a.p95 / d.p95).toFixed(2)} |`,
    );
  }
  const warm = stats(cached.timings, cached.wallMs);
  lines.push(
    '',
    `with the server's default result cache (--cache 5000): p50 ${fmt(warm.p50)} ms, p95 ${fmt(warm.p95)} ms, p99 ${fmt(warm.p99)} ms, ${fmt(warm.rps)} req/s, ${warm.errors} errors`,
  );
  const all = stats(api.timings, api.wallMs);
  const allDirect = stats(direct.timings, direct.wallMs);
  const ratio = all.p95 / allDirect.p95;
  lines.push(
    '',
    `targets: API p95 < 150 ms: ${all.p95 < 150 ? 'met' : 'NOT met'} (${fmt(all.p95)}); zero errors: ${all.errors === 0 && allDirect.errors === 0 ? 'met' : 'NOT met'} (${all.errors}); overhead ratio < 1.5: ${ratio < 1.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}; throughput ratio direct/API ${(allDirect.rps / all.rps).toFixed(2)})`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

await mainBench();
