// Bad input: every parameter validated, each failure a 400 problem naming the parameter and why;
// no user text ever reaches SQL; errors never carry a stack trace. And downloads: CSV and XLSX
// hold exactly the JSON's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';
import { valueLabel } from '../../report/labels.ts';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let head: string;
const logged: string[] = [];

beforeAll(async () => {
  f = await createFixture();
  ctx = await fixtureApp(f, { log: (l) => logged.push(l) });
  head = await login(ctx.app, 'head');
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
});

const get = (path: string) => ctx.app.request(path, { headers: { cookie: head } });

async function expect400(path: string, name: string, reason?: RegExp) {
  const res = await get(path);
  expect(res.status, path).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await res.json();
  expect(body).toMatchObject({ status: 400, title: 'Bad request' });
  const p = body.invalid_params.find((x: { name: string }) => x.name === name);
  expect(p, `${path}: ${JSON.stringify(body.invalid_params)}`).toBeDefined();
  if (reason) expect(p.reason).toMatch(reason);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
}

describe('query parameters', () => {
  it('types and ranges', async () => {
    await expect400('/api/orgs/HQ/managers?page=0', 'page', /at least 1/);
    await expect400('/api/orgs/HQ/managers?page=-1', 'page', /whole number/);
    await expect400('/api/orgs/HQ/managers?page=abc', 'page', /whole number/);
    await expect400('/api/orgs/HQ/managers?page=1.5', 'page', /whole number/);
    await expect400('/api/orgs/HQ/managers?page_size=501', 'page_size', /at most 500/);
    await expect400('/api/orgs/HQ/managers?page_size=100000000', 'page_size', /at most 500/);
    await expect400('/api/orgs/HQ/managers?page_size=99999999999999999999', 'page_size');
    await expect400('/api/orgs/HQ/managers?period=2026-13', 'period', /period key/);
    await expect400('/api/orgs/HQ/managers?period=last', 'period');
    await expect400('/api/orgs/HQ/managers?order=sideways', 'order');
    await expect400('/api/orgs/HQ/managers?line=wholesale', 'line');
    await expect400('/api/orgs/HQ/managers?format=pdf', 'format');
    await expect400('/api/orgs/HQ/managers?lang=fr', 'lang');
    await expect400(`/api/orgs/HQ/managers?q=${'x'.repeat(65)}`, 'q', /at most 64/);
  });

  it('sort columns come from an allow-list: unknown columns and SQL are refused', async () => {
    await expect400('/api/orgs/HQ/managers?sort=salary', 'sort');
    await expect400(`/api/orgs/HQ/managers?sort=${encodeURIComponent('profit_contribution; drop table mart_manager_period')}`, 'sort');
    await expect400(`/api/orgs/HQ/managers?sort=${encodeURIComponent('"manager_id"')}`, 'sort');
    await expect400('/api/orgs/HQ/benchmark?sort=manager_id', 'sort');
  });

  it('unknown and repeated parameters are refused by name', async () => {
    await expect400('/api/orgs/HQ/managers?pagesize=10', 'pagesize', /unknown/);
    await expect400('/api/orgs?debug=1', 'debug', /unknown/);
    await expect400('/api/orgs/HQ/managers?page=1&page=2', 'page', /more than once/);
  });

  it('ids in the path: malformed is 400; well-formed but absent is 404, worded like out-of-scope', async () => {
    await expect400(`/api/orgs/${encodeURIComponent("B1' or '1'='1")}/managers`, 'org_id', /letters, digits/);
    await expect400(`/api/clients/${encodeURIComponent('C1;drop table raw_clients')}`, 'client_id');
    await expect400(`/api/managers/${'M'.repeat(65)}`, 'manager_id', /at most 64/);
    const admin = await login(ctx.app, 'admin');
    const res = await ctx.app.request('/api/loads/abc/rejects', { headers: { cookie: admin } });
    expect(res.status).toBe(400);
    expect((await res.json()).invalid_params[0].name).toBe('load_id');
    const absent = await get('/api/managers/M9');
    expect(absent.status).toBe(404);
    expect((await absent.json()).detail).toBe('manager M9 not found');
  });

  it('a well-formed period the warehouse does not hold is a 404', async () => {
    const res = await get('/api/orgs/HQ/managers?period=2019-01');
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toBe('no figures for period 2019-01');
  });

  it('the warehouse is unchanged after all that', async () => {
    const [n] = await ctx.deps.reader.query<{ n: string }>(`select count(*)::varchar as n from raw_clients`);
    expect(n!.n).toBe('6');
  });
});

describe('unknown routes and methods, bodies', () => {
  it('answer with problems, never HTML or a stack', async () => {
    const a = await get('/api/nothing-here');
    expect(a.status).toBe(404);
    expect(a.headers.get('content-type')).toMatch(/problem\+json/);
    const b = await ctx.app.request('/api/orgs', { method: 'DELETE', headers: { cookie: head } });
    expect(b.status).toBe(404);
    expect(b.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('a malformed JSON login body is a 400 problem', async () => {
    const res = await ctx.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('a failing query is a 500 problem without details; the log has them', async () => {
    const broken = { ...ctx.deps, reader: { query: () => Promise.reject(new Error('IO Error: disk on fire')) } };
    const { createApp } = await import('../../api/app.ts');
    const app = createApp(broken);
    const admin = await login(app, 'admin'); // an admin's health reads the results
    const res = await app.request('/api/health', { headers: { cookie: admin } });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.detail).not.toMatch(/disk on fire/);
    expect(logged.some((l) => l.includes('disk on fire'))).toBe(true);
  });
});

/** RFC 4180 CSV (the writer's own quoting) into rows of strings. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('downloads equal the JSON', () => {
  const lists = ['/api/orgs/HQ/managers', '/api/orgs/HQ/benchmark', '/api/orgs/HQ/clients', '/api/orgs/B1/risk/turned-npl', '/api/managers/M1/clients'];
  for (const list of lists) {
    it(`${list}: CSV (zh and en headers) and XLSX hold the JSON's rows, in order`, async () => {
      const json = await (await get(`${list}?page_size=500`)).json();
      const keys: string[] = json.columns.map((c: { key: string }) => c.key);
      const kinds: string[] = json.columns.map((c: { kind: string }) => c.kind);
      // What a download shows of a JSON cell: a coded value as its label (line 'corporate' → 对公),
      // money at the fen ("150.000000" → "150.00"; the fixture's money has at most 2 decimals).
      // a count without trailing zeros ("2.000000" → "2").
      const shown = (k: string, j: number, v: unknown, lang: 'zh' | 'en'): string =>
        v === null ? ''
        : kinds[j] === 'money' ? String(v).replace(/^(-?\d+)\.(\d{2})0*$/, '$1.$2')
        : kinds[j] === 'count' && /^-?\d+\.\d+$/.test(String(v)) ? String(v).replace(/\.?0+$/, '')
        : String(valueLabel(k, v, lang));
      const csvRes = await get(`${list}?format=csv&lang=zh`);
      expect(csvRes.headers.get('content-type')).toMatch(/text\/csv/);
      expect(csvRes.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
      const bytes = new Uint8Array(await csvRes.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, for Excel
      const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes)); // (the decoder drops the BOM)
      // each download header opens with the JSON's label (then its unit: report/table.ts headerOf)
      const zh: string[] = json.columns.map((c: { label: { zh: string } }) => c.label.zh);
      expect(header!.map((h, j) => h.slice(0, zh[j]!.length))).toEqual(zh);
      expect(rows).toEqual(json.rows.map((r: Record<string, unknown>) => keys.map((k, j) => shown(k, j, r[k], 'zh'))));
      const en = parseCsv(await (await get(`${list}?format=csv&lang=en`)).text())[0];
      const enLabels: string[] = json.columns.map((c: { label: { en: string } }) => c.label.en);
      expect(en!.map((h, j) => h.slice(0, enLabels[j]!.length))).toEqual(enLabels);

      const xlsx = await get(`${list}?format=xlsx&lang=en`);
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const [book] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
      const sheet = book!.data;
      expect(sheet[0]).toEqual(en);
      expect(sheet.length - 1).toBe(json.rows.length);
      for (const [i, r] of (json.rows as Record<string, unknown>[]).entries()) {
        keys.forEach((k, j) => {
          const v = r[k];
          const cell = sheet[i + 1]![j];
          if (v === null) expect(cell ?? null).toBe(null);
          else if (typeof cell === 'number') expect(cell).toBe(Number(v)); // Excel holds doubles; CSV/JSON stay exact
          else expect(String(cell)).toBe(shown(k, j, v, 'en'));
        });
      }
    });
  }

  it('a download ignores paging: every matching row', async () => {
    const csv = await (await get('/api/orgs/HQ/managers?format=csv&page_size=1&page=2')).text();
    expect(parseCsv(csv)).toHaveLength(1 + 4);
  });
});
