// The OpenAPI document covers every route the app serves, with the parameters its validators take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, removeFixture, type Fixture } from './fixture.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f);
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

describe('/api/openapi.json', () => {
  it('lists every route of the app, path parameters in OpenAPI form', async () => {
    const doc = await (await ctx.app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = new Set(
      ctx.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('documents the validators: allow-listed sort columns, page_size bounds, enums', async () => {
    const doc = await (await ctx.app.request('/api/openapi.json')).json();
    const league = doc.paths['/api/orgs/{org_id}/managers'].get;
    const param = (name: string) => league.parameters.find((p: { name: string }) => p.name === name);
    expect(param('org_id')).toMatchObject({ in: 'path', required: true });
    expect(param('sort').schema.enum).toContain('profit_contribution');
    expect(param('sort').schema.enum).not.toContain('salary');
    expect(param('order').schema.enum).toEqual(['asc', 'desc']);
    expect(param('format').schema.enum).toEqual(['json', 'csv', 'xlsx']);
    expect(param('period').schema.pattern).toBeDefined();
    expect(league.responses['400'].$ref).toBe('#/components/responses/Problem');
    expect(Object.keys(league.responses['200'].content)).toContain('text/csv');
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
  });
});
