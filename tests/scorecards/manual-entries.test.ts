// Manual indicators and entered bonus/deduction points (issue 21), scored by hand: a scheme with a
// qualitative block (customer service 0–10 points, teamwork on a rating scale), a capped bonus item
// and a deduction; entries appended to an entries file and the card recomputed at request time by
// the macros of sql/live/scorecards_live.sql (the same arithmetic as the build's marts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failedChecks, fixturesDir, type Built } from './fixture.ts';
import { buildManualBank, enterInto, P } from './manual-bank.ts';
import { EntriesStore } from '../../warehouse/entries.ts';
import { readSchemeFile } from '../../warehouse/schemes/load.ts';

let bank: Built;
let dir: string;
let store: EntriesStore;

beforeAll(async () => {
  bank = await buildManualBank();
  dir = mkdtempSync(join(tmpdir(), 'jixiao-entries-'));
  store = new EntriesStore(join(dir, 'w.entries.jsonl'));
});
afterAll(() => {
  bank?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const enter = (e: Parameters<typeof enterInto>[1]) => enterInto(store, e);

const card = async (id: string) =>
  (await bank.rows(`select * from scorecards_live($f, $p) where manager_id = $id`, { f: store.path, p: P, id }))[0]!;
const pay = async (id: string) =>
  (await bank.rows(`select * from pay_live($f, $p) where manager_id = $id`, { f: store.path, p: P, id }))[0]!;

describe('manual indicators in a scheme', () => {
  it('builds them with 0 points and the note not_entered, and the checks pass', async () => {
    const rows = await bank.rows(
      `select indicator_id, formula, weight::varchar as weight, points::varchar as points, note from mart_scorecard_indicators
       where period = $p and manager_id = 'M1' order by ordinal`,
      { p: P },
    );
    expect(rows).toEqual([
      { indicator_id: 'new_clients', formula: 'ratio_to_target', weight: '80.0000', points: '80.00', note: null },
      { indicator_id: 'customer_service', formula: 'manual', weight: '10.0000', points: '0.00', note: 'not_entered' },
      { indicator_id: 'teamwork', formula: 'manual', weight: '10.0000', points: '0.00', note: 'not_entered' },
    ]);
    expect(await failedChecks(bank.wh)).toEqual({});
  });

  it('refuses a qualitative block whose weights do not add up, and a rating worth more than the weight', () => {
    const file = join(dir, 'bad.json');
    const s = JSON.parse(readFileSync(join(fixturesDir, 'manual', 'manual_corporate.json'), 'utf8'));
    s.indicators[0].weight = 100; // 100 + 10 + 10 = 120
    s.qualitative.indicators[1].scale[0].points = 12;
    writeFileSync(file, JSON.stringify(s));
    const problems = readSchemeFile(file).problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toContain('indicators: weights (with the qualitative block) sum to 120, expected total_weight 100');
    expect(problems).toContain('qualitative.indicators.1.scale.0.points: 12 is above the indicator\'s weight 10');
  });
});

describe('entered points, recomputed at request time', () => {
  it('with no entries, the live card is the built one, column for column', async () => {
    const built = await bank.rows(`select * from mart_scorecards where period = $p order by manager_id`, { p: P });
    const live = await bank.rows(`select * from scorecards_live($f, $p) order by manager_id`, { f: store.path, p: P });
    expect(live).toEqual(built);
    const builtPay = await bank.rows(`select * from mart_pay where period = $p order by manager_id`, { p: P });
    const livePay = await bank.rows(`select * from pay_live($f, $p) order by manager_id`, { f: store.path, p: P });
    expect(livePay).toEqual(builtPay);
    // M1: 80 + 0 + 0, complaint from the adjustments file −5 = 75 (good); M2: 88 (good)
    expect(built.map((r) => [r.manager_id, r.total_score, r.grade])).toEqual([['M1', '75.00', 'good'], ['M2', '88.00', 'good']]);
  });

  it('a manual indicator entered for M2 moves the total and the grade', async () => {
    enter({ kind: 'indicator', manager_id: 'M2', item_id: 'customer_service', value: '2.00' });
    const c = await card('M2');
    // 88.00 + 2.00 = 90.00 ≥ 90: excellent; SB11 has 2 managers on the scheme, at most
    // floor(0.5 × 2) = 1 excellent, and M2 is the only one: kept.
    expect([c.indicator_points, c.total_score, c.grade_by_threshold, c.grade, c.forced_down]).toEqual(['90.00', '90.00', 'excellent', 'excellent', false]);
  });

  it('M1 entered above M2: the forced distribution moves M2 down, ranks swap, the cap and no floor hold', async () => {
    enter({ kind: 'indicator', manager_id: 'M1', item_id: 'customer_service', value: '9.50' });
    enter({ kind: 'indicator', manager_id: 'M1', item_id: 'teamwork', value: '8.00', rating: 'good' });
    enter({ kind: 'item', manager_id: 'M1', item_id: 'research_reports', value: '7.00' }); // max 6
    enter({ kind: 'item', manager_id: 'M1', item_id: 'verified_complaints', value: '-5.00' });
    const items = await bank.rows(
      `select item_id, raw_points::varchar as raw_points, points::varchar as points from scorecard_items_live($f, $p) where manager_id = 'M1' order by item_id`,
      { f: store.path, p: P },
    );
    // research: entered 7.00, capped at its max 6.00; complaints: the file's −5 + entered −5 = −10 (no floor)
    expect(items).toEqual([
      { item_id: 'research_reports', raw_points: '7.00', points: '6.00' },
      { item_id: 'verified_complaints', raw_points: '-10.00', points: '-10.00' },
    ]);
    const m1 = await card('M1');
    // indicators 80 + 9.50 + 8.00 = 97.50; bonus 6.00 (section cap 10); deductions −10.00
    // total = 97.50 + 6.00 − 10.00 = 93.50: excellent, rank 1 of 2, percentile 2/2 = 1
    expect([m1.indicator_points, m1.bonus_points, m1.deduction_points, m1.total_score, m1.grade, m1.peer_rank, m1.percentile]).toEqual(
      ['97.50', '6.00', '-10.00', '93.50', 'excellent', 1, '1.000000'],
    );
    const m2 = await card('M2');
    // M2 90.00 < 93.50: second in SB11, beyond floor(0.5 × 2) = 1 → forced down to good; rank 2, percentile 1/2
    expect([m2.total_score, m2.grade_by_threshold, m2.grade, m2.forced_down, m2.peer_rank, m2.percentile]).toEqual(
      ['90.00', 'excellent', 'good', true, 2, '0.500000'],
    );
  });

  it('pay follows the live total', async () => {
    const y = await pay('M1');
    // A 400,000, B 300,000, T 350,000: 300,000 × 0.03 = 9,000; 50,000 × 0.06 = 3,000; 50,000 × 0.1 = 5,000
    // efficiency 17,000; management score 93.50 × 10 = 935; earned 17,000 × 935 / 1000 = 15,895.00
    // base 8,000 × 6 = 48,000; actual 63,895.00; pool 15,895 × 0.05 = 794.75; paid 63,100.25
    expect([y.total_score, y.score_grade, y.efficiency_pay, y.management_score, y.earned_efficiency_pay, y.actual_pay, y.pool_contribution, y.paid_pay]).toEqual(
      ['93.50', 'excellent', '17000.00', '935.00', '15895.00', '63895.00', '794.75', '63100.25'],
    );
  });

  it('the last line wins and a null value withdraws an entry; every change stays in the log', async () => {
    enter({ kind: 'indicator', manager_id: 'M2', item_id: 'customer_service', value: '3.00', old_value: '2.00' });
    expect((await card('M2')).total_score).toBe('91.00'); // 88 + 3
    enter({ kind: 'indicator', manager_id: 'M2', item_id: 'customer_service', value: null, old_value: '3.00' });
    expect((await card('M2')).total_score).toBe('88.00');
    const log = await bank.rows(
      `select seq::integer as seq, manager_id, item_id, old_value::varchar as old_value, value::varchar as value from entries_log($f) order by seq`,
      { f: store.path },
    );
    expect(log.map((r) => [r.seq, r.manager_id, r.item_id, r.old_value, r.value])).toEqual([
      [1, 'M2', 'customer_service', null, '2.00'],
      [2, 'M1', 'customer_service', null, '9.50'],
      [3, 'M1', 'teamwork', null, '8.00'],
      [4, 'M1', 'research_reports', null, '7.00'],
      [5, 'M1', 'verified_complaints', null, '-5.00'],
      [6, 'M2', 'customer_service', '2.00', '3.00'],
      [7, 'M2', 'customer_service', '3.00', null],
    ]);
  });
});
