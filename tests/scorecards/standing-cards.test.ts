// The cards as they stand (sql/live/scorecards_standing.sql), which the league and `jixiao export
// scorecards` read: with no entries and no review lines every macro gives its mart's rows; with
// entries, the live card (the same rows as scorecards_live, which the card page shows); a locked
// card stays as its lock snapshot whatever is entered afterwards, marked score_locked.
// The bank of manual-entries.test.ts: M1 and M2 in SB11 on the manual_corporate scheme (2026-06-ytd).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failedChecks, type Built } from './fixture.ts';
import { buildManualBank, enterInto, P } from './manual-bank.ts';
import { EntriesStore } from '../../warehouse/entries.ts';
import { blankLine, ReviewStore } from '../../warehouse/reviews.ts';

let bank: Built;
let dir: string;
let entries: EntriesStore;
let reviews: ReviewStore;

beforeAll(async () => {
  bank = await buildManualBank();
  dir = mkdtempSync(join(tmpdir(), 'jixiao-standing-'));
  entries = new EntriesStore(join(dir, 'w.entries.jsonl'));
  reviews = new ReviewStore(join(dir, 'w.reviews.jsonl'));
});
afterAll(() => {
  bank?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const enter = (e: Parameters<typeof enterInto>[1]) => enterInto(entries, e);
const files = () => ({ e: entries.path, r: reviews.path, p: P });
const standing = (macro: string, order: string) => bank.rows(`select * from ${macro}($e, $r, [$p]) order by ${order}`, files());
const live = (macro: string, order: string) => bank.rows(`select * from ${macro}($e, [$p]) order by ${order}`, { e: entries.path, p: P });
const without = <T extends Record<string, unknown>>(rows: T[], key: string) => rows.map(({ [key]: _x, ...r }) => r);

describe('the cards as they stand', () => {
  it('with both files empty: every macro gives its mart, score_locked false', async () => {
    const cards = await standing('scorecards_standing_in', 'manager_id');
    expect(without(cards, 'score_locked')).toEqual(await bank.rows(`select * from mart_scorecards where period = $p order by manager_id`, { p: P }));
    expect(cards.map((c) => c.score_locked)).toEqual([false, false]);
    expect(await standing('pay_standing_in', 'manager_id')).toEqual(await bank.rows(`select * from mart_pay where period = $p order by manager_id`, { p: P }));
    expect(await standing('scorecard_lines_standing_in', 'manager_id, indicator_id')).toEqual(
      await bank.rows(`select * from mart_scorecard_indicators where period = $p order by manager_id, indicator_id`, { p: P }),
    );
    const sheet = await standing('scorecard_sheet_standing_in', 'manager_id, indicator_id');
    expect(without(sheet, 'score_locked')).toEqual(await bank.rows(`select * from mart_scorecard_sheet where period = $p order by manager_id, indicator_id`, { p: P }));
    expect(await failedChecks(bank.wh)).toEqual({});
  });

  it('an entry: the same card as the card page computes (scorecards_live), at once', async () => {
    enter({ kind: 'indicator', manager_id: 'M2', item_id: 'customer_service', value: '2.00' });
    const cards = await standing('scorecards_standing_in', 'manager_id');
    expect(without(cards, 'score_locked')).toEqual(await live('scorecards_live_in', 'manager_id'));
    // M2: 88.00 + 2.00 = 90.00 ≥ 90: excellent
    expect(cards.map((c) => [c.manager_id, c.total_score, c.grade])).toEqual([['M1', '75.00', 'good'], ['M2', '90.00', 'excellent']]);
    const sheet = await standing('scorecard_sheet_standing_in', 'manager_id, indicator_id');
    expect(sheet.filter((l) => l.manager_id === 'M2').map((l) => [l.indicator_id, l.points, l.total_score, l.score_grade])).toEqual([
      ['customer_service', '2.00', '90.00', 'excellent'],
      ['new_clients', '88.00', '90.00', 'excellent'],
      ['teamwork', '0.00', '90.00', 'excellent'],
    ]);
  });

  it('a locked card keeps its snapshot after later entries; the others move', async () => {
    // Lock M2 as it stands now (what the API keeps: the card's columns, its indicator lines, its pay).
    const [card] = await bank.rows(`select * exclude (period, manager_id, manager_name, org_id, line) from scorecards_live($e, $p) where manager_id = 'M2'`, { e: entries.path, p: P });
    const indicators = await bank.rows(`select * exclude (period, manager_id) from scorecard_indicators_live($e, $p) where manager_id = 'M2'`, { e: entries.path, p: P });
    const [pay] = await bank.rows(`select * exclude (period, manager_id, manager_name, org_id, line) from pay_live($e, $p) where manager_id = 'M2'`, { e: entries.path, p: P });
    reviews.append(new Date('2026-07-06T09:00:00Z'), 'l', () => [{
      ...blankLine, by_user: 'pres_b1', by_name: '一分行行长', by_role: 'branch_president', kind: 'transition', manager_id: 'M2', period: P,
      action: 'approve', from_state: 'approving', to_state: 'locked', signed: 2, snapshot: { period: P, card, indicators, items: [], pay },
    }]);
    // After the lock, entries reach both files' cards: M1 +9.50, and M2 +5.00 (its card is frozen).
    enter({ kind: 'indicator', manager_id: 'M1', item_id: 'customer_service', value: '9.50' });
    enter({ kind: 'indicator', manager_id: 'M2', item_id: 'teamwork', value: '5.00' });
    const cards = await standing('scorecards_standing_in', 'manager_id');
    // M1 live: 80 + 9.50 − 5 = 84.50 (good); M2 as locked: 90.00 excellent, rank 1, not the live 95.00
    expect(cards.map((c) => [c.manager_id, c.total_score, c.grade, c.peer_rank, c.score_locked])).toEqual([
      ['M1', '84.50', 'good', 2, false],
      ['M2', '90.00', 'excellent', 1, true],
    ]);
    expect((await live('scorecards_live_in', 'manager_id'))[1]!.total_score).toBe('95.00');
    const pays = await standing('pay_standing_in', 'manager_id');
    expect(pays[1]).toMatchObject({ total_score: '90.00', paid_pay: pay!.paid_pay, earned_efficiency_pay: pay!.earned_efficiency_pay });
    const sheet = await standing('scorecard_sheet_standing_in', 'manager_id, indicator_id');
    expect(sheet.filter((l) => l.manager_id === 'M2').map((l) => [l.indicator_id, l.points, l.total_score, l.score_locked])).toEqual([
      ['customer_service', '2.00', '90.00', true],
      ['new_clients', '88.00', '90.00', true],
      ['teamwork', '0.00', '90.00', true], // 5.00 entered after the lock: not on the locked card
    ]);
  });
});
