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

describe('jixiao export entries', () => {
  it('writes every line of the period, oldest first, with who and the old and new values; --org limits it', async () => {
    const all = await jixiao(['export', 'entries', '--period', P, '--format', 'json', '--db', f.dbPath]);
    expect(all.code, all.err).toBe(0);
    const rows = JSON.parse(all.out) as Record<string, unknown>[];
    expect(rows.map((r) => [r.seq, r.manager_id, r.item_id, r.old_value, r.value, r.by_user])).toEqual([
      ['1', 'M1', 'customer_service', null, '2.50', 'sup_b1'],
      ['2', 'M1', 'integrity', null, '0.80', 'sup_b1'],
      ['3', 'M1', 'customer_service', '2.50', '3.00', 'pres_b1'],
    ]);
    const b2 = await jixiao(['export', 'entries', '--period', P, '--org', 'B2', '--format', 'json', '--db', f.dbPath]);
    expect(JSON.parse(b2.out)).toEqual([]);
  });
});
