import { dbOption, resolveDbPath, UsageError, type Command } from '../command.ts';
import { serveApi, untilSignal, webDistDir } from '../../api/server.ts';
import { usersPathFor, UserStore } from '../../warehouse/users.ts';
import { existsSync } from 'node:fs';

export function parsePort(value: unknown): number {
  const s = typeof value === 'string' ? value : '8080';
  if (!/^\d{1,5}$/.test(s) || Number(s) > 65535) throw new UsageError(`--port: '${s}' is not a port number (0–65535)`);
  return Number(s);
}

const serve: Command = {
  name: 'serve',
  summary: 'Serve the API (and the web dashboard, when built) over the warehouse, read-only',
  usage: '[--db FILE] [--port 8080] [--host 127.0.0.1] [--pool-size 4] [--threads 1] [--cache 5000] [--users FILE]',
  description: `Opens the warehouse read-only (DuckDB allows one writer or many readers: stop the server
before \`jixiao ingest\` or \`jixiao build\`; \`jixiao user add\` works while it runs, users live in
<db>.users.json). Logs one line per request to stderr. Stops cleanly on Ctrl-C (SIGINT) or SIGTERM.`,
  options: {
    db: dbOption,
    port: { type: 'string', help: 'PORT  TCP port (default 8080; 0 = any free port)' },
    host: { type: 'string', help: 'HOST  address to listen on (default 127.0.0.1)' },
    'pool-size': { type: 'string', help: 'N     DuckDB connections for requests (default 4)' },
    users: { type: 'string', help: 'FILE  users file (default: <db>.users.json beside the warehouse)' },
    threads: { type: 'string', help: 'N     DuckDB threads (default 1: many small queries side by side, one per connection, cost less CPU than each split over the cores)' },
    cache: { type: 'string', help: 'N     query results kept in memory, and as many answers as sent (at most 64 M characters of JSON, 64–128 MB); default 5000, 0 = none. Safe: the warehouse cannot change while served' },
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
    const serving = await serveApi(db, {
      port,
      host,
      poolSize: Number(poolArg),
      cacheEntries: Number(cacheArg),
      threads: Number(threadsArg),
      usersPath,
      webDist: existsSync(webDistDir) ? webDistDir : null,
      log: (line) => err.write(line + '\n'),
    });
    out.write(`jixiao: serving ${db} at ${serving.url} (API under ${serving.url}/api, OpenAPI at /api/openapi.json)\n`);
    await untilSignal(serving, (s) => err.write(`\n${s}: finishing requests in flight and closing the warehouse…\n`));
    out.write('stopped\n');
    return 0;
  },
};
export default serve;
