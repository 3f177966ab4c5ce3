// Any amount that fits DECIMAL(18,2) builds, exactly. The ordinary build keeps money in 64-bit
// decimals; a warehouse holding larger sums makes it overflow (DuckDB raises it, never wraps), and the
// build runs again in the wide form (warehouse/wide.ts). Both forms give the same figures.
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../warehouse/build.ts';
import { insertFixtureBank } from '../fixtures/models/bank.ts';
import { rowOf, tempWarehouse, type TempWarehouse } from './helpers.ts';

let t: TempWarehouse | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const MAX = '9999999999999999.99';
// C9, held by M1 and M2 half each: a 12-month deposit at 2.00 % and a 12-month loan at 4.50 %, both
// of the largest amount, in every month of the fixture (the deposit also at the 2025 year-end).
const largest = `
  insert into raw_clients values ('C9', '庚集团', 'corporate', null, null, null, 'SB1', 1);
  insert into raw_assignments values ('C9', 'M1', 0.5, date '2025-01-01', null, 1), ('C9', 'M2', 0.5, date '2025-01-01', null, 1);
  insert into raw_deposits values
    ${['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31'].map((d) => `(date '${d}', 'D9', 'C9', 'DT12', 'CNY', ${MAX}, ${MAX}, 2.00, 'SB1', 1)`).join(',\n    ')};
  insert into raw_loans values
    ${['2026-01-31', '2026-02-28', '2026-03-31'].map((d) => `(date '${d}', 'L9', 'C9', 'L12', 'CNY', date '2025-10-01', date '2026-09-30', ${MAX}, ${MAX}, ${MAX}, 4.50, 'normal', 0, 'M1', 'SB1', 1)`).join(',\n    ')};`;

describe('the largest amounts', () => {
  it('a deposit and a loan of 9,999,999,999,999,999.99 build, exactly, and every check passes', async () => {
    t = await tempWarehouse();
    await insertFixtureBank(t.wh);
    await t.wh.run(largest);
    const result = await build(t.wh, { configDir: t.configDir }); // a failed check would throw
    expect(result.wide).toBe(true);
    // the ordinary attempt overflowed and was logged; the wide one built
    const log = await t.wh.query<{ status: string; message: string | null }>(`select status, message from build_log order by build_id`);
    expect(log.map((l) => l.status)).toEqual(['failed', 'built']);
    expect(log[0]!.message).toMatch(/overflow|out of range/i);
    // A = 9,999,999,999,999,999.99; each month's spread A × Δ / 100 × days / 365 rounded to 10^-8:
    //   deposit (FTP 12 months 2.50, 2.50, 2.80 − 2.00): A×0.50×31/36500 = 4,246,575,342,465.75342041,
    //     A×0.50×28/36500 = 3,835,616,438,356.16437973, A×0.80×31/36500 = 6,794,520,547,945.20547266;
    //     Σ = 14,876,712,328,767.12327280 → 14,876,712,328,767.12
    //   loan (4.50 − 2.50, 2.50, 2.80): 16,986,301,369,863.01368164 + 15,342,465,753,424.65751890
    //     + 14,438,356,164,383.56162940 = 46,767,123,287,671.23282994 → 46,767,123,287,671.23
    //   expected loss (pd 0.01 × lgd 0.45): A×0.0045×31/365 = 3,821,917,808,219.17807837,
    //     ×28/365 = 3,452,054,794,520.54794175, ×31/365 again; Σ = 11,095,890,410,958.90409849
    //   profit contribution = 61,643,835,616,438.35610274 → .36; risk-adjusted 50,547,945,205,479.45
    expect(await rowOf(t.wh, `select deposit_avg_balance::varchar as dab, deposit_end_balance::varchar as deb, loan_end_balance::varchar as leb,
        deposit_spread::varchar as ds, loan_spread::varchar as ls, expected_loss::varchar as el, profit_contribution::varchar as pc,
        risk_adjusted_contribution::varchar as rac, net_deposit_increase::varchar as ndi
      from mart_client_period where period = '2026-Q1' and client_id = 'C9'`, {})).toEqual({
      dab: MAX, deb: MAX, leb: MAX,
      ds: '14876712328767.12', ls: '46767123287671.23', el: '11095890410958.90',
      pc: '61643835616438.36', rac: '50547945205479.45', ndi: '0.00',
    });
    // the head office holds it all (every node = Σ children + own is checked exactly by the build)
    const root = await rowOf(t.wh, `select deposit_end_balance::varchar as deb from mart_org_period where period = '2026-Q1' and parent_id is null`, {});
    // A + the fixture's 13,140,000.00 at the end of March (4,015,000 + 7,300,000 + 1,095,000 + 730,000)
    expect(root.deb).toBe('10000000013139999.99');
  });

  it('the wide form gives the very figures of the ordinary one', async () => {
    t = await tempWarehouse();
    await insertFixtureBank(t.wh);
    const marts = async () =>
      (await t!.wh.query<{ name: string }>(`select table_name as name from duckdb_tables() where table_name like 'mart\\_%' escape '\\' and not temporary order by 1`)).map((r) => r.name);
    const ordinary = await build(t.wh, { configDir: t.configDir });
    expect(ordinary.wide).toBe(false);
    const names = await marts();
    expect(names.length).toBeGreaterThan(20);
    for (const n of names) await t.wh.run(`create table ordinary__${n} as select * from ${n}`);
    const wide = await build(t.wh, { configDir: t.configDir, wide: true });
    expect(wide.wide).toBe(true);
    for (const n of names) {
      const [diff] = await t.wh.query<{ n: string }>(
        `select count(*)::varchar as n from ((select * from ${n} except all select * from ordinary__${n}) union all (select * from ordinary__${n} except all select * from ${n}))`,
      );
      expect({ mart: n, differing: diff!.n }).toEqual({ mart: n, differing: '0' });
    }
  });
});
