// The append (and the read) of the server's JSON Lines stores (the entries, issue 21; the review
// cycle, issue 22): lines numbered on from the file's last seq, written with one `write` under
// the file's lock and fsynced before the caller answers, so a request's lines are all written or
// none. `prepare` runs under the lock, so what it reads of the file (values in force, a card's state) cannot interleave
// with another request's write; throwing there writes nothing.
import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { withFileLock } from './file-lock.ts';

export function appendLines<N extends object>(path: string, at: Date, batch: string, prepare: () => N[]): (N & { seq: number; at: string; batch: string })[] {
  return withFileLock(path, 'another jixiao server', () => {
    const entries = prepare();
    if (entries.length === 0) return [];
    let seq = lastSeq(path);
    const lines = entries.map((e) => ({ seq: ++seq, at: at.toISOString(), ...e, batch }));
    const fd = openSync(path, 'a', 0o600);
    try {
      writeSync(fd, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return lines;
  });
}

/** The seq of the file's last line (0 when empty), read from its tail. */
function lastSeq(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return 0;
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    const last = buf.toString('utf8').trimEnd().split('\n').at(-1)!;
    const seq = (JSON.parse(last) as { seq?: unknown }).seq;
    if (typeof seq !== 'number' || !Number.isInteger(seq)) throw new Error(`${path}: the last line has no seq`);
    return seq;
  } finally {
    closeSync(fd);
  }
}

/** Every line of the file parsed, in order; a line that is not JSON names the file and line. */
export function readLines<L>(path: string): L[] {
  const lines: L[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((text, k) => {
    if (!text.trim()) return;
    try {
      lines.push(JSON.parse(text) as L);
    } catch {
      throw new Error(`${path}: line ${k + 1} is not JSON`);
    }
  });
  return lines;
}

/** Creates the file (0600) when missing, under its lock. */
export function ensureLogFile(path: string): void {
  withFileLock(path, 'another jixiao server', () => closeSync(openSync(path, 'a', 0o600)));
}
