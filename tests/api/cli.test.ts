// The commands around the API: `jixiao user` (while a server holds the results read-only, too),
// and `jixiao serve` as a real process: it answers over HTTP, logs each request and stops cleanly on
// SIGTERM. Loads and builds beside a server: publish.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jixiao, spawnServe } from './processes.ts';
import { openDeps } from '../../api/server.ts';
import { createFixture, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => {
  if (f) removeFixture(f);
});

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
      expect(stored.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/); // the tests' cost (vitest.config.ts)
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
  it('serves over HTTP, logs requests, and stops cleanly on SIGTERM', async () => {
    const server = await spawnServe(f.dbPath);
    const { url } = server;
    try {
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
      // The server holds only the published results read-only: the ledger stays free for writers.
      const writer = await jixiao(['status', '--db', f.dbPath]);
      expect(writer.code).toBe(0);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    const out = server.out();
    const err = server.err();
    expect(out).toMatch(/stopped/);
    // The access log on standard output: time, user, role, method, path, status, milliseconds.
    expect(out).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z pres_b1 branch_president GET \/api\/orgs\/B1\/managers 200 [\d.]+ms$/m);
    expect(out).toMatch(/Z - - GET \/api\/health 200 [\d.]+ms$/m);
    expect(err).toMatch(/SIGTERM/);
  });
});
