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
import writeExcelFile from 'write-excel-file/node';
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
const orgOf: Record<string, string> = { M1: 'S11', M2: 'S11', M3: 'S12', M4: 'S21', NOPE: 'NOPE' };
const json = (body: unknown) => ({ body: JSON.stringify(body), type: 'application/json' });
/** A filled entry template (the grid's Excel download, as a user returns it). */
async function template(managerId: string, note: string, points: number) {
  const cell = (value: string | number) => ({ value, type: typeof value === 'number' ? Number : String });
  const data = [
    [cell('客户经理号 [manager_id]'), cell('合规 [compliance_breaches]'), cell('说明 [note]')],
    [cell(managerId), cell(points), cell(note)],
  ];
  return { body: new Uint8Array((await writeExcelFile(data as never).toBuffer()) as Buffer), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

// Each caller enters its own value on each route (−1, −2, …; −11, … on the next route): an
// unchanged value is no change and writes no line.
const routes: { name: string; request: (managerId: string, note: string, points: number) => Promise<[string, { body: BodyInit; type: string }]> }[] = [
  {
    name: 'POST /api/managers/{id}/scorecard/entries',
    request: async (id, note, points) => [`/api/managers/${id}/scorecard/entries`, json({ period: P, entries: [{ item_id: 'compliance_breaches', points, note }] })],
  },
  {
    name: 'POST /api/orgs/{org}/scorecard-entries',
    request: async (id, note, points) => [`/api/orgs/${orgOf[id]}/scorecard-entries`, json({ period: P, rows: [{ manager_id: id, item_id: 'compliance_breaches', points: points - 10, note }] })],
  },
  {
    name: 'POST /api/orgs/{org}/scorecard-entries/upload',
    request: async (id, note, points) => [`/api/orgs/${orgOf[id]}/scorecard-entries/upload?period=${P}`, await template(id, note, points - 20)],
  },
];

const written: { user: string; manager: string }[] = [];

describe('write routes × roles × scope', () => {
  for (const route of routes) {
    matrix.forEach(([user, inside, inStatus, outside, outStatus], k) => {
      it(`${route.name}: ${user} → ${inside} ${inStatus}, ${outside} ${outStatus}`, async () => {
        const cookie = await login(ctx.app, user);
        for (const [manager, status] of [[inside, inStatus], [outside, outStatus]] as const) {
          const [path, { body, type }] = await route.request(manager, `${user} on ${manager}`, -(k + 1));
          const res = await ctx.app.request(path, {
            method: 'POST',
            headers: { cookie, 'content-type': type, origin: 'http://localhost', host: 'localhost' },
            body,
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
    expect(lines.length).toBe(12); // 4 allowed callers × 3 routes
  });
});
