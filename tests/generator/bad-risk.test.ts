// The strength of the bad-risk plant is an option (generateBank badRiskMultiplier, `jixiao generate
// --bad-risk-multiplier`): the same seed draws the same bank and the same cohort, only the cohort's
// loans default more often; truth.json records the multiplier used. The default stays 4 (the demo
// bank's figures, tests/generator/bank.test.ts). Small banks for the browser tests use a strong plant
// so that the cohort tops the risk page's ranking there too (tests/web/dashboard.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBank } from '../../generator/index.ts';
import { Warehouse } from '../../warehouse/db.ts';
import { loadBankTables } from './bank-tables.ts';

interface Truth {
  cohorts: { bad_risk_managers: { manager_ids: string[]; default_multiplier: number } };
}

const root = mkdtempSync(join(tmpdir(), 'jixiao-gen-badrisk-'));
const bank = { scale: 3000, seed: 5, from: '2025-01', to: '2025-09' };
const banks: Record<'plain' | 'strong', { dir: string; truth: Truth; wh: Warehouse }> = {} as never;

beforeAll(async () => {
  for (const [name, multiplier] of [['plain', undefined], ['strong', 25]] as const) {
    const dir = join(root, name);
    await generateBank({ ...bank, out: dir, badRiskMultiplier: multiplier });
    const wh = await Warehouse.open(':memory:');
    await loadBankTables(wh, dir);
    banks[name] = { dir, truth: JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth, wh };
  }
}, 120_000);
afterAll(() => {
  for (const b of Object.values(banks)) b.wh.close();
  rmSync(root, { recursive: true, force: true });
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Share of performing loan-months (class before normal or special mention) that turn substandard or worse, cohort and rest. */
async function turnRates(b: { truth: Truth; wh: Warehouse }): Promise<{ bad: number; rest: number }> {
  const ids = b.truth.cohorts.bad_risk_managers.manager_ids.map((i) => `'${i}'`).join(',');
  const r = (await b.wh.query<{ bad: string; rest: string }>(`
    with c as (select * from (values ('normal', 0), ('special_mention', 1), ('substandard', 2), ('doubtful', 3), ('loss', 4)) t(five_class, rank)),
         t as (select l.originating_manager_id m, c.rank r, lag(c.rank) over (partition by l.loan_id order by l.as_of_date) p
               from b_loans l join c using (five_class)),
         x as (select m in (${ids}) bad, count(*) filter (where r >= 2) turned, count(*) exposed from t where p < 2 group by 1)
    select (select turned / exposed from x where bad)::varchar bad, (select turned / exposed from x where not bad)::varchar rest`))[0]!;
  return { bad: Number(r.bad), rest: Number(r.rest) };
}

describe('bad-risk plant strength', () => {
  it('records the multiplier in truth.json: 4 by default, else the one asked for', () => {
    expect(banks.plain.truth.cohorts.bad_risk_managers.default_multiplier).toBe(4);
    expect(banks.strong.truth.cohorts.bad_risk_managers.default_multiplier).toBe(25);
  });

  it('draws the same bank and cohort for the same seed: reference files other than targets are identical', () => {
    expect(banks.strong.truth.cohorts.bad_risk_managers.manager_ids).toEqual(banks.plain.truth.cohorts.bad_risk_managers.manager_ids);
    expect(banks.plain.truth.cohorts.bad_risk_managers.manager_ids.length).toBeGreaterThanOrEqual(2);
    // Targets follow the loan book (loan-balance targets grow from the opening book), so they differ; so do
    // the monthly ledgers, whose draws follow the loans'.
    for (const file of readdirSync(join(banks.plain.dir, '00-reference')).filter((f) => f !== 'targets.csv')) {
      expect(sha(join(banks.strong.dir, '00-reference', file)), file).toBe(sha(join(banks.plain.dir, '00-reference', file)));
    }
    expect(sha(join(banks.strong.dir, '2025-09', 'loans.csv'))).not.toBe(sha(join(banks.plain.dir, '2025-09', 'loans.csv')));
  });

  it('makes the cohort\'s loans turn non-performing about the multiplier times as often as the rest\'s', async () => {
    // Defaults are drawn by quota at rate × multiplier (generator/book.ts Defaults); a default turns
    // substandard after 90 days unless cured or repaid, so the ratio of turns is near the multiplier,
    // not equal to it: within half and one and a half times it (seed 5: 3.6× for 4, 23.2× for 25).
    for (const [name, b] of Object.entries(banks)) {
      const m = b.truth.cohorts.bad_risk_managers.default_multiplier;
      const r = await turnRates(b);
      const summary = `${name}: ${r.bad} vs ${r.rest}, ${(r.bad / r.rest).toFixed(1)}× for ${m}`;
      expect(r.bad / r.rest, summary).toBeGreaterThanOrEqual(m / 2);
      expect(r.bad / r.rest, summary).toBeLessThanOrEqual(m * 1.5);
    }
  });

  it('refuses a multiplier outside 1–100 before touching the output folder', async () => {
    for (const m of [0.5, 101, Number.NaN]) {
      const out = join(root, `refused-${m}`);
      await expect(generateBank({ ...bank, out, badRiskMultiplier: m })).rejects.toThrow(/--bad-risk-multiplier must be a number from 1 to 100/);
      expect(existsSync(out)).toBe(false);
    }
  });
});
