// A lock file beside a file the server's store writes (users, entries): `<file>.lock`, created
// exclusively, removed when done. Held for the length of one write; a second writer waits up to
// five seconds, then is told who to suspect.
import { closeSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

export function withFileLock<T>(path: string, holder: string, fn: () => T): T {
  mkdirSync(dirname(path), { recursive: true });
  const lock = `${path}.lock`;
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(lock, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 50) {
        throw new Error(`cannot lock ${path} (${lock} exists: ${holder} running? remove it if not)`);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    unlinkSync(lock);
  }
}
