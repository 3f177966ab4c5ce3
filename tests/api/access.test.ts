// The access matrix: every role × every endpoint × an in-scope and an out-of-scope id, and every
// list checked to hold no row outside the caller's scope.
//
// The fixture bank:  HQ ─┬─ B1 ─┬─ S11 (M1: C1, C2, ½C6; M2: C3)
//                        │      └─ S12 (M3: C4, ½C6)
//                        └─ B2 ─── S21 (M4: C5)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, fixtureApp, login, removeFixture, type Fixture, type FixtureUser } from './fixture.ts';

let f: Fixture;

beforeAll(async () => {
  f = await createFixture();
});
afterAll(() => {
  if (f) removeFixture(f);
});

type Role = 'head' | 'pres_b1' | 'risk_b1' | 'mgr_m1' | 'admin';

/** What each user may see, worked out by hand from the tree above. */
const visible: Record<Role, { orgs: string[]; managers: string[]; clients: string[] }> = {
  head: { orgs: ['HQ', 'B1', 'B2', 'S11', 'S12', 'S21'], managers: ['M1', 'M2', 'M3', 'M4'], clients: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'] },
  pres_b1: { orgs: ['B1', 'S11', 'S12'], managers: ['M1', 'M2', 'M3'], clients: ['C1', 'C2', 'C3', 'C4', 'C6'] },
  risk_b1: { orgs: ['B1', 'S11', 'S12'], managers: ['M1', 'M2', 'M3'], clients: ['C1', 'C2', 'C3', 'C4', 'C6'] },
  mgr_m1: { orgs: ['S11'], managers: ['M1'], clients: ['C1', 'C2', 'C6'] },
  admin: { orgs: [], managers: [], clients: [] },
};

/** An id inside the scope and one outside (for head office, outside = unknown: the same 404). */
const ids: Record<Role, { org: [string, string]; manager: [string, string]; client: [string, string] }> = {
  head: { org: ['B2', 'NOPE'], manager: ['M4', 'NOPE'], client: ['C5', 'NOPE'] },
  pres_b1: { org: ['S12', 'B2'], manager: ['M3', 'M4'], client: ['C4', 'C5'] },
  risk_b1: { org: ['S11', 'HQ'], manager: ['M2', 'M4'], client: ['C3', 'C5'] },
  // A manager: the other manager of the same sub-branch, and a client of that manager, are out.
  mgr_m1: { org: ['S11', 'B1'], manager: ['M1', 'M2'], client: ['C6', 'C3'] },
  admin: { org: ['HQ', 'NOPE'], manager: ['M1', 'NOPE'], client: ['C1', 'NOPE'] },
};

type Endpoint = { path: string; area: string; id?: 'org' | 'manager' | 'client' | 'load' };
const endpoints: Endpoint[] = [
  { path: '/api/orgs', area: 'org' },
  { path: '/api/periods', area: 'org' },
  { path: '/api/orgs/{org}', area: 'institutions', id: 'org' },
  { path: '/api/orgs/{org}/benchmark', area: 'institutions', id: 'org' },
  { path: '/api/orgs/{org}/peers', area: 'institutions', id: 'org' },
  { path: '/api/orgs/{org}/managers', area: 'performance', id: 'org' },
  { path: '/api/orgs/{org}/scorecards', area: 'institutions', id: 'org' },
  { path: '/api/orgs/{org}/scorecard', area: 'institutions', id: 'org' },
  { path: '/api/orgs/{org}/target-cascade', area: 'institutions', id: 'org' },
  { path: '/api/orgs/{org}/process', area: 'process', id: 'org' },
  { path: '/api/orgs/{org}/risk/turned-npl', area: 'risk', id: 'org' },
  { path: '/api/orgs/{org}/risk/loans', area: 'risk', id: 'org' },
  { path: '/api/orgs/{org}/risk/warnings', area: 'risk', id: 'org' },
  { path: '/api/orgs/{org}/risk/migration', area: 'risk', id: 'org' },
  { path: '/api/orgs/{org}/risk/vintage', area: 'risk', id: 'org' },
  { path: '/api/orgs/{org}/risk/migration/loans?period=2026-02', area: 'risk', id: 'org' },
  { path: '/api/orgs/{org}/risk/vintage/loans?origination_quarter=2025-Q2', area: 'risk', id: 'org' },
  { path: '/api/orgs/{org}/risk/institutions', area: 'risk-institutions', id: 'org' },
  { path: '/api/orgs/{org}/clients', area: 'clients', id: 'org' },
  { path: '/api/managers/{manager}', area: 'performance', id: 'manager' },
  { path: '/api/managers/{manager}/clients', area: 'clients', id: 'manager' },
  { path: '/api/managers/{manager}/portfolio', area: 'clients', id: 'manager' },
  { path: '/api/clients/{client}', area: 'clients', id: 'client' },
  { path: '/api/loads', area: 'loads' },
  { path: '/api/loads/{load}/rejects', area: 'loads', id: 'load' },
  { path: '/api/ledgers', area: 'org' },
  { path: '/api/currency', area: 'org' },
  { path: '/api/warnings', area: 'warnings' },
];

// risk-institutions: the risk area, but org-level figures, so not for a manager.
const areas: Record<Role, string[]> = {
  head: ['org', 'institutions', 'performance', 'process', 'risk', 'risk-institutions', 'clients', 'warnings'],
  pres_b1: ['org', 'institutions', 'performance', 'process', 'risk', 'risk-institutions', 'clients'],
  risk_b1: ['org', 'risk', 'risk-institutions', 'clients'],
  mgr_m1: ['org', 'performance', 'process', 'risk', 'clients'],
  admin: ['loads', 'warnings'],
};

// Twice: as the server answers afresh, and with its answer cache on (api/answers.ts), where every
// request is sent twice so the second answer is the kept one — and one user's kept answer must never
// reach another (the roles run in order: head office first, whose answers a branch president's
// out-of-scope requests would otherwise find).
for (const cached of [false, true]) {
  describe(cached ? 'with the answer cache, each request answered from it the second time' : 'answered afresh', () => {
    let ctx: Awaited<ReturnType<typeof fixtureApp>>;
    const cookies = {} as Record<FixtureUser, string>;
    beforeAll(async () => {
      ctx = await fixtureApp(f, { cacheEntries: cached ? 5000 : 0 });
      for (const u of ['head', 'pres_b1', 'risk_b1', 'mgr_m1', 'admin'] as const) cookies[u] = await login(ctx.app, u);
    });
    afterAll(() => ctx?.close());

    const get = async (path: string, user: Role) => {
      const send = () => ctx.app.request(path, { headers: { cookie: cookies[user] } });
      if (cached) await (await send()).arrayBuffer();
      return send();
    };

    describe('access matrix', () => {
      for (const role of Object.keys(areas) as Role[]) {
        for (const ep of endpoints) {
          const granted = areas[role].includes(ep.area);
          if (!ep.id) {
            it(`${role} ${ep.path} → ${granted ? 200 : 403}`, async () => {
              expect((await get(ep.path, role)).status).toBe(granted ? 200 : 403);
            });
            continue;
          }
          const [inside, outside] = ep.id === 'load' ? ['1', '999'] : ids[role][ep.id];
          it(`${role} ${ep.path}: ${inside} → ${granted ? 200 : 403}, ${outside} → ${granted ? 404 : 403}`, async () => {
            const a = await get(ep.path.replace(/\{\w+\}/, inside), role);
            const b = await get(ep.path.replace(/\{\w+\}/, outside), role);
            expect(a.status).toBe(granted ? 200 : 403);
            expect(b.status).toBe(granted ? 404 : 403);
            // The 404 gives no hint the id exists: the same words as for an unknown id.
            if (granted) expect((await b.json()).detail).toBe(`${ep.id} ${outside} not found`);
          });
        }
      }
    });

    describe('lists hold no out-of-scope row', () => {
      const lists = [
        '/api/orgs/{org}/managers',
        '/api/orgs/{org}/process',
        '/api/orgs/{org}/risk/turned-npl',
        '/api/orgs/{org}/risk/turned-npl?by=originating',
        '/api/orgs/{org}/risk/loans?period=2026-02',
        '/api/orgs/{org}/risk/loans?period=2026-02&by=originating',
        '/api/orgs/{org}/risk/warnings?period=2026-Q1',
        '/api/orgs/{org}/risk/migration/loans?period=2026-02',
        '/api/orgs/{org}/risk/vintage/loans?origination_quarter=2025-Q2',
        '/api/orgs/{org}/risk/institutions',
        '/api/orgs/{org}/clients',
        '/api/orgs/{org}/benchmark',
        '/api/orgs/{org}/scorecards',
        '/api/orgs/{org}/target-cascade',
        '/api/orgs/{org}/peers',
      ];
      for (const role of ['head', 'pres_b1', 'risk_b1', 'mgr_m1'] as const) {
        it(`${role}: the org tree is exactly the visible subtree`, async () => {
          const rows = (await (await get('/api/orgs', role)).json()).rows as { org_id: string }[];
          expect(rows.map((r) => r.org_id).sort()).toEqual([...visible[role].orgs].sort());
        });
        for (const list of lists) {
          it(`${role} ${list} (at the top of their scope, every page size)`, async () => {
            const top = role === 'head' ? 'HQ' : role === 'mgr_m1' ? 'S11' : 'B1';
            const url = list.replace('{org}', top);
            const res = await get(`${url}${url.includes('?') ? '&' : '?'}page_size=500`, role);
            if (res.status === 403) return; // the area is not theirs: covered by the matrix above
            expect(res.status).toBe(200);
            const rows = (await res.json()).rows as Record<string, string>[];
            for (const r of rows) {
              if (r.manager_id) expect(visible[role].managers).toContain(r.manager_id);
              if (r.client_id) expect(visible[role].clients).toContain(r.client_id);
              if (r.org_id && !list.endsWith('clients')) expect(visible[role].orgs).toContain(r.org_id);
              if (r.holder_org_id) expect(visible[role].orgs).toContain(r.holder_org_id);
            }
          });
        }
        it(`${role}: every manager they may see and no other appears in their league or turned-NPL list`, async () => {
          const top = role === 'head' ? 'HQ' : role === 'mgr_m1' ? 'S11' : 'B1';
          const res = await get(`/api/orgs/${top}/risk/turned-npl?page_size=500`, role);
          const ids = ((await res.json()).rows as { manager_id: string }[]).map((r) => r.manager_id).sort();
          expect(ids).toEqual([...visible[role].managers].sort());
        });
      }

      it('the lists above are not vacuous: head office sees rows in every one', async () => {
        for (const list of lists) {
          const url = list.replace('{org}', 'HQ');
          const body = await (await get(`${url}${url.includes('?') ? '&' : '?'}page_size=500`, 'head')).json();
          expect(body.rows.length, url).toBeGreaterThan(0);
        }
      });

      it('a manager’s org clients list holds only their own clients', async () => {
        const rows = (await (await get('/api/orgs/S11/clients?page_size=500', 'mgr_m1')).json()).rows as { client_id: string }[];
        expect(rows.map((r) => r.client_id).sort()).toEqual(['C1', 'C2', 'C6']);
      });

      it('downloads are scoped like the JSON', async () => {
        const csv = await (await get('/api/orgs/S11/managers?format=csv', 'mgr_m1')).text();
        const lines = csv.trim().split('\r\n');
        expect(lines).toHaveLength(2); // header + M1 only
        expect(lines[1]).toMatch(/^M1,/);
      });
    });

    describe('/api/auth/me', () => {
      it('tells each user where their views start', async () => {
        const home = async (u: Role) => (await (await get('/api/auth/me', u)).json()).home_org_id;
        expect(await home('head')).toBe('HQ');
        expect(await home('pres_b1')).toBe('B1');
        expect(await home('mgr_m1')).toBe('S11');
        expect(await home('admin')).toBe(null);
      });
    });

    if (cached) {
      it('the answers above came from the cache (the suite is not vacuous)', () => {
        expect(ctx.deps.answers!.hits).toBeGreaterThan(100);
      });
    }
  });
}
