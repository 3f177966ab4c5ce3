// The commands around the API: `jixiao user` (while a server holds the warehouse read-only, too),
// and `jixiao serve` as a real process: it answers over HTTP and stops cleanly on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../cli/main.ts';
import { projectRoot } from '../../warehouse/paths.ts';
import { openDeps } from '../../api/server.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { createFixture, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => {
  if (f) removeFixture(f);
});

async function jixiao(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: '', err: '' };
  out.on('data', (d) => (chunks.out += d));
  err.on('data', (d) => (chunks.err += d));
  const code = await main(args, out as never, err as never);
  return { code, ...chunks };
}

describe('jixiao user', () => {
  it('adds users (checked against the warehouse), lists and disables them — while a server has the warehouse open', async () => {
    // A server's hold on the warehouse: read-only, as `jixiao serve` opens it.
    const server = await openDeps(f.dbPath, { poolSize: 1 });
    try {
      const add = await jixiao(['user', 'add', 'pres_s12', '--role', 'branch_president', '--org', 'S12', '--db', f.dbPath]);
      expect(add.code).toBe(0);
      expect(add.out).toMatch(/added pres_s12 \(branch_president, org S12\)/);
      expect(add.out).toMatch(/password: \S{16}/); // generated and shown once
      const mgr = await jixiao(['user', 'add', 'mgr_m3', '--role', 'manager', '--manager', 'M3', '--db', f.dbPath]);
      expect(mgr.code).toBe(0);
      expect(mgr.out).toMatch(/manager M3/);
      // The manager's org is looked up (S12), and their name is the display name.
      const stored = JSON.parse(readFileSync(join(f.dir, 'bank.users.json'), 'utf8')).users.find((u: { username: string }) => u.username === 'mgr_m3');
      expect(stored).toMatchObject({ org_id: 'S12', manager_id: 'M3', display_name: '王五' });
      expect(stored.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      // The running server sees the new user at once.
      expect(server.deps.users.get('pres_s12')?.role).toBe('branch_president');

      const list = await jixiao(['user', 'list', '--db', f.dbPath]);
      expect(list.out).toMatch(/pres_s12\s+branch_president\s+org=S12/);
      expect((await jixiao(['user', 'disable', 'pres_s12', '--db', f.dbPath])).code).toBe(0);
      expect((await jixiao(['user', 'list', '--db', f.dbPath])).out).toMatch(/pres_s12.*DISABLED/);
      expect(server.deps.users.get('pres_s12')?.disabled).toBe(true);
    } finally {
      server.close();
    }
  });

  it('refuses bad input clearly: unknown org, missing --org, bad role, duplicate, bad username', async () => {
    const unknownOrg = await jixiao(['user', 'add', 'x_user', '--role', 'risk_officer', '--org', 'NOPE', '--db', f.dbPath]);
    expect(unknownOrg.code).toBe(1);
    expect(unknownOrg.err).toMatch(/no org 'NOPE'/);
    const noOrg = await jixiao(['user', 'add', 'x_user', '--role', 'branch_president', '--db', f.dbPath]);
    expect(noOrg.code).toBe(2);
    expect(noOrg.err).toMatch(/--org is required/);
    expect((await jixiao(['user', 'add', 'x_user', '--role', 'king', '--db', f.dbPath])).code).toBe(2);
    const dup = await jixiao(['user', 'add', 'head', '--role', 'head_office', '--db', f.dbPath]);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/exists already/);
    const bad = await jixiao(['user', 'add', 'Robert"); drop', '--role', 'admin', '--db', f.dbPath]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/lowercase letters/);
  });
});

describe('jixiao serve', () => {
  it('refuses clearly while another process writes the warehouse (a load or build)', async () => {
    const writer = await Warehouse.open(f.dbPath); // read-write: holds DuckDB's write lock
    try {
      const child = spawn(process.execPath, [join(projectRoot, 'bin', 'jixiao.js'), 'serve', '--db', f.dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(err).toMatch(/is being written by another process .*PID \d+.*; serve it once that load or build has finished/);
    } finally {
      writer.close();
    }
  });

  it('serves over HTTP, logs requests, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'jixiao.js'), 'serve', '--db', f.dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address in 60 s: ${out} ${err}`)), 60_000);
        child.stdout.on('data', () => {
          const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'pres_b1', password: 'pres-pass-2026' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const league = await fetch(`${url}/api/orgs/B1/managers`, { headers: { cookie } });
      expect(league.status).toBe(200);
      expect((await league.json()).total).toBe(3);
      const other = await fetch(`${url}/api/managers/M4`, { headers: { cookie } });
      expect(other.status).toBe(404);
      // While serving, a writer cannot open the warehouse: it fails with DuckDB's lock message.
      const writer = await jixiao(['status', '--db', f.dbPath]);
      expect(writer.code).toBe(1);
      expect(writer.err).toMatch(/lock/i);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/stopped/);
    expect(err).toMatch(/GET \/api\/orgs\/B1\/managers 200 [\d.]+ms pres_b1/);
    expect(err).toMatch(/SIGTERM/);
  });
});
