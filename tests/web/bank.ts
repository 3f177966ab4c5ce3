// A demo-like bank for the browser tests and the web benchmark: generated (generator/), loaded
// (ingest/), built (warehouse/build.ts), with one user per role, served in-process by the real
// API (api/server.ts serveApi: createApp + @hono/node-server) on a free localhost port, with the
// dashboard built into a temporary folder. stop() closes everything and removes the folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBank } from '../../generator/index.ts';
import { ingestPath } from '../../ingest/index.ts';
import { buildAndPublish, currentResults } from '../../warehouse/results.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { UserStore } from '../../warehouse/users.ts';
import { demoSubjects, type DemoSubjects } from '../../warehouse/queries/subjects.ts';
import { serveApi } from '../../api/server.ts';
import { buildWeb } from '../../web/build.ts';

export const PASSWORD = 'browser-test-pass-1';

export interface TestUsers {
  head_office: string;
  branch_president: string;
  risk_officer: string;
  manager: string;
  /** 主管 of the sample manager's own org (issue 21: enters what is judged on the cards there). */
  supervisor: string;
}

export interface Truth {
  cohorts: {
    bad_risk_managers: { manager_ids: string[] };
    /** Generated banks only (a converted bank, e.g. Berka, moves no one). */
    manager_moves?: { moves: { manager_id: string; from_org_id: string; to_org_id: string; month: string }[] };
  };
}

export interface TestBank {
  url: string;
  dir: string;
  dbPath: string;
  users: TestUsers;
  subjects: DemoSubjects;
  truth: Truth;
  /** The root org (head office). */
  rootOrgId: string;
  stop(): Promise<void>;
}

export interface BankOptions {
  /** Client count or a named scale (default 1200 clients over 2025-01…2025-09). */
  scale?: string | number;
  from?: string;
  to?: string;
  seed?: number;
  /** The generator's bad-risk plant strength (generator default 4 when unset). */
  badRiskMultiplier?: number;
  /** Build with these configuration files (default config/): e.g. a scheme with manual indicators. */
  configDir?: string;
  log?: (line: string) => void;
}

export async function startTestBank(opts: BankOptions = {}): Promise<TestBank> {
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-web-'));
  try {
    const t0 = performance.now();
    const extracts = join(dir, 'extracts');
    await generateBank({ scale: opts.scale ?? 1200, seed: opts.seed ?? 7, out: extracts, from: opts.from ?? '2025-01', to: opts.to ?? '2025-09', badRiskMultiplier: opts.badRiskMultiplier });
    log(`generated in ${Math.round(performance.now() - t0)} ms`);
    const dbPath = join(dir, 'bank.duckdb');
    const wh = await Warehouse.open(dbPath);
    try {
      const results = await ingestPath(wh, extracts);
      const refused = results.find((r) => r.status === 'refused');
      if (refused) throw new Error(`test bank delivery refused: ${JSON.stringify(refused).slice(0, 500)}`);
      log(`ingested in ${Math.round(performance.now() - t0)} ms`);
    } finally {
      wh.close();
    }
    await buildAndPublish(dbPath, opts.configDir ? { configDir: opts.configDir } : {});
    log(`built in ${Math.round(performance.now() - t0)} ms`);
    const truth = JSON.parse(readFileSync(join(extracts, 'truth.json'), 'utf8')) as Truth;
    const served = await serveBank({ dbPath, workDir: dir, truth, log, t0 });
    return {
      ...served,
      async stop() {
        await served.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Serves an already built warehouse: adds the test users (a users file beside it, replaced),
 * builds the dashboard into workDir/web-dist and starts the API on a free port.
 */
export async function serveBank(o: {
  dbPath: string;
  workDir: string;
  subjects?: DemoSubjects;
  rootOrgId?: string;
  truth: Truth;
  log?: (line: string) => void;
  t0?: number;
  usersPath?: string;
}): Promise<TestBank> {
  const log = o.log ?? (() => {});
  const t0 = o.t0 ?? performance.now();
  let subjects = o.subjects;
  let rootOrgId = o.rootOrgId;
  if (!subjects || !rootOrgId) {
    // The sample subjects come from the published results (the ledger holds no models).
    const wh = await Warehouse.open(currentResults(o.dbPath) ?? o.dbPath, { readOnly: true });
    try {
      subjects = await demoSubjects(wh);
      rootOrgId = (await wh.query<{ org_id: string }>(`select org_id from raw_orgs where parent_id is null order by org_id limit 1`))[0]!.org_id;
    } finally {
      wh.close();
    }
  }
  const usersPath = o.usersPath ?? join(o.workDir, 'users.json');
  rmSync(usersPath, { force: true });
  const store = new UserStore(usersPath);
  const users: TestUsers = { head_office: 'ho', branch_president: 'president', risk_officer: 'risk', manager: 'rm', supervisor: 'sup' };
  await store.add({ username: users.head_office, role: 'head_office', org_id: null, password: PASSWORD, display_name: '总行用户' });
  await store.add({ username: users.branch_president, role: 'branch_president', org_id: subjects.branch.org_id, password: PASSWORD, display_name: '支行行长' });
  await store.add({ username: users.risk_officer, role: 'risk_officer', org_id: subjects.region.org_id, password: PASSWORD, display_name: '风险经理' });
  await store.add({ username: users.supervisor, role: 'supervisor', org_id: subjects.manager.org_id, password: PASSWORD, display_name: '网点主管' });
  await store.add({ username: users.manager, role: 'manager', manager_id: subjects.manager.manager_id, org_id: subjects.manager.org_id, password: PASSWORD, display_name: subjects.manager.manager_name });
  const webDist = join(o.workDir, 'web-dist');
  await buildWeb({ outDir: webDist });
  log(`web built in ${Math.round(performance.now() - t0)} ms`);
  const serving = await serveApi(o.dbPath, { port: 0, host: '127.0.0.1', webDist, poolSize: 2, usersPath });
  return { url: serving.url, dir: o.workDir, dbPath: o.dbPath, users, subjects, truth: o.truth, rootOrgId, stop: () => serving.stop() };
}
