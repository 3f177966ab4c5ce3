// Running jixiao from the API tests: a command in-process (its exit code and output), and
// `jixiao serve` as a real child process (DuckDB's file locks are then those of two processes).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.ts';
import { projectRoot } from '../../warehouse/paths.ts';

export async function jixiao(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (d) => (chunks.out += d));
  err.on('data', (d) => (chunks.err += d));
  const code = await main(args, out as never, err as never);
  return { code, ...chunks };
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  out(): string;
  err(): string;
  exited: Promise<number | null>;
}

/** `jixiao serve --db DB --port 0 …` in a child process; resolves once it printed its address. */
export async function spawnServe(db: string, extra: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'jixiao.js'), 'serve', '--db', db, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address in 60 s: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`jixiao serve exited (${code}): ${err}`)));
  });
  return { child, url, out: () => out, err: () => err, exited };
}
