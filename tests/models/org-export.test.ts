// `jixiao export org-scorecards` and `jixiao export target-cascade` on the fixture bank
// (tests/fixtures/models/bank.ts: HO → BR1 → SB1, SB2; months 2026-01…03; a 2026-Q1 profit target
// of 100,000 for SB1 and 50,000 for its manager M1; M1 59,117.50, M2 19,431.00 (SB1)).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedFixture } from './helpers.ts';
import { labelOf } from '../../report/labels.ts';

let dir: string;
let exportCli: Awaited<ReturnType<typeof publishedFixture>>['exportCli'];
beforeAll(async () => {
  ({ dir, exportCli } = await publishedFixture());
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function exported(...args: string[]): Promise<Record<string, unknown>[]> {
  const r = await exportCli(...args, '--format', 'json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>[];
}

describe('jixiao export org-scorecards', () => {
  it('one row per sub-branch card of the quarter\'s year to date, with grade and ranks', async () => {
    const rows = await exported('org-scorecards', '--period', '2026-Q1');
    expect(rows.map((r) => r.org_id).sort()).toEqual(['SB1', 'SB2']);
    for (const r of rows) {
      expect(r).toMatchObject({ period: '2026-03-ytd', level: 'sub_branch', scheme_id: 'sub_branch_default', sibling_count: 2, level_count: 2 });
      expect(['excellent', 'good', 'competent', 'unsatisfactory']).toContain(r.grade);
    }
    const csv = await exportCli('org-scorecards', '--period', '2026-Q1', '--org', 'SB2', '--lang', 'en');
    expect(csv.code).toBe(0);
    expect(csv.out.trim().split('\r\n')).toHaveLength(2);
  });

  it('refuses a period without cards, saying how scoring runs', async () => {
    const r = await exportCli('org-scorecards', '--period', '2026-02');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/no institution cards for 2026-02: scoring runs at quarter ends/);
  });
});

describe('jixiao export target-cascade', () => {
  it('each node\'s own, children\'s and managers\' targets and the gaps of a targets period', async () => {
    const rows = await exported('target-cascade', '--period', '2026-Q1');
    const by = Object.fromEntries(rows.map((r) => [r.org_id, r]));
    expect(Object.keys(by).sort()).toEqual(['BR1', 'HO', 'SB1', 'SB2']);
    // SB1 100,000 against its managers' 50,000 (M1 only): short by 50,000
    expect(by.SB1).toMatchObject({ metric: 'profit_contribution', own_target: 100000, managers_target: 50000, managers_gap: 50000, is_gap: 'true' });
    expect(by.HO).toMatchObject({ own_target: null, target: null });
    // in CSV the yes/no flags read as words in the chosen language
    for (const [lang, yes, no] of [['en', 'Yes', 'No'], ['zh', '是', '否']] as const) {
      const csv = await exportCli('target-cascade', '--period', '2026-Q1', '--format', 'csv', '--lang', lang);
      expect(csv.code, csv.err).toBe(0);
      const [header, ...lines] = csv.out.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
      const at = (key: string) => header!.indexOf(String(labelOf(key, lang)));
      const sb1 = lines.find((l) => l.includes('SB1'))!;
      expect([sb1[at('is_gap')], sb1[at('target_derived')]]).toEqual([yes, no]);
    }
    const r = await exportCli('target-cascade', '--period', '2025');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no rows for period 2025 \(periods: 2026-Q1\)/);
  });
});
