// What a server on the bank's network needs: security headers on the page and on the API, a login
// throttle that an attacker cannot turn against other users, the client address behind a reverse
// proxy, scrypt at cost 2^17 with older hashes upgraded at the next sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { accessLog } from '../../cli/commands/serve.ts';
import { join } from 'node:path';
import { createFixture, passwords, removeFixture, type Fixture } from './fixture.ts';
import { openDeps, type OpenedDeps } from '../../api/server.ts';
import { createApp } from '../../api/app.ts';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USER, WINDOW_MS } from '../../api/auth/lockout.ts';
import { hashCost, hashPassword, SCRYPT_N, scryptCost, UserStore, verifyPassword } from '../../warehouse/users.ts';

let f: Fixture;
let t = Date.parse('2026-12-03T09:00:00Z');
let opened: OpenedDeps;
let app: ReturnType<typeof createApp>;
const DELAY = 40;

beforeAll(async () => {
  f = await createFixture();
  opened = await openDeps(f.dbPath, { poolSize: 1, now: () => t, sessionSecret: 'test-secret', failedLoginDelayMs: DELAY });
  const webDist = join(f.dir, 'web-dist');
  mkdirSync(webDist);
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/app.js"></script>');
  app = createApp(opened.deps, { webDist });
});
afterAll(() => {
  opened?.close();
  if (f) removeFixture(f);
});

/** A login as the socket at `address` would send it (the address the server sees). */
const login = (username: string, password: string, address: string, headers: Record<string, string> = {}) =>
  app.request(
    '/api/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) },
    { incoming: { socket: { remoteAddress: address } } },
  );

describe('security headers', () => {
  const expected = {
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
  it.each(['/', '/org/HQ', '/api/health', '/api/orgs', '/api/nope', '/api/openapi.json'])('on %s', async (path) => {
    const res = await app.request(path);
    expect(Object.fromEntries(Object.keys(expected).map((h) => [h, res.headers.get(h)]))).toEqual(expected);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/); // no inline script, no eval
    expect(csp).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
    expect(csp).toMatch(/(^|; )object-src 'none'(;|$)/);
  });

  it('names the build an API answer came from', async () => {
    expect((await app.request('/api/health')).headers.get('x-jixiao-build')).toBe('1');
  });
});

describe('login throttle', () => {
  it(`an address with ${MAX_FAILURES_PER_ADDRESS} failures is slowed and refused, but a right password still signs in from it`, async () => {
    const office = '10.1.1.1';
    // Failures at names nobody has: they lock no user.
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await login(`ghost${i}`, 'guess-guess', office)).status).toBe(401);
    // Now the address is throttled: unknown names get 429 after the delay …
    const t0 = performance.now();
    const unknown = await login('ghost-next', 'guess-guess', office);
    expect(unknown.status).toBe(429);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(DELAY - 5);
    expect(Number(unknown.headers.get('retry-after'))).toBe(WINDOW_MS / 1000);
    // … a wrong password for a real user too (and it counts toward that user's lock) …
    expect((await login('pres_s21', 'wrong-password', office)).status).toBe(429);
    // … but the right password of a user who is not locked signs in, from the same address.
    const ok = await login('pres_b1', passwords.pres_b1, office);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/jixiao_session=/);
    // Another address is not slowed at all.
    expect((await login('ghost-elsewhere', 'guess-guess', '10.2.2.2')).status).toBe(401);
    t += WINDOW_MS + 1; // the window passes: the address is free again
    expect((await login('ghost-later', 'guess-guess', office)).status).toBe(401);
  });

  it(`a user locked after ${MAX_FAILURES_PER_USER} failures stays locked from any address; other users are unaffected`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) expect((await login('risk_b1', 'wrong-password', `10.3.3.${i}`)).status).toBe(401);
    expect((await login('risk_b1', passwords.risk_b1, '10.4.4.4')).status).toBe(429);
    expect((await login('mgr_m1', passwords.mgr_m1, '10.3.3.0')).status).toBe(200);
  });

  it('behind a trusted proxy, the address is the last one the proxy appended to X-Forwarded-For', async () => {
    const proxied = createApp({ ...opened.deps, trustProxy: true });
    const viaProxy = (username: string, password: string, forwarded: string) =>
      proxied.request(
        '/api/auth/login',
        { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded }, body: JSON.stringify({ username, password }) },
        { incoming: { socket: { remoteAddress: '127.0.0.1' } } }, // the proxy
      );
    // A client forging the first entry cannot escape: the proxy's entry (last) is what counts.
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) expect((await viaProxy(`nobody${i}`, 'guess-guess', `1.1.1.${i}, 10.9.9.9`)).status).toBe(401);
    expect((await viaProxy('nobody-more', 'guess-guess', '8.8.8.8, 10.9.9.9')).status).toBe(429);
    // Another client behind the same proxy is not throttled.
    expect((await viaProxy('nobody-else', 'guess-guess', '10.9.9.10')).status).toBe(401);
    // Without --trust-proxy the header is ignored: all of these came from the proxy's socket.
    expect((await login('nobody-direct', 'guess-guess', '127.0.0.1', { 'x-forwarded-for': '10.9.9.9' })).status).toBe(401);
  });
});

describe('access log file', () => {
  it('--log FILE is created readable by its owner only and gets one line per request', async () => {
    const file = join(f.dir, 'access.log');
    const log = accessLog(file, process.stdout);
    const logged = createApp({ ...opened.deps, log: log.write });
    await logged.request('/api/health');
    log.close();
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(readFileSync(file, 'utf8')).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z - - GET \/api\/health 200 [\d.]+ms\n$/);
  });
});

describe('password hashes', () => {
  it('are made at scrypt cost 2^17 outside the tests', async () => {
    expect(SCRYPT_N).toBe(131072);
    expect(scryptCost({})).toBe(131072);
    // The lower test cost is honoured under vitest only.
    expect(scryptCost({ JIXIAO_TEST_SCRYPT_N: '1024' })).toBe(131072);
    expect(scryptCost({ JIXIAO_TEST_SCRYPT_N: '1024', VITEST: 'true' })).toBe(1024);
    const hash = await hashPassword('a-long-password', SCRYPT_N);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('a-long-password', hash)).toBe(true);
  });

  it('of a lower cost are replaced at the next successful sign-in, not at a failed one', async () => {
    const path = join(f.dir, 'upgrade.users.json');
    const store = new UserStore(path);
    await store.add({ username: 'old_user', role: 'admin', password: 'old-password-1' });
    // As an older jixiao stored it: a cost below today's (the tests' 1024).
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.users[0].password_hash = await hashPassword('old-password-1', 256);
    writeFileSync(path, JSON.stringify(file));
    const stored = () => JSON.parse(readFileSync(path, 'utf8')).users[0].password_hash as string;
    expect(await store.authenticate('old_user', 'wrong-password')).toBeUndefined();
    expect(hashCost(stored())).toBe(256);
    expect((await store.authenticate('old_user', 'old-password-1'))?.username).toBe('old_user');
    expect(hashCost(stored())).toBe(scryptCost());
    expect(await verifyPassword('old-password-1', stored())).toBe(true);
    expect((await store.authenticate('old_user', 'old-password-1'))?.username).toBe('old_user');
  });
});
