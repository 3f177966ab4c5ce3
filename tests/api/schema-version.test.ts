// The build records its schema version; the API and the exports read only a warehouse built with
// the version of the code reading it (503 problem / exit 2 "run `jixiao build`"), and the routes'
// column lists and OpenAPI are the code's own, whatever the file holds.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { builtSchemaVersion, codeSchema, columnsOf, keptModels, schemaVersionOf } from '../../warehouse/schema-version.ts';
import { discoverModels } from '../../warehouse/models.ts';
import { main } from '../../cli/main.ts';
import { buildAndPublish, currentResults } from '../../warehouse/results.ts';

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => {
  if (f) removeFixture(f);
});

/** Runs `fn` on the fixture's published results file opened for writing, then closes it. */
async function onFile<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await Warehouse.open(currentResults(f.dbPath)!);
  try {
    return await fn(wh);
  } finally {
    wh.close();
  }
}

async function exportRun(...args: string[]) {
  let err = '';
  const out = new Writable({ write: (_c, _e, cb) => cb() });
  const errs = new Writable({
    write(chunk, _e, cb) {
      err += String(chunk);
      cb();
    },
  });
  const code = await main(['export', ...args, '--db', f.dbPath], out as unknown as typeof process.stdout, errs as unknown as typeof process.stderr);
  return { code, err };
}

describe('schema version', () => {
  it('the build records the version of the code that built it: every kept model, its columns and their types', async () => {
    const code = await codeSchema();
    expect(code.version).toMatch(/^[0-9a-f]{16}$/);
    await onFile(async (wh) => {
      expect(await builtSchemaVersion(wh)).toBe(code.version);
      // …which is the hash of the file's own columns: the code's schema is the schema a build makes.
      const kept = keptModels(discoverModels());
      expect(schemaVersionOf(await columnsOf(wh, kept), kept)).toBe(code.version);
      for (const name of ['mart_manager_league', 'mart_org_benchmark', 'mart_manager_page']) {
        expect((await columnsOf(wh, [name])).map((c) => [c.column_name, c.data_type])).toEqual(code.catalog.columns(name).map((c) => [c.name, c.type]));
      }
    });
    // A column more or less, or another type, is another version.
    const cols = [{ table_name: 'mart_x', column_name: 'a', data_type: 'DECIMAL(18,2)' }];
    expect(schemaVersionOf(cols, ['mart_x'])).not.toBe(schemaVersionOf([{ ...cols[0]!, data_type: 'DECIMAL(18,6)' }], ['mart_x']));
  });

  it('a warehouse of another version: 503 "run `jixiao build`" for figures; health, login, loads and the same OpenAPI still answer', async () => {
    const good = await fixtureApp(f);
    const openapi = await (await good.app.request('/api/openapi.json')).text();
    good.close();
    for (const [version, says] of [
      ['0123456789abcdef', /built by another version of Jixiao \(schema 0123456789abcdef, this one reads [0-9a-f]{16}\): run `jixiao build`/],
      [null, /no build of this version of Jixiao: run `jixiao build`/],
    ] as const) {
      await onFile((wh) => (version ? wh.run(`update build_schema set schema_version = $v`, { v: version }) : wh.run('drop table build_schema')));
      const ctx = await fixtureApp(f);
      try {
        expect(ctx.deps.periods).toEqual([]);
        const head = await login(ctx.app, 'head');
        for (const path of ['/api/orgs', '/api/periods', '/api/orgs/HQ/managers', '/api/managers/M1', '/api/orgs/B1/risk/warnings', '/api/clients/C1']) {
          const res = await ctx.app.request(path, { headers: { cookie: head } });
          expect(res.status, path).toBe(503);
          expect(res.headers.get('content-type'), path).toMatch(/problem\+json/);
          expect((await res.json()).detail, path).toMatch(says);
        }
        expect((await ctx.app.request('/api/health')).status).toBe(200);
        expect((await ctx.app.request('/api/loads', { headers: { cookie: await login(ctx.app, 'admin') } })).status).toBe(200);
        // The routes' parameters and OpenAPI are the code's, not the file's.
        expect(await (await ctx.app.request('/api/openapi.json')).text()).toBe(openapi);
      } finally {
        ctx.close();
      }
      const exported = await exportRun('managers', '--period', '2026-Q1');
      expect(exported.code).toBe(2);
      expect(exported.err).toMatch(says);
    }
    // Rebuilt: readable again.
    await buildAndPublish(f.dbPath);
    expect((await exportRun('managers', '--period', '2026-Q1')).code).toBe(0);
  });
});
