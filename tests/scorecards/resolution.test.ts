// Which scheme scores whom: a branch scheme overrides the head-office default only in its own
// subtree (and a deeper one overrides the branch), per line; a scheme change takes effect from
// the first scoring period whose end falls in its effective months.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildBank, defaultSchemes, failedChecks, fixturesDir, tree, type Built, type Metric } from './fixture.ts';
import { schemeSummary } from '../../warehouse/schemes/queries.ts';
import { Writable } from 'node:stream';
import { main } from '../../cli/main.ts';

async function jixiao(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) });
  const code = await main(args, sink as never, sink as never);
  return { code, out };
}

const metric = (manager_id: string, period: string, metric: string, actual: number, target: number): Metric => ({
  manager_id, period, metric, actual, target,
});

describe('a branch scheme overrides the head-office default only in its subtree', () => {
  let bank: Built;
  beforeAll(async () => {
    bank = await buildBank(
      {
        orgs: tree,
        managers: [
          { manager_id: 'R_SB11', org_id: 'SB11', line: 'retail' }, // under BR1
          { manager_id: 'R_BR1', org_id: 'BR1', line: 'retail' }, // BR1 itself
          { manager_id: 'R_SB12', org_id: 'SB12', line: 'retail' }, // under BR1, with its own scheme
          { manager_id: 'R_SB21', org_id: 'SB21', line: 'retail' }, // under BR2: default
          { manager_id: 'C_SB11', org_id: 'SB11', line: 'corporate' }, // other line: corporate default
        ],
        metrics: [
          metric('R_SB11', '2026-06-ytd', 'sales_credit_card_units', 8, 10), // branch card: 8/10 × 100 = 80
          metric('R_SB12', '2026-06-ytd', 'sales_debit_card_units', 7, 10), // sub-branch card: 7/10 × 100 = 70
        ],
      },
      [defaultSchemes, join(fixturesDir, 'override')],
    );
  });
  afterAll(() => bank?.close());

  it('resolves the most specific scheme of the same line', async () => {
    const rows = await bank.rows<{ manager_id: string; scheme_id: string; scheme_org_id: string; reason: string }>(
      `select manager_id, scheme_id, scheme_org_id, reason from int_scorecard_schemes_resolved where period = '2026-06-ytd' order by manager_id`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.manager_id, r]));
    expect(by.R_SB11).toMatchObject({ scheme_id: 'branch_br1_retail', scheme_org_id: 'BR1' });
    expect(by.R_BR1).toMatchObject({ scheme_id: 'branch_br1_retail', scheme_org_id: 'BR1' });
    expect(by.R_SB12).toMatchObject({ scheme_id: 'subbranch_sb12_retail', scheme_org_id: 'SB12' });
    expect(by.R_SB21).toMatchObject({ scheme_id: 'retail_default', scheme_org_id: 'HO' });
    expect(by.C_SB11).toMatchObject({ scheme_id: 'corporate_default', scheme_org_id: 'HO' });
    expect(by.R_SB11!.reason).toContain('1 level(s) above SB11');
    expect(by.R_SB11!.reason).toContain('overrides retail_default (HO)');
    expect(by.R_SB12!.reason).toContain("the manager's own org");
    expect(by.R_SB12!.reason).toContain('overrides branch_br1_retail (BR1), retail_default (HO)');
  });

  it('summarises for `jixiao scheme list` which scheme scores how many managers and what it overrides', async () => {
    expect(await schemeSummary(bank.wh, '2026-06-ytd')).toEqual([
      { scheme_id: 'branch_br1_retail', line: 'retail', scheme_org_id: 'BR1', scheme_org_level: 'tier1_branch', managers: 2, orgs: 2, overridden: 'retail_default (HO)' },
      { scheme_id: 'corporate_default', line: 'corporate', scheme_org_id: 'HO', scheme_org_level: 'head_office', managers: 1, orgs: 1, overridden: null },
      { scheme_id: 'retail_default', line: 'retail', scheme_org_id: 'HO', scheme_org_level: 'head_office', managers: 1, orgs: 1, overridden: null },
      { scheme_id: 'subbranch_sb12_retail', line: 'retail', scheme_org_id: 'SB12', scheme_org_level: 'sub_branch', managers: 1, orgs: 1, overridden: 'branch_br1_retail (BR1), retail_default (HO)' },
    ]);
  });

  it('passes the scorecard checks', async () => {
    expect(await failedChecks(bank.wh)).toEqual({});
  });

  it('scores each manager on the card that applies', async () => {
    const rows = await bank.rows<{ manager_id: string; scheme_id: string; indicator_points: string }>(
      `select manager_id, scheme_id, indicator_points from mart_scorecards where period = '2026-06-ytd' and manager_id in ('R_SB11', 'R_SB12') order by manager_id`,
    );
    expect(rows).toEqual([
      { manager_id: 'R_SB11', scheme_id: 'branch_br1_retail', indicator_points: '80.00' },
      { manager_id: 'R_SB12', scheme_id: 'subbranch_sb12_retail', indicator_points: '70.00' },
    ]);
  });
  it('jixiao scheme list tells who is scored by which scheme and why (read from the built file)', async () => {
    const folder = join(fixturesDir, 'override');
    // the fixture keeps the warehouse open: let the command open it
    bank.release();
    const r = await jixiao('scheme', 'list', '--period', '2026-Q2', '--by-org', '--schemes', folder, '--db', bank.path);
    expect(r.code).toBe(0);
    expect(r.out).toContain('branch_br1_retail: 2 retail manager(s) in 2 org node(s) — the scheme of BR1 (tier1_branch), their nearest org ancestor with a retail scheme in force; overrides retail_default (HO)');
    expect(r.out).toContain("SB12 (sub_branch, retail): 1 manager(s) — subbranch_sb12_retail: retail scheme of SB12 (sub_branch), the manager's own org");
    // the folder holds only the two branch schemes; the build also had the defaults
    expect(r.out).toContain('note: the last build used the schemes branch_br1_retail, corporate_default, retail_default, subbranch_sb12_retail');
    expect((await jixiao('scheme', 'list', '--period', '2026-05', '--db', bank.path)).code).toBe(2);
  });
});

describe('a scheme change takes effect from its period', () => {
  let bank: Built;
  beforeAll(async () => {
    const ytd = ['2026-03-ytd', '2026-06-ytd', '2026-09-ytd'];
    bank = await buildBank(
      {
        orgs: tree,
        managers: [{ manager_id: 'R1', org_id: 'SB11', line: 'retail' }],
        metrics: ytd.flatMap((p) => [
          metric('R1', p, 'sales_debit_card_units', 5, 10), // v1: 5/10 × 100 = 50
          metric('R1', p, 'sales_credit_card_units', 9, 10), // v2: 9/10 × 100 = 90
        ]),
      },
      [join(fixturesDir, 'change')],
    );
  });
  afterAll(() => bank?.close());

  it('scores Q1 and Q2 on v1 (in force to 2026-Q2) and Q3 on v2 (from 2026-08, in force on 2026-09-30)', async () => {
    const rows = await bank.rows(`select period, scheme_id, total_score, grade from mart_scorecards order by period`);
    expect(rows).toEqual([
      { period: '2026-03-ytd', scheme_id: 'retail_v1', total_score: '50.00', grade: 'unsatisfactory' },
      { period: '2026-06-ytd', scheme_id: 'retail_v1', total_score: '50.00', grade: 'unsatisfactory' },
      { period: '2026-09-ytd', scheme_id: 'retail_v2', total_score: '90.00', grade: 'excellent' },
    ]);
  });
});
