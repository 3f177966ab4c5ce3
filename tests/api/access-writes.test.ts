// The access matrix of the write routes (issue 21): every write route × every role × a manager in
// and one out of the caller's scope. Who may write: a supervisor or a branch president, for a
// manager of their subtree (an out-of-scope manager is a 404, as on every read); head office only
// where a scheme item names it (the default schemes do not: 403); a manager never, not even on
// their own card; a risk officer and an admin never. Then the file proves 0 writes out of scope.
//
// The fixture bank:  HQ ─┬─ B1 ─┬─ S11 (M1 retail, M2 corporate)
//                        │      └─ S12 (M3 retail)
//                        └─ B2 ─── S21 (M4 corporate)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createFixture, fixtureApp, login, removeFixture, type Fixture, type FixtureUser } from './fixture.ts';

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

const P = '2026-03-ytd';
/** [caller, manager in scope, its status, manager out of scope (404 where the role may write at all)]. */
const matrix: [FixtureUser, string, number, string, number][] = [
  ['head', 'M4', 403, 'NOPE', 404],
  ['pres_b1', 'M3', 200, 'M4', 404],
  ['pres_s21', 'M4', 200, 'M1', 404],
  ['sup_b1', 'M2', 200, 'M4', 404],
  ['sup_s21', 'M4', 200, 'M3', 404],
  ['risk_b1', 'M2', 403, 'M4', 403],
  ['mgr_m1', 'M1', 403, 'M2', 403],
  ['admin', 'M1', 403, 'M4', 403],
];

/** The write routes, each as a request for one manager. */
// Each caller enters its own value (−1, −2, …): an unchanged value is no change and writes no line.
const routes: { name: string; request: (managerId: string, note: string, points: number) => [string, unknown] }[] = [
  {
    name: 'POST /api/managers/{id}/scorecard/entries',
    request: (id, note, points) => [`/api/managers/${id}/scorecard/entries`, { period: P, entries: [{ item_id: 'compliance_breaches', points, note }] }],
  },
];

const written: { user: string; manager: string }[] = [];

describe('write routes × roles × scope', () => {
  for (const route of routes) {
    matrix.forEach(([user, inside, inStatus, outside, outStatus], k) => {
      it(`${route.name}: ${user} → ${inside} ${inStatus}, ${outside} ${outStatus}`, async () => {
        const cookie = await login(ctx.app, user);
        for (const [manager, status] of [[inside, inStatus], [outside, outStatus]] as const) {
          const [path, body] = route.request(manager, `${user} on ${manager}`, -(k + 1));
          const res = await ctx.app.request(path, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' },
            body: JSON.stringify(body),
          });
          expect(res.status, `${user} ${manager}: ${await res.clone().text()}`).toBe(status);
          if (status === 200) written.push({ user, manager });
        }
      });
    });
  }

  it('the entries file holds exactly the writes allowed: none out of scope', () => {
    const text = readFileSync(ctx.deps.entries.path, 'utf8').trim();
    const lines = text ? text.split('\n').map((l) => JSON.parse(l) as { by_user: string; manager_id: string; note: string }) : [];
    expect(lines.map((l) => ({ user: l.by_user, manager: l.manager_id }))).toEqual(written);
    expect(written).toEqual(routes.flatMap(() => matrix.filter((m) => m[2] === 200).map(([user, manager]) => ({ user, manager }))));
  });
});
