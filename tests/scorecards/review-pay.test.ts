// What is payable for a quarter (issue 22, sql/live/reviews_live.sql pay_payable and
// lock_paid_before), by hand. Pay is year to date, so a quarter's payable is its card's pay less
// what the year's earlier locks paid, fixed when the card locks; Σ payable of a year's locks = the
// pay of its year-end card. The cards' pay is read from the snapshots the review file keeps at lock
// time, so these lines are written by hand, each lock with the payable the server fixes then
// (lockPayable over the file as it stands before the line).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBank, tree, type Built } from './fixture.ts';
import { lockPayable } from '../../warehouse/queries/reviews.ts';
import type { Reader } from '../../warehouse/queries/reader.ts';

let bank: Built;
let dir: string;
let file: string;

/** A transition line of the review file; a locking line carries the card's snapshot and its payable. */
let seq = 0;
const line = (manager_id: string, period: string, to_state: string, paid_pay: string | null, payable: unknown = null) =>
  JSON.stringify({
    seq: ++seq, at: '2026-12-01T00:00:00Z', by_user: 'pres', by_name: '行长', by_role: 'branch_president', kind: 'transition',
    manager_id, period, org_id: null, action: to_state === 'appealed' ? 'appeal' : 'approve', from_state: 'scored', to_state, signed: 2,
    summary: null, plans: null, comment: null, reason: null,
    snapshot: paid_pay === null ? null : { period, card: { total_score: '90.00', grade: 'good' }, pay: { paid_pay }, payable },
    amount: null, talk_date: null, participants: null, notes: null, agreed_actions: null, batch: 'b',
  });

/** Appends a line; a lock (paid_pay given, to_state locked) with the payable it fixes now. */
async function write(manager_id: string, period: string, to_state: string, paid_pay: string | null = null) {
  const reader: Reader = { query: (sql, params) => bank.rows(sql, params as Record<string, string>) as never };
  const payable = paid_pay === null ? null : await lockPayable(reader, file, manager_id, period, paid_pay);
  appendFileSync(file, line(manager_id, period, to_state, paid_pay, payable) + '\n');
}

beforeAll(async () => {
  bank = await buildBank({ orgs: tree, managers: [{ manager_id: 'M1', org_id: 'SB11', line: 'corporate' }], metrics: [] });
  dir = mkdtempSync(join(tmpdir(), 'jixiao-review-pay-'));
  file = join(dir, 'w.reviews.jsonl');
  writeFileSync(file, '');
  // MA: every quarter locked. YTD pay 10,000.00 / 25,000.00 / 33,000.50 / 50,000.00.
  await write('MA', '2026-03-ytd', 'locked', '10000.00');
  await write('MA', '2026-06-ytd', 'locked', '25000.00');
  await write('MA', '2026-09-ytd', 'locked', '33000.50');
  await write('MA', '2026-09-ytd', 'appealed'); // an appeal keeps the card frozen: still counted
  await write('MA', '2026-12-ytd', 'locked', '50000.00');
  // MB: Q2 never locked (scored only). YTD pay 8,000.00 / (19,000.00 not locked) / 20,000.00 / 30,000.00.
  await write('MB', '2026-03-ytd', 'locked', '8000.00');
  await write('MB', '2026-06-ytd', 'scored');
  await write('MB', '2026-09-ytd', 'locked', '20000.00');
  await write('MB', '2026-12-ytd', 'locked', '30000.00');
  // MC: the year-end card was locked, then reopened by an accepted appeal: not payable until locked again.
  await write('MC', '2025-12-ytd', 'locked', '40000.00');
  await write('MC', '2026-12-ytd', 'locked', '41000.00');
  await write('MC', '2026-12-ytd', 'scored');
  // MD: Q1 and Q2 locked, then Q1 reopened by an appeal and locked again on restated figures, then Q4.
  await write('MD', '2026-03-ytd', 'locked', '10000.00');
  await write('MD', '2026-06-ytd', 'locked', '25000.00');
  await write('MD', '2026-03-ytd', 'scored');
  await write('MD', '2026-03-ytd', 'locked', '11000.00');
  await write('MD', '2026-12-ytd', 'locked', '50000.00');
});
afterAll(() => {
  bank?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const payable = async () =>
  bank.rows(
    `select manager_id, period, paid_pay::varchar as paid_pay, paid_before::varchar as paid_before, payable::varchar as payable, settles_year
     from pay_payable($f) order by manager_id, period`,
    { f: file },
  );

describe('payable for a quarter = pay of its year-to-date card − pay of the earlier locked cards of the year', () => {
  it('every quarter locked: 10,000.00; 25,000.00 − 10,000.00; 33,000.50 − 25,000.00; 50,000.00 − 33,000.50', async () => {
    const rows = (await payable()).filter((r) => r.manager_id === 'MA');
    expect(rows).toEqual([
      { manager_id: 'MA', period: '2026-03-ytd', paid_pay: '10000.00', paid_before: '0.00', payable: '10000.00', settles_year: false },
      { manager_id: 'MA', period: '2026-06-ytd', paid_pay: '25000.00', paid_before: '10000.00', payable: '15000.00', settles_year: false },
      { manager_id: 'MA', period: '2026-09-ytd', paid_pay: '33000.50', paid_before: '25000.00', payable: '8000.50', settles_year: false },
      { manager_id: 'MA', period: '2026-12-ytd', paid_pay: '50000.00', paid_before: '33000.50', payable: '16999.50', settles_year: true },
    ]);
    // Σ quarterly payable = 10,000.00 + 15,000.00 + 8,000.50 + 16,999.50 = 50,000.00 = the annual card's pay
    const sum = await bank.rows(`select sum(payable)::varchar as s from pay_payable($f) where manager_id = 'MA' and year = 2026`, { f: file });
    expect(sum[0]!.s).toBe('50000.00');
  });

  it('a quarter not locked pays nothing; the next locked one takes it up: 8,000.00; 20,000.00 − 8,000.00; 30,000.00 − 20,000.00', async () => {
    const rows = (await payable()).filter((r) => r.manager_id === 'MB');
    expect(rows.map((r) => [r.period, r.payable])).toEqual([
      ['2026-03-ytd', '8000.00'],
      ['2026-09-ytd', '12000.00'],
      ['2026-12-ytd', '10000.00'],
    ]);
    // 8,000.00 + 12,000.00 + 10,000.00 = 30,000.00 = the annual pay
    expect(rows.reduce((a, r) => a + Number(r.payable), 0)).toBe(30000);
  });

  it('years do not mix, and a reopened card is not payable', async () => {
    const rows = (await payable()).filter((r) => r.manager_id === 'MC');
    expect(rows.map((r) => [r.period, r.payable])).toEqual([['2025-12-ytd', '40000.00']]);
  });

  it('a later lock never changes an earlier one: Q1 locked again pays the difference, Q2 keeps its payable, Q4 settles', async () => {
    const rows = (await payable()).filter((r) => r.manager_id === 'MD');
    expect(rows.map((r) => [r.period, r.paid_pay, r.paid_before, r.payable])).toEqual([
      // Q1 first lock: 10,000.00; locked again at 11,000.00: its first lock paid 10,000.00, so 1,000.00
      ['2026-03-ytd', '11000.00', '10000.00', '1000.00'],
      // Q2, fixed at its lock: 25,000.00 − 10,000.00 = 15,000.00, untouched by Q1's new lock
      ['2026-06-ytd', '25000.00', '10000.00', '15000.00'],
      // Q4: 50,000.00 − (10,000.00 + 15,000.00 + 1,000.00) = 24,000.00
      ['2026-12-ytd', '50000.00', '26000.00', '24000.00'],
    ]);
    // Σ of every lock's payable: 10,000.00 + 15,000.00 + 1,000.00 + 24,000.00 = 50,000.00 = the annual pay
    const locks = await bank.rows(
      `select sum(cast(snapshot -> '$.payable' ->> 'payable' as decimal(18,2)))::varchar as s from review_log($f) where manager_id = 'MD' and snapshot is not null`,
      { f: file },
    );
    expect(locks[0]!.s).toBe('50000.00');
  });
});
