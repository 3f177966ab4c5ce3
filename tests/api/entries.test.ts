// Entering what people judge (issue 21) through the API: a supervisor enters a manual indicator
// and a rated trait on a retail card, the card's total changes at once (no rebuild), the manager
// sees the entries and who made them; bad values, a foreign origin and a missing card are refused
// with the field named and nothing written; the card's history lists every change.
//
// The fixture is built with the retail default scheme's qualitative block switched on and the
// quantitative rows taken to 80 % (config/schemes/README.md says so): 15 → 12, 10 → 8, 5 → 4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFixture, fixtureApp, login, removeFixture, type Fixture, type FixtureUser } from './fixture.ts';
import { configDir } from '../../warehouse/paths.ts';
import { jixiao } from './processes.ts';
import { readSheet } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';

let f: Fixture;
let ctx: Awaited<ReturnType<typeof fixtureApp>>;
let config: string;
const P = '2026-03-ytd';
const origin = 'http://localhost';

beforeAll(async () => {
  config = mkdtempSync(join(tmpdir(), 'jixiao-config-'));
  cpSync(configDir, config, { recursive: true });
  const file = join(config, 'schemes', 'retail_default.json');
  const scheme = JSON.parse(readFileSync(file, 'utf8'));
  scheme.qualitative.enabled = true;
  for (const i of scheme.indicators) i.weight = i.weight * 0.8;
  writeFileSync(file, JSON.stringify(scheme));
  f = await createFixture({ configDir: config });
  ctx = await fixtureApp(f);
});
afterAll(() => {
  ctx?.close();
  if (f) removeFixture(f);
  if (config) rmSync(config, { recursive: true, force: true });
});

const cookies = new Map<string, string>();
async function as(user: FixtureUser) {
  if (!cookies.has(user)) cookies.set(user, await login(ctx.app, user));
  return cookies.get(user)!;
}
async function get(user: FixtureUser, path: string) {
  return ctx.app.request(path, { headers: { cookie: await as(user) } });
}
async function post(user: FixtureUser, path: string, body: unknown, headers: Record<string, string> = { origin }) {
  return ctx.app.request(path, { method: 'POST', headers: { cookie: await as(user), 'content-type': 'application/json', host: 'localhost', ...headers }, body: JSON.stringify(body) });
}
const size = () => statSync(ctx.deps.entries.path).size;
const card = async (user: FixtureUser, id = 'M1') => ((await (await get(user, `/api/managers/${id}?period=${P}`)).json()) as { scorecard: { card: Record<string, unknown>; indicators: Record<string, unknown>[]; pay: Record<string, unknown> } }).scorecard;

describe('a supervisor enters, the manager sees', () => {
  let before: Record<string, unknown>;

  it('the card has the manual indicators, not entered, and the supervisor may enter them; the manager may not', async () => {
    const c = await card('sup_b1');
    before = c.card;
    const service = c.indicators.find((i) => i.indicator_id === 'customer_service')!;
    expect([service.formula, service.points, service.note]).toEqual(['manual', '0.00', 'not_entered']);
    const forSup = (await (await get('sup_b1', `/api/managers/M1/scorecard/entries?period=${P}`)).json()) as { enterable: { item_id: string }[] };
    expect(forSup.enterable.map((i) => i.item_id)).toContain('customer_service');
    expect(forSup.enterable.map((i) => i.item_id)).toContain('verified_complaints');
    const forMgr = (await (await get('mgr_m1', `/api/managers/M1/scorecard/entries?period=${P}`)).json()) as { enterable: unknown[] };
    expect(forMgr.enterable).toEqual([]);
  });

  it('enters a score and a rating with a note: the total moves by their points at once', async () => {
    const res = await post('sup_b1', '/api/managers/M1/scorecard/entries', {
      period: P,
      entries: [
        { item_id: 'customer_service', points: 2.5, note: '客户回访满意' },
        { item_id: 'integrity', rating: 'good', note: '诚信良好' },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { written: number; scorecard: { card: Record<string, unknown> } };
    expect(body.written).toBe(2);
    // 2.50 + the rating good = 0.80: the total rises by 3.30, in the answer and on the page
    const total = (x: Record<string, unknown>) => Math.round(Number(x.total_score) * 100);
    expect(total(body.scorecard.card) - total(before)).toBe(330);
    expect(total((await card('head')).card) - total(before)).toBe(330);
  });

  it('the manager sees the entries, who made them and when', async () => {
    const res = await get('mgr_m1', `/api/managers/M1/scorecard/entries?period=${P}`);
    const { entries } = (await res.json()) as { entries: Record<string, unknown>[] };
    const service = entries.find((e) => e.item_id === 'customer_service')!;
    expect(service).toMatchObject({ source: 'card', value: '2.50', old_value: null, note: '客户回访满意', by_user: 'sup_b1', by_name: '一分行主管', by_role: 'supervisor', label_zh: '客户服务' });
    expect(entries.find((e) => e.item_id === 'integrity')).toMatchObject({ value: '0.80', rating: 'good' });
    const page = await card('mgr_m1');
    expect(page.indicators.find((i) => i.indicator_id === 'customer_service')).toMatchObject({ points: '2.50', note: 'entered' });
  });

  it('a change is a new line with the old value; the history lists both, and downloads', async () => {
    expect((await post('pres_b1', '/api/managers/M1/scorecard/entries', { period: P, entries: [{ item_id: 'customer_service', points: '3', note: '复核后调整' }] })).status).toBe(200);
    const res = await get('mgr_m1', `/api/managers/M1/scorecard/history?period=${P}`);
    const { rows } = (await res.json()) as { rows: Record<string, unknown>[] };
    expect(rows.filter((r) => r.item_id === 'customer_service').map((r) => [r.old_value, r.value, r.by_user, r.note])).toEqual([
      [null, '2.50', 'sup_b1', '客户回访满意'],
      ['2.50', '3.00', 'pres_b1', '复核后调整'],
    ]);
    const csv = await get('mgr_m1', `/api/managers/M1/scorecard/history?period=${P}&format=csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('录入人');
    expect(text).toContain('复核后调整');
  });
});

describe('refused, and nothing written', () => {
  const cases: [string, unknown, number, string][] = [
    ['above the weight', { period: P, entries: [{ item_id: 'customer_service', points: 3.5, note: 'x' }] }, 400, 'entries.0.points'],
    ['three decimals', { period: P, entries: [{ item_id: 'customer_service', points: '1.005', note: 'x' }] }, 400, 'entries.0.points'],
    ['an item the scheme does not have', { period: P, entries: [{ item_id: 'new_clients', points: 1, note: 'x' }] }, 400, 'entries.0.item_id'],
    ['a quantitative indicator', { period: P, entries: [{ item_id: 'net_deposit_increase', points: 1, note: 'x' }] }, 400, 'entries.0.item_id'],
    ['a rating not on the scale', { period: P, entries: [{ item_id: 'integrity', rating: 'superb', note: 'x' }] }, 400, 'entries.0.rating'],
    ['a bonus above its max', { period: P, entries: [{ item_id: 'market_research_reports', points: 7, note: 'x' }] }, 400, 'entries.0.points'],
    ['a deduction above zero', { period: P, entries: [{ item_id: 'verified_complaints', points: 5, note: 'x' }] }, 400, 'entries.0.points'],
    ['no note', { period: P, entries: [{ item_id: 'customer_service', points: 1, note: ' ' }] }, 400, 'entries.0.note'],
    ['a month, not a scoring period', { period: '2026-03', entries: [{ item_id: 'customer_service', points: 1, note: 'x' }] }, 400, 'period'],
    ['one good row and one bad', { period: P, entries: [{ item_id: 'ethics', points: 1, note: 'ok' }, { item_id: 'teamwork', points: 9, note: 'x' }] }, 400, 'entries.1.points'],
  ];
  for (const [what, body, status, field] of cases) {
    it(`${what}: ${status} naming ${field}`, async () => {
      const at = size();
      const res = await post('sup_b1', '/api/managers/M1/scorecard/entries', body);
      expect(res.status).toBe(status);
      const problem = (await res.json()) as { invalid_params?: { name: string }[] };
      expect(problem.invalid_params?.map((p) => p.name)).toContain(field);
      expect(size()).toBe(at);
    });
  }

  it('another origin, or none: 403 (CSRF), nothing written', async () => {
    const at = size();
    const body = { period: P, entries: [{ item_id: 'customer_service', points: 1, note: 'x' }] };
    expect((await post('sup_b1', '/api/managers/M1/scorecard/entries', body, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('sup_b1', '/api/managers/M1/scorecard/entries', body, {})).status).toBe(403);
    expect(size()).toBe(at);
  });

  it('the file is 0600 and holds one JSON line per change', () => {
    expect(statSync(ctx.deps.entries.path).mode & 0o777).toBe(0o600);
    const lines = readFileSync(ctx.deps.entries.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3]);
  });
});

describe('the batch grid and its Excel template', () => {
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const upload = async (rows: (string | number | null)[][]) => {
    const data = rows.map((r) => r.map((v) => (v === null ? null : { value: v, type: typeof v === 'number' ? Number : String })));
    const body = new Uint8Array((await writeExcelFile(data as never).toBuffer()) as Buffer);
    return ctx.app.request(`/api/orgs/B1/scorecard-entries/upload?period=${P}`, { method: 'POST', headers: { cookie: await as('sup_b1'), 'content-type': xlsx, origin, host: 'localhost' }, body });
  };
  let head: string[] = [];

  it('lists the managers of the node × items with the values in force, and downloads them as the template', async () => {
    const res = await get('sup_b1', `/api/orgs/B1/scorecard-entries?period=${P}`);
    const grid = (await res.json()) as { rows: { manager_id: string; values: Record<string, { value: string } | null> }[]; enterable: string[] };
    // B1's managers with a card: M1, M2 (S11), M3 (S12); M1's customer service as entered above
    expect(grid.rows.map((r) => r.manager_id)).toEqual(['M1', 'M2', 'M3']);
    expect(grid.rows[0]!.values.customer_service?.value).toBe('3.00');
    expect(grid.enterable).toContain('integrity');
    const file = await get('sup_b1', `/api/orgs/B1/scorecard-entries?period=${P}&format=xlsx`);
    expect(file.headers.get('content-type')).toBe(xlsx);
    const sheet = await readSheet(Buffer.from(await file.arrayBuffer()));
    head = sheet[0]!.map(String);
    expect(head[0]).toBe('客户经理号 [manager_id]');
    expect(head).toContain('客户服务 [customer_service]');
    expect(head.at(-1)).toBe('说明 [note]');
    expect(sheet.slice(1).map((r) => r[0])).toEqual(['M1', 'M2', 'M3']);
    expect(sheet[1]![head.indexOf('客户服务 [customer_service]')]).toBe(3);
  });

  it('an upload with one bad row writes nothing and names the row and the column', async () => {
    const at = size();
    const res = await upload([
      ['客户经理号 [manager_id]', '客户服务 [customer_service]', '诚信意识 [integrity]', '说明 [note]'],
      ['M3', 1.5, 'excellent', '年中评议'],
      ['M1', 9, null, '年中评议'], // customer service takes 0–3
      ['M4', 1, null, '年中评议'], // another branch's manager
    ]);
    expect(res.status).toBe(400);
    const names = ((await res.json()) as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name);
    expect(names).toEqual(['row 4, column [manager_id]', 'row 3, column 客户服务 [customer_service].points']);
    expect(size()).toBe(at);
  });

  it('the corrected template loads whole: each cell a line, source upload; the cards move', async () => {
    const before = Number((await card('head', 'M3')).card.total_score);
    const res = await upload([
      ['客户经理号 [manager_id]', '客户服务 [customer_service]', '诚信意识 [integrity]', '说明 [note]'],
      ['M3', 1.5, 'excellent', '年中评议'],
      ['M1', 2, null, '年中评议'],
    ]);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { written: number }).written).toBe(3);
    // M3: + 1.50 + 1 (优) = + 2.50
    expect(Math.round((Number((await card('head', 'M3')).card.total_score) - before) * 100)).toBe(250);
    const history = (await (await get('head', `/api/managers/M3/scorecard/history?period=${P}`)).json()) as { rows: { source: string; item_id: string; value: string }[] };
    expect(history.rows.filter((r) => r.source === 'upload').map((r) => [r.item_id, r.value])).toEqual([['customer_service', '1.50'], ['integrity', '1.00']]);
  });

  it('the grid writes JSON rows too, all or none', async () => {
    const at = size();
    const bad = await post('sup_b1', '/api/orgs/B1/scorecard-entries', { period: P, rows: [{ manager_id: 'M3', item_id: 'ethics', points: 1, note: 'ok' }, { manager_id: 'M4', item_id: 'ethics', points: 1, note: 'x' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toEqual(['rows.1.manager_id']);
    expect(size()).toBe(at);
    const ok = await post('sup_b1', '/api/orgs/B1/scorecard-entries', { period: P, rows: [{ manager_id: 'M3', item_id: 'ethics', points: 1, note: 'ok' }] });
    expect(ok.status).toBe(200);
  });
});

describe('jixiao export entries', () => {
  it('writes every line of the period, oldest first, with who and the old and new values; --org limits it', async () => {
    const all = await jixiao(['export', 'entries', '--period', P, '--format', 'json', '--db', f.dbPath]);
    expect(all.code, all.err).toBe(0);
    const rows = JSON.parse(all.out) as Record<string, unknown>[];
    expect(rows.map((r) => [r.seq, r.manager_id, r.item_id, r.old_value, r.value, r.by_user])).toEqual([
      ['1', 'M1', 'customer_service', null, '2.50', 'sup_b1'],
      ['2', 'M1', 'integrity', null, '0.80', 'sup_b1'],
      ['3', 'M1', 'customer_service', '2.50', '3.00', 'pres_b1'],
      ['4', 'M3', 'customer_service', null, '1.50', 'sup_b1'],
      ['5', 'M3', 'integrity', null, '1.00', 'sup_b1'],
      ['6', 'M1', 'customer_service', '3.00', '2.00', 'sup_b1'],
      ['7', 'M3', 'ethics', null, '1.00', 'sup_b1'],
    ]);
    const b2 = await jixiao(['export', 'entries', '--period', P, '--org', 'B2', '--format', 'json', '--db', f.dbPath]);
    expect(JSON.parse(b2.out)).toEqual([]);
  });
});
