// The access matrix of the review cycle's write routes (issue 22): every write route × every role ×
// a subject in and one out of the caller's scope. Out of scope is a 404 (as on every read) for the
// roles that read scorecards; risk officers and admins have no scorecard area (403). In scope, the
// state machine and the route say who may: only the card's manager submits its 述职; a role of
// the approval chain (supervisor, branch president) records the talk; only the branch president
// of the org itself allocates its pool. Then the review file proves it holds exactly the writes
// allowed: none out of scope.
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
type Row = [FixtureUser, string, number, string, number];
const routes: { name: string; path: (subject: string) => string; body: (subject: string) => unknown; matrix: Row[] }[] = [
  {
    name: 'POST /api/managers/{id}/review (submit)',
    path: (id) => `/api/managers/${id}/review`,
    body: () => ({ period: P, action: 'submit', summary: '本季度工作总结', plans: '下季度计划' }),
    matrix: [
      ['head', 'M4', 403, 'NOPE', 404],
      ['pres_b1', 'M3', 403, 'M4', 404],
      ['pres_s21', 'M4', 403, 'M1', 404],
      ['sup_b1', 'M2', 403, 'M4', 404],
      ['sup_s21', 'M4', 403, 'M3', 404],
      ['risk_b1', 'M2', 403, 'M4', 403],
      ['mgr_m1', 'M1', 200, 'M2', 404],
      ['admin', 'M1', 403, 'M4', 403],
    ],
  },
  {
    name: 'POST /api/managers/{id}/review/talk',
    path: (id) => `/api/managers/${id}/review/talk`,
    body: () => ({ period: P, talk_date: '2026-04-08', participants: '主管、客户经理', notes: '谈话记录', agreed_actions: '改进措施' }),
    matrix: [
      ['head', 'M4', 403, 'NOPE', 404],
      ['pres_b1', 'M3', 200, 'M4', 404],
      ['pres_s21', 'M4', 200, 'M1', 404],
      ['sup_b1', 'M2', 200, 'M4', 404],
      ['sup_s21', 'M4', 200, 'M3', 404],
      ['risk_b1', 'M2', 403, 'M4', 403],
      ['mgr_m1', 'M1', 403, 'M2', 404],
      ['admin', 'M1', 403, 'M4', 403],
    ],
  },
  {
    name: 'POST /api/orgs/{org}/pool',
    path: (org) => `/api/orgs/${org}/pool`,
    body: (org) => ({ period: P, allocations: [{ manager_id: org === 'S21' ? 'M4' : 'M3', amount: '0.00', reason: '矩阵测试' }] }),
    matrix: [
      ['head', 'HQ', 403, 'NOPE', 404],
      ['pres_b1', 'B1', 200, 'B2', 404],
      ['pres_s21', 'S21', 200, 'B1', 404],
      ['sup_b1', 'B1', 403, 'B2', 404],
      ['sup_s21', 'S21', 403, 'S11', 404],
      ['risk_b1', 'B1', 403, 'B2', 403],
      ['mgr_m1', 'S11', 403, 'B1', 404],
      ['admin', 'B1', 403, 'B2', 403],
    ],
  },
];

const written: { user: string; subject: string }[] = [];

describe('review write routes × roles × scope', () => {
  for (const route of routes) {
    for (const [user, inside, inStatus, outside, outStatus] of route.matrix) {
      it(`${route.name}: ${user} → ${inside} ${inStatus}, ${outside} ${outStatus}`, async () => {
        const cookie = await login(ctx.app, user);
        for (const [subject, status] of [[inside, inStatus], [outside, outStatus]] as const) {
          const res = await ctx.app.request(route.path(subject), {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost', host: 'localhost' },
            body: JSON.stringify(route.body(subject)),
          });
          expect(res.status, `${user} ${subject}: ${await res.clone().text()}`).toBe(status);
          if (status === 200) written.push({ user, subject });
        }
      });
    }
  }

  it('the review file holds exactly the writes allowed: none out of scope', () => {
    const text = readFileSync(ctx.deps.reviews.path, 'utf8').trim();
    const lines = text ? text.split('\n').map((l) => JSON.parse(l) as { by_user: string; kind: string; manager_id: string; org_id: string | null }) : [];
    expect(lines.map((l) => ({ user: l.by_user, subject: l.kind === 'pool' ? l.org_id : l.manager_id }))).toEqual(written);
    // 1 submit + 4 talks + 2 pool allocations
    expect(written).toEqual(routes.flatMap((r) => r.matrix.filter((m) => m[2] === 200).map(([user, subject]) => ({ user, subject }))));
    expect(lines.length).toBe(7);
  });
});
