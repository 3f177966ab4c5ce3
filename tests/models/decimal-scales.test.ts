// Where DECIMALs of different scales meet: a holder's profit contribution is the exact sum of its
// spreads (14 places: a share of 6 places × a row's spread exact to 10^-8 yuan) and its fees
// (8 places), rounded once, to the fen, in the mart. Narrowed to 8 places first (DECIMAL(38,8)) and
// then rounded to the fen, it is rounded twice, and a value just below half a fen moves up a fen:
// x.xx4999995 → x.xx500000 → x.xx + 0.01.
//
// The fixture bank (tests/fixtures/models/bank.ts) plus client C7, held half by M3 and half by a new
// manager M4 (SB2), with one demand deposit, at 2026-01-31:
//   avg 3,650,365.00 = 36,500 × 100.01; rate 1.273871%, FTP 3m 1.50 → Δ 0.226129
//   spread = 100.01 × 0.226129 × 31 = 22.61516129 × 31 = 701.06999999 (exact: spread_e8 rounds nothing)
//   each holder's half: 350.534999995 → to the fen 350.53 (0.004999995 < 0.005)
//   narrowed to 8 places first: 350.53500000 → 350.54, one fen too many
// M4 holds nothing else; M3's January is C7's half alone (C4 is still M2's, C5 holds nothing), so
// their profit contribution and risk-adjusted contribution (no loan: no expected loss) equal their
// deposit spread. SB2 = M3 + M4 + C6 unassigned (A4: 20 × 1.20 × 31 = 744.00): 744 + 701.06999999.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverChecks } from '../../warehouse/models.ts';
import { builtFixture, rowOf, type TempWarehouse } from './helpers.ts';

const c7 = `
insert into raw_managers values ('M4', '赵四', 'SB2', 'corporate', 'B', date '2022-01-01', null, 1);
insert into raw_clients values ('C7', '庚公司', 'corporate', 'trade', null, null, 'SB2', 1);
insert into raw_assignments values
  ('C7', 'M3', 0.5, date '2025-01-01', null, 1),
  ('C7', 'M4', 0.5, date '2025-01-01', null, 1);
insert into raw_deposits values
  (date '2026-01-31', 'A7', 'C7', 'DDEM', 'CNY', 3650365.00, 3650365.00, 1.273871, 'SB2', 1);
`;

let t: TempWarehouse;
beforeAll(async () => {
  t = await builtFixture(c7, { keepIntermediates: true }); // int_deposits_priced is build-only
});
afterAll(() => t?.close());

const figures = (subject: 'manager' | 'org', period: string, id: string) =>
  rowOf(
    t.wh,
    `select deposit_spread::varchar as spread, profit_contribution::varchar as profit,
       risk_adjusted_contribution::varchar as risk_adjusted
     from mart_${subject}_period where period = $period and ${subject}_id = $id`,
    { period, id },
  );

describe('a holder\'s profit contribution is rounded to the fen once', () => {
  it('the row\'s spread is exact to 10^-8 yuan', async () => {
    const row = await rowOf(t.wh, `select deposit_spread::varchar as s from int_deposits_priced where account_id = 'A7'`, {});
    expect(row.s).toBe('701.06999999');
  });

  it('M4: half of 701.06999999 = 350.534999995 → 350.53, in every figure built on it', async () => {
    const jan = { spread: '350.53', profit: '350.53', risk_adjusted: '350.53' };
    expect(await figures('manager', '2026-01', 'M4')).toEqual(jan);
    expect(await figures('manager', '2026-Q1', 'M4')).toEqual(jan); // the only deposit is January's
    const metric = await rowOf(
      t.wh,
      `select actual::varchar as actual from mart_manager_metrics where period = '2026-Q1' and manager_id = 'M4' and metric = 'profit_contribution'`,
      {},
    );
    expect(metric.actual).toBe('350.530000');
  });

  it('M3: the other half, also 350.53', async () => {
    expect(await figures('manager', '2026-01', 'M3')).toEqual({ spread: '350.53', profit: '350.53', risk_adjusted: '350.53' });
  });

  it('SB2 sums the exact halves: 744 + 701.06999999 = 1,445.06999999 → 1,445.07', async () => {
    expect(await figures('org', '2026-01', 'SB2')).toEqual({ spread: '1445.07', profit: '1445.07', risk_adjusted: '1445.07' });
  });
});

describe('the org tree identity compares at the finest scale of int_org_periods', () => {
  const check = discoverChecks().find((c) => c.name === 'int_org_periods__tree_identity')!.sql;

  it('passes on the built bank, and sees a node off by 10^-13 yuan (cut at 12 places, it would not)', async () => {
    expect(await t.wh.query(check)).toEqual([]);
    // SB2's January profit is 1,445.06999999 (above); 10^-13 more is in the 13th place.
    await t.wh.run(
      `update int_org_periods set profit_contribution = profit_contribution + 0.0000000000001
       where org_id = 'SB2' and period = '2026-01'`,
    );
    // SB2 is no longer its own holders' sum, and its parent BR1 no longer the sum of its children.
    const rows = await t.wh.query<{ org_id: string; metric: string }>(`select org_id, metric from (${check}) order by org_id`);
    expect(rows).toEqual([
      { org_id: 'BR1', metric: 'profit_contribution' },
      { org_id: 'SB2', metric: 'profit_contribution' },
    ]);
  });
});
