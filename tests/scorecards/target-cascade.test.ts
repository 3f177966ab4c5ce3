// The target cascade by hand (config/targets.json: distribution base_share, gap tolerance 1 %):
// the 2026 profit-contribution targets of a small tree, one derived split and one gap.
//
//   HO   1,000                       children BR1 600 + BR2 400 = 1,000: no gap
//   ├ BR1  600                       children 300 + 100 + 200 = 600: no gap
//   │ ├ SB11 300 (own)               manager M1 300
//   │ ├ SB12 — derived 100.00        (600 − 300) × base 1,000 / (1,000 + 2,000); manager M2 100
//   │ └ SB13 — derived 200.00        (600 − 300) × 2,000 / 3,000; manager M3 200
//   └ BR2  400                       child SB21 300 only: short by 100 (25 % > 1 %): THE GAP
//     └ SB21 300 (own)               manager M4 300
// Bases: each node's 2025 actual (the same period a year earlier; 2026 is not loaded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBank, defaultSchemes, failedChecks, type Bank, type Built } from './fixture.ts';
import { projectRoot } from '../../warehouse/paths.ts';
import { discoverWarnings } from '../../warehouse/models.ts';

const warningSql = readFileSync(join(projectRoot, 'sql', 'warnings', 'target_cascade_gaps.sql'), 'utf8');

const bank: Bank = {
  orgs: [
    { org_id: 'HO', parent_id: null, level: 'head_office' },
    { org_id: 'BR1', parent_id: 'HO', level: 'tier1_branch' },
    { org_id: 'BR2', parent_id: 'HO', level: 'tier1_branch' },
    { org_id: 'SB11', parent_id: 'BR1', level: 'sub_branch' },
    { org_id: 'SB12', parent_id: 'BR1', level: 'sub_branch' },
    { org_id: 'SB13', parent_id: 'BR1', level: 'sub_branch' },
    { org_id: 'SB21', parent_id: 'BR2', level: 'sub_branch' },
  ],
  managers: [
    { manager_id: 'M1', org_id: 'SB11', line: 'retail' },
    { manager_id: 'M2', org_id: 'SB12', line: 'retail' },
    { manager_id: 'M3', org_id: 'SB13', line: 'retail' },
    { manager_id: 'M4', org_id: 'SB21', line: 'retail' },
  ],
  metrics: [],
  orgMetrics: [
    { period: '2025', org_id: 'SB11', metric: 'profit_contribution', actual: 5_000 },
    { period: '2025', org_id: 'SB12', metric: 'profit_contribution', actual: 1_000 },
    { period: '2025', org_id: 'SB13', metric: 'profit_contribution', actual: 2_000 },
    { period: '2025', org_id: 'SB21', metric: 'profit_contribution', actual: 3_000 },
  ],
  orgTargets: [
    ['HO', 1_000],
    ['BR1', 600],
    ['BR2', 400],
    ['SB11', 300],
    ['SB21', 300],
  ].map(([org_id, target_value]) => ({ year: 2026, period: 'Y', org_id: org_id as string, metric: 'profit_contribution', target_value: target_value as number })),
  targets: [
    ['M1', 300],
    ['M2', 100],
    ['M3', 200],
    ['M4', 300],
  ].map(([manager_id, target_value]) => ({ year: 2026, period: 'Y', manager_id: manager_id as string, metric: 'profit_contribution', target_value: target_value as number })),
};

let b: Built;
beforeAll(async () => {
  b = await buildBank(bank);
});
afterAll(() => b?.close());

describe('target cascade', () => {
  it('splits a parent\'s target to the children without one by their share of the base, marked derived', async () => {
    const rows = await b.rows(
      `select org_id, own_target::varchar as own, derived_target::varchar as derived, target::varchar as target, target_derived,
         child_count as children, children_target::varchar as children_target, children_gap::varchar as children_gap,
         managers_target::varchar as managers_target, managers_gap::varchar as managers_gap, is_gap
       from mart_target_cascade where period = '2026' and metric = 'profit_contribution' order by org_id`,
    );
    expect(rows).toEqual([
      { org_id: 'BR1', own: '600.000000', derived: null, target: '600.000000', target_derived: false, children: 3,
        children_target: '600.000000', children_gap: '0.000000', managers_target: '600.000000', managers_gap: '0.000000', is_gap: false },
      // the gap: 400 − 300 = 100 carried by nobody below BR2 (the managers' 300 fall short too)
      { org_id: 'BR2', own: '400.000000', derived: null, target: '400.000000', target_derived: false, children: 1,
        children_target: '300.000000', children_gap: '100.000000', managers_target: '300.000000', managers_gap: '100.000000', is_gap: true },
      { org_id: 'HO', own: '1000.000000', derived: null, target: '1000.000000', target_derived: false, children: 2,
        children_target: '1000.000000', children_gap: '0.000000', managers_target: '900.000000', managers_gap: '100.000000', is_gap: false },
      { org_id: 'SB11', own: '300.000000', derived: null, target: '300.000000', target_derived: false, children: 0,
        children_target: null, children_gap: null, managers_target: '300.000000', managers_gap: '0.000000', is_gap: false },
      // (600 − 300) × 1,000 / (1,000 + 2,000) = 100.00
      { org_id: 'SB12', own: null, derived: '100.000000', target: '100.000000', target_derived: true, children: 0,
        children_target: null, children_gap: null, managers_target: '100.000000', managers_gap: '0.000000', is_gap: false },
      // (600 − 300) × 2,000 / 3,000 = 200.00
      { org_id: 'SB13', own: null, derived: '200.000000', target: '200.000000', target_derived: true, children: 0,
        children_target: null, children_gap: null, managers_target: '200.000000', managers_gap: '0.000000', is_gap: false },
      { org_id: 'SB21', own: '300.000000', derived: null, target: '300.000000', target_derived: false, children: 0,
        children_target: null, children_gap: null, managers_target: '300.000000', managers_gap: '0.000000', is_gap: false },
    ]);
  });

  it('reports the one gap as a build warning (sql/warnings/target_cascade_gaps.sql run as the build runs it)', async () => {
    const warnings = await b.rows(`select * from (\n${warningSql.trim().replace(/;\s*$/, '')}\n)`);
    expect(warnings).toEqual([
      {
        period: '2026', org_id: 'BR2', metric: 'profit_contribution',
        detail: 'BR2 Org BR2, 2026, profit_contribution: target 400.000000, carried below 300.000000 (short by 100.000000: its 1 children carry 300.000000, its own managers nothing)',
      },
    ]);
    // the build's warnings mechanism reads it as a titled warning (rows kept in build_warnings)
    const warning = discoverWarnings().find((w) => w.name === 'target_cascade_gaps');
    expect(warning?.title).toEqual({ zh: '目标分解缺口', en: 'Targets the level below does not carry (target cascade gaps)' });
    expect(await b.rows(`select * from (\n${warning!.sql}\n)`)).toEqual(warnings);
    // only a warning: no institution scheme asks to fail on gaps
    expect(await failedChecks(b.wh)).toEqual({});
  });

  it('fails the build\'s check when the scheme scoring the node asks for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-cascade-'));
    try {
      mkdirSync(join(dir, 'org'));
      const scheme = JSON.parse(readFileSync(join(defaultSchemes, 'org', 'sub_branch_default.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dir, 'org', 'branches.json'), JSON.stringify({ ...scheme, scheme_id: 'branches', levels: ['tier1_branch'], cascade: { fail_on_gap: true } }));
      const strict = await buildBank(bank, [defaultSchemes, dir]);
      try {
        const failed = await failedChecks(strict.wh);
        expect(Object.keys(failed)).toEqual(['target_cascade__scheme_gaps.sql']);
        expect(failed['target_cascade__scheme_gaps.sql']).toEqual([
          { problem: 'gap at a node whose scheme fails on gaps', period: '2026', org_id: 'BR2', metric: 'profit_contribution', detail: 'target 400.000000, carried below 300.000000' },
        ]);
      } finally {
        strict.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The split cascades through every level: a derived target is split to the children below it.
//
//   HO   1,000 (own)
//   ├ BR1  600 (own)                      carried by SB11 400 and BR1's own manager M1 200: no gap
//   │ └ SB11 400 (own)                     manager M2 400
//   └ BR2  — derived 400.00                 (1,000 − 600) × base 4,000 / 4,000; its own manager M3 100
//     ├ SB21 — derived 225.00               (400 − M3's 100) × 3,000 / (3,000 + 1,000)
//     │ ├ OU211 — derived 75.00             225 × 1,000 / (1,000 + 2,000)
//     │ └ OU212 — derived 150.00            225 × 2,000 / 3,000
//     └ SB22 — derived 75.00                300 × 1,000 / 4,000
//       ├ OU221 — derived 10.71             75 × 1,000 / 7,000 = 10.714… → to the fen
//       └ OU222 — derived 64.29             75 × 6,000 / 7,000 = 64.285… → to the fen
// Every parent's children and own managers then carry its target: 600 + 400; 400 + 200;
// 225 + 75 + 100; 75 + 150; 10.71 + 64.29. The outlets have no managers: their derived targets are
// nobody's (gaps).
describe('target cascade through three levels of derived splits', () => {
  it('splits each derived target again below it, marked derived, to the fen', async () => {
    const deep = await buildBank({
      // each node: id, parent, level
      orgs: (
        [
          ['HO', null, 'head_office'], ['BR1', 'HO', 'tier1_branch'], ['BR2', 'HO', 'tier1_branch'], ['SB11', 'BR1', 'sub_branch'],
          ['SB21', 'BR2', 'sub_branch'], ['SB22', 'BR2', 'sub_branch'], ['OU211', 'SB21', 'outlet'], ['OU212', 'SB21', 'outlet'],
          ['OU221', 'SB22', 'outlet'], ['OU222', 'SB22', 'outlet'],
        ] as const
      ).map(([org_id, parent_id, level]) => ({ org_id, parent_id, level })),
      managers: [
        { manager_id: 'M1', org_id: 'BR1', line: 'retail' },
        { manager_id: 'M2', org_id: 'SB11', line: 'retail' },
        { manager_id: 'M3', org_id: 'BR2', line: 'retail' },
      ],
      metrics: [],
      targets: (
        [['M1', 200], ['M2', 400], ['M3', 100]] as const
      ).map(([manager_id, target_value]) => ({ year: 2026, period: 'Y', manager_id, metric: 'profit_contribution', target_value })),
      orgMetrics: (
        [['BR1', 6_000], ['BR2', 4_000], ['SB21', 3_000], ['SB22', 1_000], ['OU211', 1_000], ['OU212', 2_000], ['OU221', 1_000], ['OU222', 6_000]] as const
      ).map(([org_id, actual]) => ({ period: '2025', org_id, metric: 'profit_contribution', actual })),
      orgTargets: (
        [['HO', 1_000], ['BR1', 600], ['SB11', 400]] as const
      ).map(([org_id, target_value]) => ({ year: 2026, period: 'Y', org_id, metric: 'profit_contribution', target_value })),
    });
    try {
      const rows = await deep.rows(
        `select org_id, own_target::varchar as own, derived_target::varchar as derived, target_derived, children_target::varchar as children,
           own_managers_target::varchar as own_managers, carried_target::varchar as carried, is_gap
         from mart_target_cascade where period = '2026' and metric = 'profit_contribution' order by org_id`,
      );
      const outlet = { own: null, target_derived: true, children: null, own_managers: null, carried: '0.000000', is_gap: true };
      expect(rows).toEqual([
        { org_id: 'BR1', own: '600.000000', derived: null, target_derived: false, children: '400.000000', own_managers: '200.000000', carried: '600.000000', is_gap: false },
        { org_id: 'BR2', own: null, derived: '400.000000', target_derived: true, children: '300.000000', own_managers: '100.000000', carried: '400.000000', is_gap: false },
        { org_id: 'HO', own: '1000.000000', derived: null, target_derived: false, children: '1000.000000', own_managers: null, carried: '1000.000000', is_gap: false },
        { org_id: 'OU211', derived: '75.000000', ...outlet },
        { org_id: 'OU212', derived: '150.000000', ...outlet },
        { org_id: 'OU221', derived: '10.710000', ...outlet },
        { org_id: 'OU222', derived: '64.290000', ...outlet },
        { org_id: 'SB11', own: '400.000000', derived: null, target_derived: false, children: null, own_managers: '400.000000', carried: '400.000000', is_gap: false },
        { org_id: 'SB21', own: null, derived: '225.000000', target_derived: true, children: '225.000000', own_managers: null, carried: '225.000000', is_gap: false },
        { org_id: 'SB22', own: null, derived: '75.000000', target_derived: true, children: '75.000000', own_managers: null, carried: '75.000000', is_gap: false },
      ]);
    } finally {
      deep.close();
    }
  });
});
