import { dbOption, resolveDbPath, UsageError, type Command, type CommandContext } from '../command.ts';
import { serveApi, untilSignal, webDistDir } from '../../api/server.ts';
import { usersPathFor, UserStore } from '../../warehouse/users.ts';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';

export function parsePort(value: unknown): number {
  const s = typeof value === 'string' ? value : '8080';
  if (!/^\d{1,5}$/.test(s) || Number(s) > 65535) throw new UsageError(`--port: '${s}' is not a port number (0–65535)`);
  return Number(s);
}

/** The options `serve` and `start` share for a server a bank exposes. */
export const exposureOptions: Command['options'] = {
  'secure-cookies': { type: 'boolean', help: '      mark the session cookie Secure (serve behind HTTPS, e.g. a reverse proxy)' },
  'trust-proxy': { type: 'boolean', help: '      take the client address from X-Forwarded-For (behind a reverse proxy only)' },
  log: { type: 'string', help: 'FILE  append the access log (time, user, role, method, path, status, ms) to FILE (0600) instead of standard output' },
};

/** Where the access log goes: FILE (appended, created 0600) or standard output. */
export function accessLog(value: unknown, out: NodeJS.WritableStream): { write: (line: string) => void; close: () => void } {
  if (value === undefined) return { write: (line) => out.write(line + '\n'), close: () => {} };
  if (typeof value !== 'string' || value === '') throw new UsageError('--log needs a file');
  const fd = openSync(value, 'a', 0o600);
  return { write: (line) => writeSync(fd, line + '\n'), close: () => closeSync(fd) };
}

export function exposure(values: CommandContext['values']) {
  return { secureCookies: values['secure-cookies'] === true, trustProxy: values['trust-proxy'] === true };
}

const serve: Command = {
  name: 'serve',
  summary: 'Serve the API (and the web dashboard, when built) over the published results, read-only',
  usage: '[--db FILE] [--port 8080] [--host 127.0.0.1] [--pool-size 4] [--threads 1] [--cache 5000] [--users FILE] [--secure-cookies] [--trust-proxy] [--log FILE]',
  description: `Serves the results the last \`jixiao build\` published for the ledger --db (<db>.results/),
read-only: \`jixiao ingest\`, \`build\`, \`export\`, \`user add\`, \`loads\` and \`rejects\` all work
while it runs. When a build publishes, the server switches to the new results within a second
(at once on SIGHUP), finishing the requests in flight on the previous ones. Users live in
<db>.users.json. One access-log line per request to standard output (or --log FILE). Stops
cleanly on Ctrl-C (SIGINT) or SIGTERM.`,
  options: {
    db: dbOption,
    port: { type: 'string', help: 'PORT  TCP port (default 8080; 0 = any free port)' },
    host: { type: 'string', help: 'HOST  address to listen on (default 127.0.0.1)' },
    'pool-size': { type: 'string', help: 'N     DuckDB connections for requests (default 4)' },
    users: { type: 'string', help: 'FILE  users file (default: <db>.users.json beside the warehouse)' },
    threads: { type: 'string', help: 'N     DuckDB threads (default 1: many small queries side by side, one per connection, cost less CPU than each split over the cores)' },
    cache: { type: 'string', help: 'N     query results kept in memory, and as many answers as sent (at most 64 M characters of JSON, 64–128 MB); default 5000, 0 = none. Safe: a published results file never changes' },
    ...exposureOptions,
  },
  async run({ values, out, err }) {
    const db = resolveDbPath(values.db);
    const port = parsePort(values.port);
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    const poolArg = typeof values['pool-size'] === 'string' ? values['pool-size'] : '4';
    if (!/^\d{1,2}$/.test(poolArg) || Number(poolArg) < 1) throw new UsageError(`--pool-size: '${poolArg}' is not 1–99`);
    const threadsArg = typeof values.threads === 'string' ? values.threads : '1';
    if (!/^\d{1,3}$/.test(threadsArg) || Number(threadsArg) < 1) throw new UsageError(`--threads: '${threadsArg}' is not 1–256`);
    const cacheArg = typeof values.cache === 'string' ? values.cache : '5000';
    if (!/^\d{1,7}$/.test(cacheArg)) throw new UsageError(`--cache: '${cacheArg}' is not a whole number`);
    const usersPath = typeof values.users === 'string' && values.users ? values.users : usersPathFor(db);
    const users = new UserStore(usersPath);
    if (users.list().length === 0) err.write(`warning: no users in ${users.path}; add one with \`jixiao user add\`\n`);
    const log = accessLog(values.log, out);
    const serving = await serveApi(db, {
      ...exposure(values),
      port,
      host,
      poolSize: Number(poolArg),
      cacheEntries: Number(cacheArg),
      threads: Number(threadsArg),
      usersPath,
      webDist: existsSync(webDistDir) ? webDistDir : null,
      log: log.write,
    });
    out.write(`jixiao: serving build ${serving.served.deps.build?.build_id ?? '?'} of ${db} at ${serving.url} (API under ${serving.url}/api, OpenAPI at /api/openapi.json)\n`);
    await untilSignal(serving, (s) => err.write(`\n${s}: finishing requests in flight and closing the results…\n`));
    log.close();
    out.write('stopped\n');
    return 0;
  },
};
export default serve;
