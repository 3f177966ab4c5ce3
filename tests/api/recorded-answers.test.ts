// Recorded answers: the exact bytes of a fixed list of API answers and of every export kind on a
// generated demo-shaped bank, compared with the digests recorded in
// tests/fixtures/recorded-answers.json. Refactors of the read side (one contract, one read path,
// SQL tidy) must leave every answer byte-identical; a change that is meant to change an answer
// re-records it in the same commit and names the change in the commit body:
//
//   RECORD_ANSWERS=1 npx vitest run tests/api/recorded-answers.test.ts
//
// Every run writes the bodies to test-artifacts/recorded-answers/ (one file per answer), so that a
// changed answer can be diffed against a run of the previous commit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { generateBank } from '../../generator/index.ts';
import { ingestPath } from '../../ingest/index.ts';
import { buildAndPublish, currentResults } from '../../warehouse/results.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { UserStore } from '../../warehouse/users.ts';
import { demoSubjects, type DemoSubjects } from '../../warehouse/queries/subjects.ts';
import { openDeps, type OpenedDeps } from '../../api/server.ts';
import { createApp } from '../../api/app.ts';
import { main } from '../../cli/main.ts';
import { loadExportKinds } from '../../warehouse/exports/_discover.ts';

const RECORDED = join(import.meta.dirname, '../fixtures/recorded-answers.json');
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/recorded-answers');
const PASSWORD = 'recorded-answers-1';
const ROLES = ['head_office', 'branch_president', 'risk_officer', 'manager'] as const;
type Role = (typeof ROLES)[number];

interface Answer {
  status: number;
  bytes: number;
  sha256: string;
}

let dir: string;
let dbPath: string;
let subjects: DemoSubjects;
let root: string;
let client: string;
let vintageQuarter: string;
let opened: OpenedDeps;
let app: ReturnType<typeof createApp>;
const cookies = {} as Record<Role, string>;
const answers: Record<string, Answer> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-recorded-'));
  const extracts = join(dir, 'bank');
  // Demo-shaped (2025-01 … 2026-06, every line, base year and scored quarters), at 1,200 clients.
  await generateBank({ scale: 1200, seed: 20261203, out: extracts });
  dbPath = join(dir, 'bank.duckdb');
  const wh = await Warehouse.open(dbPath);
  try {
    const loads = await ingestPath(wh, extracts);
    expect(loads.filter((l) => l.status === 'refused')).toEqual([]);
  } finally {
    wh.close();
  }
  await buildAndPublish(dbPath);
  // The sample subjects are read from the published results, as `jixiao start` does.
  const served = await Warehouse.open(currentResults(dbPath)!, { readOnly: true });
  try {
    subjects = await demoSubjects(served);
    root = (await served.query<{ org_id: string }>(`select org_id from raw_orgs where parent_id is null order by org_id limit 1`))[0]!.org_id;
    client = (
      await served.query<{ client_id: string }>(
        `select client_id from raw_assignments where manager_id = $m order by share desc, client_id limit 1`,
        { m: subjects.manager.manager_id },
      )
    )[0]!.client_id;
    vintageQuarter = (
      await served.query<{ q: string }>(
        `select strftime(origination_date, '%Y') || '-Q' || quarter(origination_date) as q
         from raw_loans group by 1 order by count(*) desc, 1 limit 1`,
      )
    )[0]!.q;
  } finally {
    served.close();
  }
  const users = new UserStore(join(dir, 'bank.users.json'));
  await users.add({ username: 'head_office', role: 'head_office', password: PASSWORD });
  await users.add({ username: 'branch_president', role: 'branch_president', org_id: subjects.branch.org_id, password: PASSWORD });
  await users.add({ username: 'risk_officer', role: 'risk_officer', org_id: subjects.region.org_id, password: PASSWORD });
  await users.add({ username: 'manager', role: 'manager', org_id: subjects.manager.org_id, manager_id: subjects.manager.manager_id, password: PASSWORD });
  opened = await openDeps(dbPath, { poolSize: 2, sessionSecret: 'recorded-answers' });
  app = createApp(opened.deps);
  for (const role of ROLES) {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: role, password: PASSWORD }),
    });
    expect(res.status, `login ${role}`).toBe(200);
    cookies[role] = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await opened?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (process.env.RECORD_ANSWERS === '1' && Object.keys(answers).length) {
    const sorted = Object.fromEntries(Object.entries(answers).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(RECORDED, JSON.stringify(sorted, null, 1) + '\n');
  }
});

function keep(name: string, status: number, body: string): void {
  answers[name] = { status, bytes: Buffer.byteLength(body), sha256: createHash('sha256').update(body).digest('hex') };
  writeFileSync(join(ARTIFACTS, name.replace(/[^A-Za-z0-9_.=-]+/g, '_').slice(0, 180) + '.txt'), body);
}

/** The URLs, by role; ids come from the generated bank (the same seed picks the same ones). */
function urls(): [Role, string][] {
  const branch = subjects.branch.org_id;
  const region = subjects.region.org_id;
  const other = subjects.otherBranch?.org_id ?? root;
  const m = subjects.manager.manager_id;
  const list: [Role, string][] = [];
  for (const role of ROLES) list.push([role, '/api/auth/me'], [role, '/api/periods'], [role, '/api/orgs']);
  list.push(
    ['head_office', `/api/orgs/${root}?period=2026-Q2`],
    ['head_office', `/api/orgs/${root}?period=2026-06`],
    ['head_office', `/api/orgs/${root}?period=2025`],
    ['head_office', `/api/orgs/${region}?period=2026-06-ytd`],
    ['head_office', `/api/orgs/${root}/benchmark?period=2026-Q2`],
    ['head_office', `/api/orgs/${region}/benchmark?period=2026-H1`],
    ['head_office', `/api/orgs/${root}/benchmark?period=2026-Q2&format=csv`],
    ['head_office', `/api/orgs/${root}/managers?period=2026-06-ytd`],
    ['head_office', `/api/orgs/${root}/risk/institutions?period=2026-Q2`],
    ['head_office', `/api/orgs/${root}/risk/migration?period=2026-Q2`],
    ['head_office', `/api/orgs/${root}/risk/vintage`],
    ['branch_president', `/api/orgs/${branch}?period=2026-Q2`],
    ['branch_president', `/api/orgs/${branch}/managers?period=2026-06`],
    ['branch_president', `/api/orgs/${branch}/managers?period=2026-Q2`],
    ['branch_president', `/api/orgs/${branch}/managers?period=2026-06-ytd`],
    ['branch_president', `/api/orgs/${branch}/managers?period=2026-06-ytd&line=retail`],
    ['branch_president', `/api/orgs/${branch}/managers?period=2026-Q1&format=csv&lang=en`],
    ['branch_president', `/api/orgs/${branch}/process?period=2026-Q2`],
    ['branch_president', `/api/orgs/${branch}/clients?period=2026-Q2`],
    ['branch_president', `/api/orgs/${branch}/clients?period=2026-06&format=csv`],
    ['branch_president', `/api/orgs/${branch}/risk/turned-npl?period=2026-Q2`],
    ['branch_president', `/api/managers/${m}?period=2026-Q2`],
    ['branch_president', `/api/managers/${m}?period=2026-06-ytd`],
    ['branch_president', `/api/managers/${m}?period=2026-05`],
    ['branch_president', `/api/managers/${m}?period=2026-06-ytd&format=csv&table=scorecard`],
    ['branch_president', `/api/managers/${m}?period=2026-06-ytd&format=csv&table=metrics&lang=en`],
    ['branch_president', `/api/managers/${m}/clients?period=2026-Q2`],
    ['branch_president', `/api/managers/${m}/portfolio?period=2026-Q2`],
    ['branch_president', `/api/clients/${client}`],
    ['branch_president', `/api/clients/${client}?format=csv&table=history`],
    ['branch_president', `/api/orgs/${other}/managers?period=2026-Q2`],
    ['branch_president', `/api/orgs/${branch}/managers?period=2026-13`],
    ['risk_officer', `/api/orgs/${region}/risk/turned-npl?period=2026-Q2&by=current`],
    ['risk_officer', `/api/orgs/${region}/risk/turned-npl?period=2026-H1&by=originating`],
    ['risk_officer', `/api/orgs/${region}/risk/loans?period=2026-Q2`],
    ['risk_officer', `/api/orgs/${region}/risk/loans?period=2026-Q2&by=originating`],
    ['risk_officer', `/api/orgs/${region}/risk/warnings?period=2026-Q2`],
    ['risk_officer', `/api/orgs/${region}/risk/warnings?period=2026-06&warning=deposit_outflow`],
    ['risk_officer', `/api/orgs/${region}/risk/migration?period=2026-Q2`],
    ['risk_officer', `/api/orgs/${region}/risk/migration/loans?period=2026-Q2&from_class=normal&to_class=special_mention`],
    ['risk_officer', `/api/orgs/${region}/risk/vintage`],
    ['risk_officer', `/api/orgs/${region}/risk/vintage/loans?origination_quarter=${vintageQuarter}&months_on_book=3`],
    ['risk_officer', `/api/orgs/${region}/risk/institutions?period=2026-Q2`],
    ['risk_officer', `/api/orgs/${region}/risk/turned-npl?period=2026-Q2&format=csv`],
    ['manager', `/api/managers/${m}?period=2026-Q2`],
    ['manager', `/api/managers/${m}?period=2026-06-ytd`],
    ['manager', `/api/managers/${m}/clients?period=2026-06`],
    ['manager', `/api/managers/${m}/portfolio?period=2026-H1`],
    ['manager', `/api/clients/${client}`],
    ['manager', `/api/orgs/${subjects.manager.org_id}/risk/migration?period=2026-Q2`],
    ['manager', `/api/orgs/${subjects.manager.org_id}/risk/vintage`],
    ['manager', `/api/orgs/${subjects.manager.org_id}/managers?period=2026-Q2`],
    ['manager', `/api/orgs/${root}?period=2026-Q2`],
  );
  return list;
}

function sink() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream: stream as unknown as typeof process.stdout, text: () => Buffer.concat(chunks).toString('utf8') };
}

function compare(name: string): void {
  if (process.env.RECORD_ANSWERS === '1') return;
  const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as Record<string, Answer>;
  expect(recorded[name], `${name}: not recorded (RECORD_ANSWERS=1 records it)`).toBeDefined();
  expect(answers[name], `${name}: differs from the recorded answer; body in test-artifacts/recorded-answers/`).toEqual(recorded[name]);
}

describe('recorded answers', () => {
  it('answers the API URLs byte for byte as recorded', async () => {
    const list = urls();
    expect(list.length).toBeGreaterThanOrEqual(60);
    for (const [role, url] of list) {
      const res = await app.request(url, { headers: { cookie: cookies[role] } });
      const body = await res.text();
      keep(`api ${role} ${url}`, res.status, body);
    }
    for (const [role, url] of list) compare(`api ${role} ${url}`);
  });

  it('writes every export kind byte for byte as recorded', async () => {
    const kinds = await loadExportKinds();
    expect(kinds.length).toBeGreaterThanOrEqual(8);
    const names: string[] = [];
    for (const k of kinds) {
      for (const args of [
        ['--period', '2026-Q2', '--format', 'json'],
        ['--period', '2026-06-ytd', '--org', subjects.branch.org_id, '--format', 'csv', '--lang', 'en'],
      ]) {
        const out = sink();
        const err = sink();
        const code = await main(['export', k.kind, ...args, '--db', dbPath], out.stream, err.stream as unknown as typeof process.stderr);
        const name = `export ${k.kind} ${args.join(' ')}`;
        // An export that refuses says why on standard error: the message is part of the answer.
        keep(name, code, err.text() ? `${out.text()}\n--- stderr ---\n${err.text()}` : out.text());
        names.push(name);
      }
    }
    for (const name of names) compare(name);
  });
});
