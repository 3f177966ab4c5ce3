// development_share (营销拜访占比) = development_visits / visits, added by following sql/README.md
// "Adding a metric": a catalog entry (config/glossary.json), its macro (sql/macros/metrics.sql),
// this test. The period marts, the long marts (base, target, achievement, growth) follow.
// Fixture visits in 2026-Q1: V1 M1 maintenance (Jan), V2 M1 development (Feb, a prospect),
// V3 M3 development (Jan), V4 M2 maintenance (Mar); M1 and M2 are in SB1, M3 in SB2, SB1 and SB2
// under BR1 under HO.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFixture, rowOf, type TempWarehouse } from './helpers.ts';

let t: TempWarehouse;
beforeAll(async () => {
  // a target and a given base for M1's development share in Q1
  t = await builtFixture(`insert into raw_targets values (2026, 'Q1', 'manager', 'M1', 'development_share', 0.25, 0.4, 1)`);
});
afterAll(() => t?.close());

const share = async (table: string, key: string, period: string, id: string) =>
  (await rowOf(t.wh, `select development_share::varchar as s from ${table} where period = $period and ${key} = $id`, { period, id })).s;

describe('development_share', () => {
  it('is development visits over visits for each manager, 6 decimals; null without visits', async () => {
    expect(await share('mart_manager_period', 'manager_id', '2026-Q1', 'M1')).toBe('0.500000'); // 1 / 2 (V2 of V1, V2)
    expect(await share('mart_manager_period', 'manager_id', '2026-Q1', 'M2')).toBe('0.000000'); // 0 / 1 (V4)
    expect(await share('mart_manager_period', 'manager_id', '2026-Q1', 'M3')).toBe('1.000000'); // 1 / 1 (V3)
    expect(await share('mart_manager_period', 'manager_id', '2026-03', 'M1')).toBeNull(); // no visit in March
  });

  it('is taken over the subtree for each org node', async () => {
    expect(await share('mart_org_period', 'org_id', '2026-Q1', 'SB1')).toBe('0.333333'); // 1 / 3 (V1, V2, V4) = 0.3333…
    expect(await share('mart_org_period', 'org_id', '2026-Q1', 'SB2')).toBe('1.000000'); // 1 / 1
    expect(await share('mart_org_period', 'org_id', '2026-Q1', 'HO')).toBe('0.500000'); // 2 / 4
  });

  it('is the same figure as the process mart shows', async () => {
    expect(await share('mart_manager_process_period', 'manager_id', '2026-Q1', 'M1')).toBe('0.500000');
  });

  it('is scored in long form against the targets file', async () => {
    const row = await rowOf(
      t.wh,
      `select actual::varchar as actual, base::varchar as base, target::varchar as target, achievement::varchar as achievement,
         growth::varchar as growth
       from mart_manager_metrics where period = '2026-Q1' and manager_id = 'M1' and metric = 'development_share'`,
      {},
    );
    // achievement = 0.5 / 0.4 = 1.25; growth = 0.5 − 0.25 (the given base) = 0.25
    expect(row).toEqual({ actual: '0.500000', base: '0.250000', target: '0.400000', achievement: '1.250000', growth: '0.250000' });
    // no base period loaded and no base given: no computed base (visits have none)
    const org = await rowOf(
      t.wh,
      `select actual::varchar as actual, base, target from mart_org_metrics where period = '2026-Q1' and org_id = 'SB1' and metric = 'development_share'`,
      {},
    );
    expect(org).toEqual({ actual: '0.333333', base: null, target: null });
  });
});
