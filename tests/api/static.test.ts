// The web dashboard's files are served beside the API, with SPA fallback for client-side routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f);
  const dist = join(f.dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>绩效</title><div id="app"></div>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("jixiao")');
  app = createApp(ctx.deps, { webDist: dist });
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

describe('static files and SPA fallback', () => {
  it('serves index.html at / and files under assets/', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>绩效</title>');
    const js = await app.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers client-side routes with index.html, but a missing file or API path with a 404', async () => {
    const route = await app.request('/managers/M1?period=2026-03');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('id="app"');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    const api = await app.request('/api/no-such-thing');
    expect(api.status).toBe(401); // anonymous: everything under /api/ but login, health and OpenAPI asks to sign in
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('does not serve files outside the folder', async () => {
    const res = await app.request('/..%2f..%2fbank.users.json');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('scrypt');
  });
});

describe('headers on every answer', () => {
  it('no-store on everything under /api/ and nosniff everywhere: JSON, problems, downloads, files', async () => {
    const cookie = await login(app, 'head');
    const answers = {
      json: await app.request('/api/orgs', { headers: { cookie } }),
      csv: await app.request('/api/orgs/S11/managers?format=csv', { headers: { cookie } }),
      bad: await app.request('/api/orgs/S11/managers?sort=nope', { headers: { cookie } }),
      missing: await app.request('/api/no-such-thing', { headers: { cookie } }),
      anonymous: await app.request('/api/orgs'),
      file: await app.request('/assets/app.js'),
      route: await app.request('/managers/M1'),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status]))).toEqual({
      json: 200, csv: 200, bad: 400, missing: 404, anonymous: 401, file: 200, route: 200,
    });
    for (const [k, r] of Object.entries(answers)) {
      expect(r.headers.get('x-content-type-options'), k).toBe('nosniff');
      expect(r.headers.get('cache-control'), k).toBe(k === 'file' || k === 'route' ? null : 'no-store');
    }
    // The bodies are whole: headers set around the handler do not touch what it wrote.
    expect(JSON.stringify(await answers.json.json())).toContain('"org_id":"S11"');
    expect(await answers.csv.text()).toMatch(/^\uFEFF?客户经理号,.+\r?\n/);
    expect(await answers.file.text()).toBe('console.log("jixiao")');
  });
});
