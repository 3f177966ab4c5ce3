#!/usr/bin/env node
// Entry point of the `jixiao` command. The sources are TypeScript run through tsx's loader,
// so there is no build step between a checkout and a working command.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`jixiao ingest … | head`) closes stdout: what is left to print is
// dropped, and the exit status stays that of the work done (a committed load is still 0).
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});
// Every file jixiao creates (ledger, results, write-ahead logs, users, logs, exports) holds bank
// data or users: readable by the owner only.
process.umask(0o077);
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
