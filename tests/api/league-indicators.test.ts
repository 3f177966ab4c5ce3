// The league and the institution page show the main indicators of the evaluation schemes in force
// under the node (issue 23, point 1; contract/main-indicators.ts): each one's figure and its
// achievement against target, in a month by elapsed time (序时进度), in the JSON list and its
// downloads; the institution page's tiles follow the node's own card, else its managers' schemes.
//
//   HQ ─┬─ B1 ─┬─ S11 (M1 retail, M2 corporate)
//       │      └─ S12 (M3 retail)
//       └─ B2 ─── S21 (M4 corporate)
//
// The schemes are the head-office defaults of config/schemes/, by weight:
//   corporate_default: profit_contribution 30, loan_spread 15, deposit_spread 15, fee_income 15
//     (the profit split the league shows already), npl_ratio 15, new_clients 10 → npl_ratio, new_clients;
//   retail_default: net_deposit_increase 15, then the 10s in card order: sales_wealth_units,
//     sales_agreement_units, … The fixture has no snapshot at the base date (2025-12-31), so no
//     manager has a net deposit increase: like a tile without a figure, it gives its place to the
//     next → sales_wealth_units, sales_agreement_units;
//   two of each scheme; both score two managers under HQ, so the scheme ids order them (corporate first).
//   sub_branch_default (the sub-branches' institution card): profit_contribution 20 and its
//   per-manager twin (profit shown first), deposit_avg_balance (per manager) 20,
//   net_deposit_increase 15, npl_ratio 15, development_share 10.
import { describe, expect, it } from 'vitest';
import { fixtureForFile, rawSql } from './fixture.ts';
import { jixiao } from './processes.ts';

// Targets of wealth products sold (units) beside the fixture's profit targets, and a March sale
// (the fixture's sales are February's: March would have no sales ledger).
const targets = `
insert into raw_sales values
  ('2026-03-05', 'SA3', 'C2', 'WM1', 'M1', 10000.00, 1, 'counter', 1);
insert into raw_targets values
  (2026, 'Q1', 'manager', 'M1', 'sales_wealth_units', null, 4.000000, 1),
  (2026, 'Q1', 'manager', 'M3', 'sales_wealth_units', null, 2.000000, 1),
  (2026, 'Y', 'manager', 'M1', 'sales_wealth_units', null, 10.000000, 1);
`;
const bank = fixtureForFile({ sql: rawSql + targets });

type Row = Record<string, unknown>;
interface League {
  meta: { indicators: { metric: string; label_zh: string | null; weight: string }[] };
  columns: { key: string; label: { zh: string; en: string } }[];
  rows: Row[];
}
const league = async (query: string) => {
  const res = await bank.get(`/api/orgs/HQ/managers?${query}&page_size=50`);
  expect(res.status).toBe(200);
  return (await res.json()) as League;
};
const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.manager_id as string, r]));

describe('the league shows the schemes\' main indicators', () => {
  it('names the main indicators of both lines\' schemes, with the scheme\'s names, and carries figure and achievement columns', async () => {
    const body = await league('period=2026-Q1');
    expect(body.meta.indicators.map((i) => i.metric)).toEqual(['npl_ratio', 'new_clients', 'sales_wealth_units', 'sales_agreement_units']);
    expect(body.meta.indicators.map((i) => i.label_zh)).toEqual(['资产质量(不良率)', '新增客户数', '新增理财金账户', '新增存折代扣协议']);
    const keys = body.columns.map((c) => c.key);
    expect(keys).not.toContain('achievement__net_deposit_increase');
    for (const m of ['npl_ratio', 'new_clients', 'sales_wealth_units', 'sales_agreement_units']) {
      expect(keys).toContain(m);
      expect(keys).toContain(`achievement__${m}`);
    }
    expect(body.columns.find((c) => c.key === 'achievement__sales_wealth_units')!.label).toEqual({ zh: '理财销量完成率', en: 'Wealth management sold (units) achievement' });
  });

  it('quarter: the figures of mart_manager_period, achievement = actual / target', async () => {
    const rows = byId((await league('period=2026-Q1')).rows);
    // M1 sold SA1 (February) and SA3 (March), M3 SA2 (February), one wealth product each, credited
    // in full: M1 2 / 4 = 0.50, M3 1 / 2 = 0.50; no target for the corporate managers.
    expect([rows.M1!.sales_wealth_units, rows.M1!.achievement__sales_wealth_units]).toEqual(['2.000000', '0.500000']);
    expect([rows.M3!.sales_wealth_units, rows.M3!.achievement__sales_wealth_units]).toEqual(['1.000000', '0.500000']);
    expect(rows.M2!.achievement__sales_wealth_units).toBeNull();
    // NPL ratio at March's end: M2's loan L3 (2,000,000.00) is substandard → 1; M4's L5 special mention → 0.
    // No NPL-ratio target in the targets file: no achievement.
    expect([rows.M2!.npl_ratio, rows.M4!.npl_ratio]).toEqual(['1.000000', '0.000000']);
    expect([rows.M2!.achievement__npl_ratio, rows.M4!.achievement__npl_ratio]).toEqual([null, null]);
  });

  it('month: achievement is the year to date against the annual target by elapsed time (序时进度)', async () => {
    const rows = byId((await league('period=2026-03')).rows);
    // 2026-03: 90 of 365 days gone; pace target = round(10 × 90 / 365, 2) = 2.47; year to date 2 units
    // (February's and March's): 2 / 2.47 = 0.809717 (6 places), beside March's own figure, 1 unit.
    // M3 has no annual target: no achievement.
    expect([rows.M1!.sales_wealth_units, rows.M1!.achievement__sales_wealth_units]).toEqual(['1.000000', '0.809717']);
    expect(rows.M3!.achievement__sales_wealth_units).toBeNull();
    // its own column, not the metrics mart's `<metric>_achievement` (a month has no target of its
    // own: that one is null); the download carries it too
    const [header, ...lines] = (await (await bank.get('/api/orgs/HQ/managers?period=2026-03&format=csv')).text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    // headed by elapsed time although the fixture's managers have no annual profit target (no elapsed_share on their rows)
    const at = header!.split(',').indexOf('理财销量序时完成率（比率，1=100%）');
    expect(lines.map((l) => l.split(',')).find((cells) => cells[0] === 'M1')![at]).toBe('0.809717');
  });

  it('jixiao export managers carries the same indicator columns, for the whole bank and for --org', async () => {
    const api = byId((await league('period=2026-03')).rows);
    const cli = await jixiao(['export', 'managers', '--period', '2026-03', '--format', 'json', '--db', bank.f.dbPath]);
    expect(cli.code, cli.err).toBe(0);
    const rows = byId(JSON.parse(cli.out) as Row[]);
    // the root's league has the four indicators; each achievement the API's (JSON: decimals as numbers)
    for (const m of ['npl_ratio', 'new_clients', 'sales_wealth_units', 'sales_agreement_units']) expect(rows.M1).toHaveProperty(`achievement__${m}`);
    expect(rows.M1!.achievement__sales_wealth_units).toBe(Number(api.M1!.achievement__sales_wealth_units)); // 0.809717
    // S12's league: one retail manager, so the retail scheme's indicators only
    const s12 = JSON.parse((await jixiao(['export', 'managers', '--period', '2026-Q1', '--org', 'S12', '--format', 'json', '--db', bank.f.dbPath])).out) as Row[];
    expect(Object.keys(s12[0]!).filter((k) => k.startsWith('achievement__'))).toEqual(['achievement__sales_wealth_units', 'achievement__sales_agreement_units']);
  });

  it('a league of one line shows that line\'s scheme only', async () => {
    const body = await league('period=2026-Q1&line=retail');
    expect(body.meta.indicators.map((i) => i.metric)).toEqual(['sales_wealth_units', 'sales_agreement_units']);
    expect(body.columns.map((c) => c.key)).not.toContain('achievement__npl_ratio');
  });

  it('the download carries the indicator columns, headed in Chinese', async () => {
    const res = await bank.get('/api/orgs/HQ/managers?period=2026-Q1&format=csv');
    expect(res.status).toBe(200);
    const [header, ...lines] = (await res.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const cols = header!.split(',');
    const at = cols.findIndex((c) => c.startsWith('理财销量完成率'));
    expect(at).toBeGreaterThan(-1);
    const m1 = lines.map((l) => l.split(',')).find((cells) => cells[0] === 'M1')!;
    expect(m1[at]).toBe('0.500000');
  });
});

describe('the institution page\'s tiles follow the schemes', () => {
  const tiles = async (org: string, period = '2026-03') => {
    const res = await bank.get(`/api/orgs/${org}?period=${period}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { indicators: { metric: string }[] }).indicators.map((i) => i.metric);
  };

  it('a sub-branch: its own institution card\'s main indicators, profit contribution (shown first) left out', async () => {
    // by weight: deposit_avg_balance 20, net_deposit_increase 15, npl_ratio 15, development_share 10;
    // with a figure: no net deposit increase (no base-date snapshot), and no development share in
    // March (the fixture's visits are January's and February's: no visits ledger in March)
    expect(await tiles('S11', '2026-Q1')).toEqual(['deposit_avg_balance', 'npl_ratio', 'development_share']);
    expect(await tiles('S11')).toEqual(['deposit_avg_balance', 'npl_ratio']);
  });

  it('head office, which no institution scheme scores: its managers\' schemes\' main indicators, as the league\'s', async () => {
    // as in the league, the net deposit increase has no figure (no base-date snapshot): the next one's tile
    expect(await tiles('HQ')).toEqual(['npl_ratio', 'new_clients', 'sales_wealth_units', 'sales_agreement_units']);
  });
});
