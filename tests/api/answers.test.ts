// The answer cache (api/answers.ts): kept answers are the very text a fresh answer has, bounded by
// entries and characters, never kept for errors or downloads, and never handed to a user who is no
// longer let in. (That one user's answer never reaches another: the access matrix runs with it on.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AnswerCache } from '../../api/answers.ts';
import { UserStore } from '../../warehouse/users.ts';
import { createFixture, fixtureApp, login, removeFixture, type Fixture } from './fixture.ts';

describe('AnswerCache', () => {
  it('evicts the least recently used beyond its entries', () => {
    const c = new AnswerCache(2, 1000);
    c.set('a', '"A"');
    c.set('b', '"B"');
    expect(c.get('a')).toBe('"A"'); // a is now the most recent
    c.set('c', '"C"');
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('"A"');
    expect(c.get('c')).toBe('"C"');
    expect([c.hits, c.misses]).toEqual([3, 1]);
  });

  it('keeps at most its characters, and no answer over an eighth of them', () => {
    const c = new AnswerCache(100, 80);
    c.set('big', 'x'.repeat(11)); // 11 > 80 / 8: not kept
    expect(c.get('big')).toBeUndefined();
    for (let i = 0; i < 10; i++) c.set(`k${i}`, 'y'.repeat(10)); // 10 × 10 = 100 > 80: the two oldest go
    expect(c.size).toBe(8);
    expect(c.get('k0')).toBeUndefined();
    expect(c.get('k1')).toBeUndefined();
    expect(c.get('k2')).toBe('y'.repeat(10));
    c.set('k2', 'z'); // replacing an entry counts its new length only: k3…k9 7 × 10 + k2 1 = 71
    c.set('k10', 'w'.repeat(10)); // 71 + 10 = 81 > 80 → the oldest, k3, goes: 71 in 8 entries
    expect(c.size).toBe(8);
    expect(c.get('k2')).toBe('z');
    expect(c.get('k3')).toBeUndefined();
  });

  it('refuses nonsensical bounds', () => {
    expect(() => new AnswerCache(0, 10)).toThrow(/entries/);
    expect(() => new AnswerCache(10, 0.5)).toThrow(/weight/);
  });
});

describe('answers kept by the server', () => {
  let f: Fixture;
  let ctx: Awaited<ReturnType<typeof fixtureApp>>;
  beforeAll(async () => {
    f = await createFixture();
    ctx = await fixtureApp(f, { cacheEntries: 100 });
  });
  afterAll(() => {
    ctx?.close();
    if (f) removeFixture(f);
  });

  it('a kept answer is the fresh answer, byte for byte, with the same headers', async () => {
    const cookie = await login(ctx.app, 'head');
    const fresh = await fixtureApp(f); // no caches
    try {
      const freshCookie = await login(fresh.app, 'head');
      for (const url of ['/api/orgs/B1/managers?period=2026-Q1', '/api/managers/M1?period=2026-03', '/api/orgs/HQ/benchmark']) {
        const expected = await fresh.app.request(url, { headers: { cookie: freshCookie } });
        const first = await ctx.app.request(url, { headers: { cookie } });
        const hitsBefore = ctx.deps.answers!.hits;
        const second = await ctx.app.request(url, { headers: { cookie } });
        expect(ctx.deps.answers!.hits, url).toBe(hitsBefore + 1);
        const text = await expected.text();
        expect(await first.text(), url).toBe(text);
        expect(await second.text(), url).toBe(text);
        for (const h of ['content-type', 'cache-control', 'x-content-type-options']) {
          expect(second.headers.get(h), `${url} ${h}`).toBe(expected.headers.get(h));
        }
      }
    } finally {
      fresh.close();
    }
  });

  it('keeps no error and no download', async () => {
    const cookie = await login(ctx.app, 'pres_b1');
    const a = ctx.deps.answers!;
    const sizeBefore = a.size;
    for (const url of ['/api/orgs/B2/managers', '/api/orgs/B1/managers?sort=nope', '/api/orgs/B1/managers?format=csv', '/api/orgs/B1/managers?format=xlsx']) {
      const first = await ctx.app.request(url, { headers: { cookie } });
      const second = await ctx.app.request(url, { headers: { cookie } });
      expect(second.status, url).toBe(first.status);
      expect(a.size, url).toBe(sizeBefore);
    }
  });

  it('a user disabled after an answer was kept gets 401, not the answer', async () => {
    const cookie = await login(ctx.app, 'pres_s21');
    const url = '/api/orgs/S21/managers';
    expect((await ctx.app.request(url, { headers: { cookie } })).status).toBe(200);
    expect((await ctx.app.request(url, { headers: { cookie } })).status).toBe(200);
    const store = new UserStore(join(f.dir, 'bank.users.json'));
    store.setDisabled('pres_s21', true);
    try {
      expect((await ctx.app.request(url, { headers: { cookie } })).status).toBe(401);
    } finally {
      store.setDisabled('pres_s21', false);
    }
  });
});
