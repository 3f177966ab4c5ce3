// A fixture bank whose managers earn efficiency pay, so the public pool is not empty: the fixture
// bank of tests/api/fixture.ts with its March balances carried through June (a second scoring
// period, 2026-06-ytd) and a retail card of one indicator, profit contribution against target
// (weight 100, capped at 120 %), so a retail card's score follows its profit contribution.
//   M1 (S11): 2026-Q1 target 1,000.00 stock + 1,000.00 increment = 2,000.00 (the fixture's);
//   M3 (S12): 2026-Q1 target 100.00 stock + 200.00 increment = 300.00 (added here).
// tests/api/review-pool.test.ts computes the pay and the pool by hand.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDir } from '../../warehouse/paths.ts';
import { createFixture, rawSql, removeFixture, type Fixture } from './fixture.ts';

/** April to June: the March rows of the balance ledgers again, month-end by month-end. */
const secondQuarter = ['2026-04-30', '2026-05-31', '2026-06-30']
  .map((d) => `
insert into raw_deposits select '${d}', account_id, client_id, product_id, currency, balance, avg_balance, rate, org_id, load_id from raw_deposits where as_of_date = '2026-03-31';
insert into raw_loans select '${d}', loan_id, client_id, product_id, currency, origination_date, maturity_date, principal, balance, avg_balance, rate, five_class, overdue_days, originating_manager_id, org_id, load_id from raw_loans where as_of_date = '2026-03-31';`)
  .join('');

const poolSql = `${rawSql}
insert into raw_targets values
  (2026, 'Q1', 'manager', 'M3', 'profit_contribution', 100.000000, 300.000000, 1);
${secondQuarter}`;

export interface PoolFixture extends Fixture {
  config: string;
}

export async function createPoolFixture(): Promise<PoolFixture> {
  const config = mkdtempSync(join(tmpdir(), 'jixiao-pool-config-'));
  cpSync(configDir, config, { recursive: true });
  const file = join(config, 'schemes', 'retail_default.json');
  const scheme = JSON.parse(readFileSync(file, 'utf8'));
  scheme.indicators = [{ id: 'profit_contribution', label: { zh: '模拟利润', en: 'Profit contribution' }, metric: 'profit_contribution', weight: 100, formula: 'ratio_to_target' }];
  writeFileSync(file, JSON.stringify(scheme));
  const f = await createFixture({ configDir: config, sql: poolSql });
  return { ...f, config };
}

export function removePoolFixture(f: PoolFixture): void {
  removeFixture(f);
  rmSync(f.config, { recursive: true, force: true });
}
