// Forced distribution (at most N% excellent per institution) with ties broken by score, then
// profit contribution; and ranks and percentiles within peer groups (same line, same org level).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildBank, failedChecks, fixturesDir, tree, type Built, type Metric } from './fixture.ts';

const P = '2026-06-ytd';
// new_clients actual / 100 × weight 100 = the score; profit contribution breaks ties
const card = (manager_id: string, score: number, profit: number): Metric[] => [
  { period: P, manager_id, metric: 'new_clients', actual: score, target: 100 },
  { period: P, manager_id, metric: 'profit_contribution', actual: profit },
];

let bank: Built;
beforeAll(async () => {
  bank = await buildBank(
    {
      orgs: [...tree, { org_id: 'OT111', parent_id: 'SB11', level: 'outlet' }],
      managers: [
        { manager_id: 'M1', org_id: 'SB11', line: 'corporate' },
        { manager_id: 'M2', org_id: 'SB11', line: 'corporate' },
        { manager_id: 'M3', org_id: 'SB11', line: 'corporate' },
        { manager_id: 'M4', org_id: 'OT111', line: 'corporate' }, // an outlet of SB11: same institution
        { manager_id: 'M5', org_id: 'SB12', line: 'corporate' },
        { manager_id: 'M6', org_id: 'SB12', line: 'corporate' },
      ],
      metrics: [
        ...card('M1', 95, 100_000),
        ...card('M2', 95, 200_000),
        ...card('M3', 95, 50_000),
        ...card('M4', 80, 10_000),
        ...card('M5', 92, 10_000),
        ...card('M6', 70, 10_000),
      ],
    },
    [join(fixturesDir, 'fd')],
  );
});
afterAll(() => bank?.close());

describe('forced distribution', () => {
  it('keeps at most floor(50% × managers) excellent per sub-branch, ties by profit contribution', async () => {
    const rows = await bank.rows(
      `select manager_id, institution_id, institution_managers, total_score, grade_by_threshold, grade, forced_down
       from mart_scorecards where period = $p order by manager_id`,
      { p: P },
    );
    // SB11 (M1–M4, M4 through its outlet): 4 managers → at most 2 excellent. M1, M2, M3 all score
    // 95: M2 (profit 200,000) and M1 (100,000) keep it; M3 (50,000) moves down to good.
    // SB12 (M5, M6): 2 managers → at most 1: M5 keeps it.
    expect(rows).toEqual([
      { manager_id: 'M1', institution_id: 'SB11', institution_managers: 4, total_score: '95.00', grade_by_threshold: 'excellent', grade: 'excellent', forced_down: false },
      { manager_id: 'M2', institution_id: 'SB11', institution_managers: 4, total_score: '95.00', grade_by_threshold: 'excellent', grade: 'excellent', forced_down: false },
      { manager_id: 'M3', institution_id: 'SB11', institution_managers: 4, total_score: '95.00', grade_by_threshold: 'excellent', grade: 'good', forced_down: true },
      { manager_id: 'M4', institution_id: 'SB11', institution_managers: 4, total_score: '80.00', grade_by_threshold: 'good', grade: 'good', forced_down: false },
      { manager_id: 'M5', institution_id: 'SB12', institution_managers: 2, total_score: '92.00', grade_by_threshold: 'excellent', grade: 'excellent', forced_down: false },
      { manager_id: 'M6', institution_id: 'SB12', institution_managers: 2, total_score: '70.00', grade_by_threshold: 'competent', grade: 'competent', forced_down: false },
    ]);
  });

  it('ranks within peer groups of one line and one org level', async () => {
    const rows = await bank.rows(
      `select manager_id, peer_group, peer_rank, peer_group_size, percentile from mart_scorecards where period = $p order by manager_id`,
      { p: P },
    );
    // corporate:sub_branch = M1 M2 M3 (95), M5 (92), M6 (70): ties share rank 1;
    // percentile = peers at or below / peers: 95 → 5/5, 92 → 2/5, 70 → 1/5. M4 is alone among outlets.
    expect(rows).toEqual([
      { manager_id: 'M1', peer_group: 'corporate:sub_branch', peer_rank: 1, peer_group_size: 5, percentile: '1.000000' },
      { manager_id: 'M2', peer_group: 'corporate:sub_branch', peer_rank: 1, peer_group_size: 5, percentile: '1.000000' },
      { manager_id: 'M3', peer_group: 'corporate:sub_branch', peer_rank: 1, peer_group_size: 5, percentile: '1.000000' },
      { manager_id: 'M4', peer_group: 'corporate:outlet', peer_rank: 1, peer_group_size: 1, percentile: '1.000000' },
      { manager_id: 'M5', peer_group: 'corporate:sub_branch', peer_rank: 4, peer_group_size: 5, percentile: '0.400000' },
      { manager_id: 'M6', peer_group: 'corporate:sub_branch', peer_rank: 5, peer_group_size: 5, percentile: '0.200000' },
    ]);
  });
});

it('passes the scorecard checks (keys, card and pay identities, pool tree)', async () => {
  expect(await failedChecks(bank.wh)).toEqual({});
});
