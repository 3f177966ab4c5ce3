// npm run bench:soak [-- --seed 20261123 --clients 20 --before 15 --after 15 --think 100]
// The dashboard stays up while the month loads: the demo bank with its last month held back is
// built and served by `jixiao serve` (a child process, loopback only); 20 clients — head office,
// branch presidents, risk officers, managers and admins, each over its own pages — request in a
// loop (think time between requests, every phase bounded in time) before, during and after that
// month is loaded (`jixiao ingest`) and built (`jixiao build`), each in its own process beside the
// server. It reports requests, failures and p50/p95 latency per phase, and fails (exit 1) when:
//   - any request failed (a status other than 200, or no answer);
//   - any answer mixes two builds: every answer names its build (x-jixiao-build), and what it
//     shows must be that build's — its latest month (the default period of every list, and
//     /api/periods' latest_month) is the held-back month's predecessor under the old build and the
//     held-back month under the new one, and a league table of the latest month has rows;
//   - /api/periods does not show the new month within 10 s of the build's publish (no restart).
// Prints a Markdown table for BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBank, referenceFolder } from '../generator/index.ts';
import { ingestPath } from '../ingest/index.ts';
import { Warehouse } from '../warehouse/db.ts';
import { buildAndPublish, currentResults } from '../warehouse/results.ts';
import { UserStore, usersPathFor } from '../warehouse/users.ts';
import type { Role } from '../contract/api.ts';
import { demoSubjects } from '../warehouse/queries/subjects.ts';
import { projectRoot } from '../warehouse/paths.ts';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261123' },
    clients: { type: 'string', default: '20' },
    before: { type: 'string', default: '15' },
    after: { type: 'string', default: '15' },
    think: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});
const say = (s: string) => process.stderr.write(`${s}\n`);
const jixiaoBin = join(projectRoot, 'bin', 'jixiao.js');
const PASSWORD = 'soak-password-2026';

type Phase = 'before' | 'during' | 'after';
interface Sample {
  phase: Phase;
  path: string;
  status: number;
  ms: number;
  build: string | null;
  problem?: string;
}

/** Runs `jixiao …` in its own process; resolves with its exit code and how long it took. */
function jixiao(argv: string[]): Promise<{ code: number | null; ms: number; err: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [jixiaoBin, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, ms: performance.now() - t0, err })));
}

async function startServer(db: string): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [jixiaoBin, 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--log', join(db, '..', 'access.log')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`jixiao serve printed no address in 60 s: ${out}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function main(): Promise<void> {
  const clients = Number(args.clients);
  const think = Number(args.think);
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-soak-'));
  try {
    const bank = join(dir, 'bank');
    say(`generating the demo bank (seed ${args.seed}) …`);
    await generateBank({ scale: 'demo', seed: Number(args.seed), out: bank });
    const months = readdirSync(bank).filter((f) => /^\d{4}-\d{2}$/.test(f)).sort();
    const held = months[months.length - 1]!;
    const previous = months[months.length - 2]!;
    const db = join(dir, 'jixiao.duckdb');
    say(`loading ${referenceFolder} + ${months.length - 1} months, holding back ${held} …`);
    const wh = await Warehouse.open(db);
    let subjects;
    try {
      for (const f of [referenceFolder, ...months.slice(0, -1)]) {
        for (const r of await ingestPath(wh, join(bank, f))) if (r.status === 'refused') throw new Error(`${f} refused: ${r.reasons.join('; ')}`);
      }
    } finally {
      wh.close();
    }
    say('building …');
    const first = await buildAndPublish(db);
    // The sample subjects come from the published results (the ledger holds no models).
    const served = await Warehouse.open(currentResults(db)!, { readOnly: true });
    try {
      subjects = await demoSubjects(served);
    } finally {
      served.close();
    }
    const oldBuild = String(first.buildId);
    const users = new UserStore(usersPathFor(db));
    const people: { username: string; role: Role; org_id?: string; manager_id?: string }[] = [
      { username: 'head', role: 'head_office' },
      { username: 'president', role: 'branch_president', org_id: subjects.branch.org_id },
      { username: 'risk', role: 'risk_officer', org_id: subjects.region.org_id },
      { username: 'manager', role: 'manager', org_id: subjects.manager.org_id, manager_id: subjects.manager.manager_id },
      { username: 'admin', role: 'admin' },
    ];
    for (const p of people) await users.add({ ...p, password: PASSWORD });

    const root = 'HQ'; // replaced below by the tree's root as the server lists it
    const server = await startServer(db);
    say(`serving build ${oldBuild} at ${server.url}; ${clients} clients …`);

    const signIn = async (username: string) => {
      const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const headCookie = await signIn('head');
    const tree = (await (await fetch(`${server.url}/api/orgs`, { headers: { cookie: headCookie } })).json()) as { rows: { org_id: string; parent_id: string | null }[] };
    const rootId = tree.rows.find((r) => r.parent_id === null)?.org_id ?? root;
    const b = subjects.branch.org_id;
    const r = subjects.region.org_id;
    const m = subjects.manager.manager_id;
    const pages: Record<string, string[]> = {
      head: ['/api/periods', `/api/orgs/${rootId}`, `/api/orgs/${rootId}/managers`, `/api/orgs/${rootId}/benchmark`, '/api/orgs'],
      president: ['/api/periods', `/api/orgs/${b}/managers`, `/api/orgs/${b}/benchmark`, `/api/managers/${m}`, `/api/orgs/${b}/clients`],
      risk: ['/api/periods', `/api/orgs/${r}/risk/turned-npl`, `/api/orgs/${r}/risk/warnings`, `/api/orgs/${r}/risk/migration`, `/api/orgs/${r}/risk/institutions`],
      manager: ['/api/periods', `/api/managers/${m}`, `/api/managers/${m}/clients`, `/api/managers/${m}/portfolio`],
      admin: ['/api/health', '/api/loads'],
    };
    const mix = ['head', 'head', 'president', 'president', 'risk', 'manager', 'head', 'president', 'risk', 'manager', 'admin', 'head', 'president', 'risk', 'manager', 'head', 'president', 'risk', 'manager', 'admin'];
    const latestOf: Record<string, string> = { [oldBuild]: previous };
    const samples: Sample[] = [];
    let phase: Phase = 'before';
    let stopAt = Number.POSITIVE_INFINITY;

    // Every client signs in first (scrypt at full cost), so the phases time only page requests.
    const cookies = await Promise.all(Array.from({ length: clients }, (_, i) => signIn(mix[i % mix.length]!)));
    const client = async (i: number) => {
      const who = mix[i % mix.length]!;
      const cookie = cookies[i]!;
      const list = pages[who]!;
      for (let n = i; performance.now() < stopAt; n++) {
        const path = list[n % list.length]!;
        const at = phase;
        const t0 = performance.now();
        let sample: Sample;
        try {
          const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
          const text = await res.text();
          sample = { phase: at, path, status: res.status, ms: performance.now() - t0, build: res.headers.get('x-jixiao-build') };
          if (res.status === 200) sample.problem = mixed(path, text, sample.build);
        } catch (e) {
          sample = { phase: at, path, status: 0, ms: performance.now() - t0, build: null, problem: (e as Error).message };
        }
        samples.push(sample);
        await new Promise((res) => setTimeout(res, think));
      }
    };
    /** Why an answer is not wholly its build's, or undefined. */
    const mixed = (path: string, text: string, build: string | null): string | undefined => {
      if (!build) return 'no x-jixiao-build header';
      const latest = latestOf[build];
      if (!latest) return `build ${build} is neither the old one nor the new one`;
      const body = JSON.parse(text) as { latest_month?: string; meta?: { period?: string }; total?: number };
      if (path === '/api/periods' && body.latest_month !== latest) return `periods of build ${build} say latest ${body.latest_month}, not ${latest}`;
      if (body.meta?.period !== undefined && body.meta.period !== latest) return `${path} of build ${build} is for ${body.meta.period}, not ${latest}`;
      if (path.endsWith('/managers') && body.total === 0) return `${path} of build ${build} has no rows for ${latest}`;
      return undefined;
    };

    const running = Array.from({ length: clients }, (_, i) => client(i));
    await new Promise((res) => setTimeout(res, Number(args.before) * 1000));
    phase = 'during';
    const duringStart = performance.now();
    say(`loading ${held} beside the server …`);
    const ingest = await jixiao(['ingest', join(bank, held), '--db', db]);
    if (ingest.code !== 0) throw new Error(`jixiao ingest failed (${ingest.code}): ${ingest.err}`);
    say(`building beside the server …`);
    latestOf[String(first.buildId + 1)] = held;
    const build = await jixiao(['build', '--db', db]);
    if (build.code !== 0) throw new Error(`jixiao build failed (${build.code}): ${build.err}`);
    const published = performance.now();
    // The new month shows under /api/periods without a restart.
    let seenAfterMs: number | undefined;
    while (performance.now() - published < 10_000) {
      const p = (await (await fetch(`${server.url}/api/periods`, { headers: { cookie: headCookie } })).json()) as { latest_month: string };
      if (p.latest_month === held) {
        seenAfterMs = performance.now() - published;
        break;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    phase = 'after';
    const duringMs = performance.now() - duringStart;
    stopAt = performance.now() + Number(args.after) * 1000;
    await Promise.all(running);
    const stopped = await server.stop();

    const pct = (xs: number[], q: number) => {
      const s = [...xs].sort((x, y) => x - y);
      return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
    };
    const rows = (['before', 'during', 'after'] as Phase[]).map((ph) => {
      const xs = samples.filter((s) => s.phase === ph);
      const ok = xs.filter((s) => s.status === 200);
      const builds = [...new Set(xs.map((s) => s.build))].sort().join(', ');
      return `| ${ph} | ${xs.length.toLocaleString('en-US')} | ${xs.length - ok.length} | ${pct(ok.map((s) => s.ms), 0.5).toFixed(1)} ms | ${pct(ok.map((s) => s.ms), 0.95).toFixed(1)} ms | ${builds} |`;
    });
    const failures = samples.filter((s) => s.status !== 200);
    const mixes = samples.filter((s) => s.problem && s.status === 200);
    const lines = [
      `machine: ${cpus().length} cores / ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' / ')}`,
      `bank: demo, seed ${args.seed}, ${months.length} months, ${held} held back; ${clients} clients (${Object.entries(count(mix.slice(0, clients))).map(([k, v]) => `${v} ${k}`).join(', ')}), ${think} ms between a client's requests`,
      `during: jixiao ingest ${held} ${(ingest.ms / 1000).toFixed(1)} s, then jixiao build ${(build.ms / 1000).toFixed(1)} s (phase ${(duringMs / 1000).toFixed(1)} s); /api/periods showed ${held} ${seenAfterMs === undefined ? 'NOT within 10 s' : `${seenAfterMs.toFixed(0)} ms`} after the build exited; server exit ${stopped}`,
      '',
      '| phase | requests | failed | p50 | p95 | builds answering |',
      '|---|---:|---:|---:|---:|---|',
      ...rows,
      '',
      `answers mixing two builds: ${mixes.length}${mixes.length ? ` (e.g. ${mixes.slice(0, 3).map((s) => s.problem).join('; ')})` : ''}`,
      `failed requests: ${failures.length}${failures.length ? ` (e.g. ${failures.slice(0, 3).map((s) => `${s.path} ${s.status} ${s.problem ?? ''}`).join('; ')})` : ''}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (failures.length > 0 || mixes.length > 0 || seenAfterMs === undefined || stopped !== 0) process.exitCode = 1;
  } finally {
    if (args.keep) say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function count(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

await main();
