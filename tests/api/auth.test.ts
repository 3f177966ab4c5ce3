// Sign-in, sign-out, session expiry and lockout, against the fixture's users file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, passwords, removeFixture, type Fixture } from './fixture.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../api/auth/sessions.ts';
import { LOCK_MS, MAX_FAILURES_PER_USER } from '../../api/auth/lockout.ts';
import { UserStore } from '../../warehouse/users.ts';
import { join } from 'node:path';

let f: Fixture;
let t = Date.parse('2026-11-23T09:00:00Z');
let ctx: Awaited<ReturnType<typeof fixtureApp>>;

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f, { now: () => t });
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const post = (path: string, body: unknown, cookie?: string) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe('sign-in', () => {
  it('sets a signed, HttpOnly, SameSite=Strict cookie and returns the user', async () => {
    const res = await post('/api/auth/login', { username: 'pres_b1', password: passwords.pres_b1 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'pres_b1', role: 'branch_president', org_id: 'B1' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^jixiao_session=[^;]+\.[^;]+;/); // value.signature
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('refuses a wrong password and an unknown user alike, as a problem', async () => {
    const a = await post('/api/auth/login', { username: 'head', password: 'nope-nope' });
    const b = await post('/api/auth/login', { username: 'nobody', password: 'nope-nope' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await a.json()).detail).toBe((await b.json()).detail);
  });

  it('validates the body: missing fields and unknown fields are 400s naming them', async () => {
    const res = await post('/api/auth/login', { username: 'head', extra: 1 });
    expect(res.status).toBe(400);
    const body = await res.json();
    const names = body.invalid_params.map((p: { name: string }) => p.name);
    expect(names).toContain('password');
    expect(names).toContain('extra');
  });

  it('refuses a forged or tampered cookie', async () => {
    const cookie = await login(ctx.app, 'head');
    const tampered = cookie.replace(/=(.)/, (_m, ch: string) => `=${ch === 'a' ? 'b' : 'a'}`);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: tampered } })).status).toBe(401);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: 'jixiao_session=abc' } })).status).toBe(401);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout ends the session: the same cookie no longer works', async () => {
    const cookie = await login(ctx.app, 'head');
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    const out = await post('/api/auth/logout', {}, cookie);
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/jixiao_session=;.*Max-Age=0/);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('expires after the idle time, and after the maximum age even when used', async () => {
    const idle = await login(ctx.app, 'head');
    t += SESSION_IDLE_MS + 1;
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: idle } })).status).toBe(401);

    const busy = await login(ctx.app, 'head');
    // Use it every 20 minutes: never idle, but over the maximum age it ends.
    for (let used = 0; used + 20 * 60_000 <= SESSION_MAX_MS; used += 20 * 60_000) {
      t += 20 * 60_000;
      expect((await ctx.app.request('/api/auth/me', { headers: { cookie: busy } })).status).toBe(200);
    }
    t += 20 * 60_000;
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie: busy } })).status).toBe(401);
  });

  it('a disabled user is shut out at the next request', async () => {
    const cookie = await login(ctx.app, 'pres_s21');
    new UserStore(join(f.dir, 'bank.users.json')).setDisabled('pres_s21', true);
    expect((await ctx.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await post('/api/auth/login', { username: 'pres_s21', password: passwords.pres_s21 })).status).toBe(401);
    new UserStore(join(f.dir, 'bank.users.json')).setDisabled('pres_s21', false);
    expect((await post('/api/auth/login', { username: 'pres_s21', password: passwords.pres_s21 })).status).toBe(200);
  });
});

describe('lockout', () => {
  it(`locks a username after ${MAX_FAILURES_PER_USER} failures, even for the right password, until the lock ends`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) {
      expect((await post('/api/auth/login', { username: 'risk_b1', password: 'wrong-password' })).status).toBe(401);
    }
    const locked = await post('/api/auth/login', { username: 'risk_b1', password: passwords.risk_b1 });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(LOCK_MS / 1000);
    // Other users are not affected.
    expect((await post('/api/auth/login', { username: 'mgr_m1', password: passwords.mgr_m1 })).status).toBe(200);
    t += LOCK_MS + 1;
    expect((await post('/api/auth/login', { username: 'risk_b1', password: passwords.risk_b1 })).status).toBe(200);
  });
});

describe('anonymous', () => {
  it('gets 401 problems on data endpoints; health and the OpenAPI document are public', async () => {
    const res = await ctx.app.request('/api/orgs');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await ctx.app.request('/api/health')).status).toBe(200);
    expect((await ctx.app.request('/api/openapi.json')).status).toBe(200);
  });
});
