// "No scheme in force" is said per node (issue 27, point 7): the fixture is built with the retail
// default scheme only (the corporate one removed), so the corporate managers M2 (S11) and M4 (S21)
// are scored by no scheme in 2026-03-ytd while the retail managers M1 (S11) and M3 (S12) are.
//   league of S21 (M4 only)        → no scheme in force;   league of B2 (S21 under it) → none either;
//   league of S11 (M1 and M2)      → in force (M1 is scored); league of HQ → in force;
//   card of M4 → not in force, with the reason;  card of M1 → in force.
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureForFile } from './fixture.ts';
import { configDir } from '../../warehouse/paths.ts';

// the configuration without the corporate default scheme
const config = mkdtempSync(join(tmpdir(), 'jixiao-config-'));
cpSync(configDir, config, { recursive: true });
rmSync(join(config, 'schemes', 'corporate_default.json'));
const bank = fixtureForFile({ configDir: config });
afterAll(() => rmSync(config, { recursive: true, force: true }));
const P = '2026-03-ytd';
const get = async (path: string) => (await bank.get(path)).json();

describe('no scheme in force, per node', () => {
  it('says so on the league of a subtree whose managers no scheme scores, not on the others', async () => {
    const scheme = async (org: string) => (await get(`/api/orgs/${org}/managers?period=${P}`)).meta.scheme;
    expect(await scheme('S21')).toMatchObject({ period: P, in_force: false });
    expect(await scheme('B2')).toMatchObject({ period: P, in_force: false });
    expect(await scheme('S11')).toMatchObject({ period: P, in_force: true });
    expect(await scheme('HQ')).toMatchObject({ period: P, in_force: true });
    // the unscored subtree's rows carry no score; the scored one's do
    const s21 = (await get(`/api/orgs/S21/managers?period=${P}`)).rows as Record<string, unknown>[];
    expect(s21.map((r) => r.total_score)).toEqual([null]);
    const s11 = (await get(`/api/orgs/S11/managers?period=${P}`)).rows as Record<string, unknown>[];
    expect(s11.find((r) => r.manager_id === 'M1')!.total_score).not.toBeNull();
  });

  it('says so on the card of a manager no scheme scores, with the reason, and not on a scored one', async () => {
    const m4 = await get(`/api/managers/M4?period=${P}`);
    expect(m4.scheme).toMatchObject({ period: P, in_force: false });
    expect(typeof m4.scheme.reason).toBe('string');
    expect(m4.scorecard).toBeNull();
    const m1 = await get(`/api/managers/M1?period=${P}`);
    expect(m1.scheme).toMatchObject({ period: P, in_force: true });
    expect(m1.scorecard).not.toBeNull();
  });
});
