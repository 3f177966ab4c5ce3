// `npm start`: the whole main job on the demo bank. Generates the demo bank when there is no
// warehouse, loads it, builds the marts, creates a demo user per role, builds the web dashboard
// when web/dist is missing, and serves both, printing the address and the logins.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dbOption, resolveDbPath, UsageError, type Command, type CommandContext } from '../command.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { builtSchemaVersion, codeSchema, staleReason } from '../../warehouse/schema-version.ts';
import { buildWeb, isWebStale } from '../../web/build.ts';
import generate from './generate.ts';
import ingest from './ingest.ts';
import buildCommand from './build.ts';
import { usersPathFor, UserStore } from '../../warehouse/users.ts';
import type { Role } from '../../contract/api.ts';
import { demoSubjects, type PreferredSubjects } from '../../warehouse/queries/subjects.ts';
import { serveApi, untilSignal, webDistDir } from '../../api/server.ts';
import { accessLog, exposure, exposureOptions, parsePort } from './serve.ts';
import { currentResults } from '../../warehouse/results.ts';

/**
 * Runs another jixiao command in-process, with its own progress bars and summary (sent to stderr,
 * so stdout keeps only the address and logins). A failure stops `start` with that command's status.
 */
async function runCommand(cmd: Command, values: CommandContext['values'], positionals: string[], err: NodeJS.WritableStream): Promise<void> {
  const status = await cmd.run({ values, positionals, out: err, err });
  if (status !== 0) throw new StepFailed(cmd.name, status);
}

class StepFailed extends Error {
  constructor(readonly step: string, readonly status: number) {
    super(`\`jixiao ${step}\` failed (exit ${status}); see above`);
  }
}

export const demoPassword = 'jixiao-demo';

interface DemoUser {
  username: string;
  role: Role;
  org_id?: string;
  manager_id?: string;
  display_name: string;
  sees: string;
}

/** Loads recorded, and whether results of this version are published (else the API would answer 503). */
async function warehouseState(db: string): Promise<{ loads: number; built: boolean }> {
  let loads: number;
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    const [l] = await wh.query<{ n: number }>(`select count(*)::integer as n from load_log where status = 'loaded'`);
    loads = l?.n ?? 0;
  } finally {
    wh.close();
  }
  const results = currentResults(db);
  if (results === undefined) return { loads, built: false };
  const served = await Warehouse.open(results, { readOnly: true });
  try {
    return { loads, built: staleReason(await builtSchemaVersion(served), (await codeSchema()).version) === null };
  } finally {
    served.close();
  }
}

/** The generator's sample ids (truth.json `demo`), when the demo bank beside the warehouse has them. */
function truthSubjects(bank: string): PreferredSubjects {
  const file = join(bank, 'truth.json');
  if (!existsSync(file)) return {};
  try {
    const truth = JSON.parse(readFileSync(file, 'utf8')) as { demo?: PreferredSubjects };
    return truth.demo ?? {};
  } catch {
    return {};
  }
}

async function createDemoUsers(db: string, store: UserStore, preferred: PreferredSubjects): Promise<DemoUser[]> {
  // The sample subjects come from the published results (the ledger holds no models).
  const wh = await Warehouse.open(currentResults(db) ?? db, { readOnly: true });
  let users: DemoUser[];
  try {
    const s = await demoSubjects(wh, preferred);
    users = [
      { username: 'head', role: 'head_office', display_name: '总行 Head office', sees: 'the whole bank' },
      { username: 'president', role: 'branch_president', org_id: s.branch.org_id, display_name: `${s.branch.org_name}行长`, sees: `${s.branch.org_name} (${s.branch.org_id}) and below` },
      { username: 'risk', role: 'risk_officer', org_id: s.region.org_id, display_name: `${s.region.org_name}风险经理`, sees: `risk views of ${s.region.org_name} (${s.region.org_id})` },
      { username: 'supervisor', role: 'supervisor', org_id: s.manager.org_id, display_name: '主管 Supervisor', sees: `scorecards of ${s.manager.org_id} and below, entering what is judged on them` },
      { username: 'manager', role: 'manager', org_id: s.manager.org_id, manager_id: s.manager.manager_id, display_name: s.manager.manager_name, sees: `own figures and clients of ${s.manager.manager_name} (${s.manager.manager_id})` },
      { username: 'admin', role: 'admin', display_name: 'Admin', sees: 'loads and rejects' },
    ];
  } finally {
    wh.close();
  }
  for (const u of users) await store.add({ ...u, password: demoPassword });
  return users;
}

const start: Command = {
  name: 'start',
  summary: 'Run everything on the demo bank: generate, load, build, add demo users, serve API and dashboard',
  usage: '[--db FILE] [--port 8080] [--host 127.0.0.1] [--seed N] [--secure-cookies] [--trust-proxy] [--log FILE]',
  description: `With no warehouse at --db, generates the demo bank beside it (demo-bank/), loads and
builds it; with a warehouse already there, serves its published results (building first if none
was ever published by this version). Adds one demo user per role when the users file is empty, builds the web
dashboard when web/dist is missing or older than its sources, then serves until Ctrl-C. While it
serves, another terminal can load and build: the server switches to each build it publishes.
The access log goes to standard error here (stdout keeps the address and logins), or --log FILE.`,
  options: {
    db: dbOption,
    port: { type: 'string', help: 'PORT  TCP port (default 8080)' },
    host: { type: 'string', help: 'HOST  address to listen on (default 127.0.0.1)' },
    seed: { type: 'string', help: 'N     seed of the demo bank (default 20261123)' },
    ...exposureOptions,
  },
  async run(ctx) {
    try {
      return await startAll(ctx);
    } catch (e) {
      if (e instanceof StepFailed) {
        ctx.err.write(`jixiao start: ${e.message}\n`);
        return e.status;
      }
      throw e;
    }
  },
};

async function startAll({ values, out, err }: CommandContext): Promise<number> {
  const db = resolveDbPath(values.db);
  const port = parsePort(values.port);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const seedArg = typeof values.seed === 'string' ? values.seed : '20261123';
  if (!/^\d{1,10}$/.test(seedArg)) throw new UsageError(`--seed: '${seedArg}' is not a whole number`);
  const step = (msg: string) => err.write(`» ${msg}\n`);

  let state = existsSync(db) ? await warehouseState(db) : { loads: 0, built: false };
  if (state.loads === 0) {
    const bank = join(dirname(db), 'demo-bank');
    if (!existsSync(join(bank, 'truth.json'))) {
      step(`generating the demo bank (seed ${seedArg}) into ${bank}`);
      await runCommand(generate, { out: bank, scale: 'demo', seed: seedArg }, [], err);
    }
    step(`loading ${bank} into ${db}`);
    await runCommand(ingest, { db }, [bank], err);
    state = await warehouseState(db);
    if (state.loads === 0) throw new Error(`loading ${bank} recorded no successful load; see \`jixiao status --db ${db}\``);
  }
  if (!state.built) {
    step('building the marts');
    await runCommand(buildCommand, { db }, [], err);
  }

  const store = new UserStore(usersPathFor(db));
  let demo: DemoUser[] = [];
  if (store.list().length === 0) {
    step(`adding demo users to ${store.path}`);
    demo = await createDemoUsers(db, store, truthSubjects(join(dirname(db), 'demo-bank')));
  }

  if (isWebStale(webDistDir)) {
    step('building the web dashboard into web/dist');
    await buildWeb();
  }

  const log = accessLog(values.log, err);
  const serving = await serveApi(db, { ...exposure(values), port, host, webDist: webDistDir, cacheEntries: 5000, threads: 1, log: log.write });
  // The address and the logins are the last lines, where a reader of the terminal looks.
  const users = store.list().filter((u) => !u.disabled);
  const president = users.find((u) => u.role === 'branch_president');
  const who = president?.username ?? 'USER';
  out.write(
    `\nFrom a shell:\n` +
      `  curl -c jar -H 'content-type: application/json' -d '{"username":"${who}","password":"${president && demo.length ? demoPassword : 'PASSWORD'}"}' ${serving.url}/api/auth/login\n` +
      `  curl -b jar ${serving.url}/api/orgs/${president?.org_id ?? 'ORG'}/managers      # the league table of ${who}'s branch\n`,
  );
  out.write(`\nAPI: ${serving.url}/api, OpenAPI: ${serving.url}/api/openapi.json. Ctrl-C stops.\n`);
  out.write(`\nJixiao is running at ${serving.url}/\n`);
  if (demo.length) {
    out.write(`Demo logins (password for all: ${demoPassword}):\n`);
    for (const u of demo) out.write(`  ${u.username.padEnd(10)} ${u.role.padEnd(17)} ${u.sees}\n`);
  } else {
    out.write(`Users: ${users.map((u) => `${u.username} (${u.role})`).join(', ')} — manage with \`jixiao user\``);
    out.write(users.some((u) => u.username === 'president') ? ` (demo users' password: ${demoPassword})\n` : '\n');
  }
  await untilSignal(serving, (s) => err.write(`\n${s}: stopping…\n`));
  log.close();
  out.write('stopped\n');
  return 0;
}
export default start;
