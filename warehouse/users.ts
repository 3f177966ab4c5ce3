// The users of the API, in a JSON file beside the warehouse (jixiao.duckdb → jixiao.users.json).
//
// Why a file and not a table: DuckDB allows one writing process per file. The ledger is written by
// loads, a results file is read-only once published and replaced by the next build, and users must
// outlive every build and be added while the server runs (api/README.md: the server's own store). The file is small, written atomically (temp file + rename,
// under a lock file), and the server re-reads it when it changes, so a disabled user is shut out
// at their next request.
//
// Passwords are stored as scrypt hashes (node:crypto), `scrypt$N$r$p$salt$hash` in base64url, at
// cost N = 2^17 (128 MiB and some 0.3 s a hash: OWASP's figure for scrypt); a hash of a lower cost
// is replaced at the user's next successful sign-in.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { withFileLock } from './file-lock.ts';

import type { Role } from '../contract/api.ts';

export interface User {
  username: string;
  display_name: string;
  role: Role;
  /** Root of the user's subtree (branch_president, risk_officer; a manager's own org). */
  org_id: string | null;
  /** The manager a `manager` user is. */
  manager_id: string | null;
  disabled: boolean;
  created_at: string;
}

interface StoredUser extends User {
  password_hash: string;
}

interface UsersFile {
  version: 1;
  users: StoredUser[];
}

export const SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;

/**
 * The cost new hashes get: SCRYPT_N, except under vitest, where JIXIAO_TEST_SCRYPT_N may lower it
 * so that the tests' hundreds of sign-ins stay fast (a test proves the default).
 */
export function scryptCost(env: NodeJS.ProcessEnv = process.env): number {
  const test = Number(env.JIXIAO_TEST_SCRYPT_N);
  return env.VITEST && Number.isInteger(test) && test >= 2 ? test : SCRYPT_N;
}

function scrypt(password: string, salt: Buffer, opts: ScryptOptions & { N: number; r: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses above maxmem, so give it twice that.
  const maxmem = 256 * opts.N * opts.r;
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEYLEN, { ...opts, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, N = scryptCost()): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** The scrypt cost N a stored hash was made with. */
export function hashCost(stored: string): number {
  return Number(stored.split('$')[1]);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, checked when the username is unknown so both cases take the same time. */
let decoyHash: Promise<string> | undefined;

export function usersPathFor(dbPath: string): string {
  if (dbPath === ':memory:') throw new Error('an in-memory warehouse has no users file; give --db FILE');
  return dbPath.replace(/\.duckdb$/i, '') + '.users.json';
}

export const usernamePattern = /^[a-z][a-z0-9_.-]{1,31}$/;

export interface NewUser {
  username: string;
  display_name?: string;
  role: Role;
  org_id?: string | null;
  manager_id?: string | null;
  password: string;
}

export class UserStore {
  private cache: { mtimeMs: number; size: number; file: UsersFile } | undefined;

  constructor(readonly path: string) {}

  /** The file's contents, re-read whenever it changed on disk. */
  private load(): UsersFile {
    if (!existsSync(this.path)) return { version: 1, users: [] };
    const st = statSync(this.path);
    if (this.cache && this.cache.mtimeMs === st.mtimeMs && this.cache.size === st.size) return this.cache.file;
    const file = JSON.parse(readFileSync(this.path, 'utf8')) as UsersFile;
    if (file.version !== 1 || !Array.isArray(file.users)) throw new Error(`${this.path}: not a jixiao users file`);
    this.cache = { mtimeMs: st.mtimeMs, size: st.size, file };
    return file;
  }

  private withLock<T>(fn: () => T): T {
    return withFileLock(this.path, "another 'jixiao user'", fn);
  }

  private save(file: UsersFile): void {
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.path);
    this.cache = undefined;
  }

  list(): User[] {
    return this.load().users.map(({ password_hash: _h, ...u }) => u);
  }

  get(username: string): User | undefined {
    const u = this.load().users.find((x) => x.username === username);
    if (!u) return undefined;
    const { password_hash: _h, ...user } = u;
    return user;
  }

  async add(input: NewUser): Promise<User> {
    if (!usernamePattern.test(input.username)) {
      throw new Error(`username '${input.username}': 2–32 characters, lowercase letters, digits, _ . - , starting with a letter`);
    }
    if (input.password.length < 8) throw new Error('password: at least 8 characters');
    const password_hash = await hashPassword(input.password);
    const user: StoredUser = {
      username: input.username,
      display_name: input.display_name ?? input.username,
      role: input.role,
      org_id: input.org_id ?? null,
      manager_id: input.manager_id ?? null,
      disabled: false,
      created_at: new Date().toISOString(),
      password_hash,
    };
    return this.withLock(() => {
      const file = this.load();
      if (file.users.some((u) => u.username === user.username)) throw new Error(`user '${user.username}' exists already`);
      this.save({ version: 1, users: [...file.users, user] });
      const { password_hash: _h, ...out } = user;
      return out;
    });
  }

  setDisabled(username: string, disabled: boolean): void {
    this.withLock(() => {
      const file = this.load();
      const u = file.users.find((x) => x.username === username);
      if (!u) throw new Error(`no user '${username}'`);
      this.save({ version: 1, users: file.users.map((x) => (x.username === username ? { ...x, disabled } : x)) });
    });
  }

  /** The user if the password matches and the account is enabled; same timing for unknown names. */
  async authenticate(username: string, password: string): Promise<User | undefined> {
    const stored = this.load().users.find((x) => x.username === username);
    if (!stored) {
      decoyHash ??= hashPassword('decoy-password');
      await verifyPassword(password, await decoyHash);
      return undefined;
    }
    const ok = await verifyPassword(password, stored.password_hash);
    if (!ok || stored.disabled) return undefined;
    if (hashCost(stored.password_hash) < scryptCost()) await this.rehash(username, password, stored.password_hash);
    const { password_hash: _h, ...user } = stored;
    return user;
  }

  /** Replaces a hash of a lower cost by one of today's (unless the password changed meanwhile). */
  private async rehash(username: string, password: string, old: string): Promise<void> {
    const password_hash = await hashPassword(password);
    this.withLock(() => {
      const file = this.load();
      if (!file.users.some((x) => x.username === username && x.password_hash === old)) return;
      this.save({ version: 1, users: file.users.map((x) => (x.username === username ? { ...x, password_hash } : x)) });
    });
  }
}
