// Which products sold the client page, the manager card and the league's optional columns show
// (web/src/features/sales/sales.ts): only categories with a sale; a sales ledger not delivered
// (every sales figure null) is said as such, not shown as nothing sold.
import { describe, expect, it } from 'vitest';
import { salesByCategory, salesColumns, salesState, soldCategories } from '../../web/src/features/sales/sales.ts';
import { leagueColumns } from '../../web/src/features/managers/league.ts';

const zero = { sales_wealth_units: '0.000000', sales_wealth_amount: '0.00', sales_credit_card_units: '0.000000', sales_credit_card_amount: '0.00' };

describe('products sold', () => {
  it('lists the categories any row sold, in the catalog order, units then amount', () => {
    const rows = [
      { ...zero, sales_credit_card_units: '0.500000' }, // half a card (a shared client), no amount
      { ...zero, sales_wealth_units: '1.000000', sales_wealth_amount: '50000.00' },
    ];
    expect(soldCategories(rows)).toEqual(['wealth', 'credit_card']);
    expect(salesColumns(rows).map((c) => `${c.key}:${c.kind}`)).toEqual(['sales_wealth_units:number', 'sales_wealth_amount:money', 'sales_credit_card_units:number', 'sales_credit_card_amount:money']);
    expect(salesColumns(rows, 'count')[0]!.kind).toBe('count');
  });

  it('tells not delivered (all null) from nothing sold (all 0) and from rows without sales columns', () => {
    expect(salesState([{ sales_wealth_units: null, sales_wealth_amount: null }])).toBe('not_delivered');
    expect(salesState([zero])).toBe('none');
    expect(salesState([{ ...zero, sales_wealth_amount: '10.00' }])).toBe('sold');
    expect(salesState([{ period: '2026-01' }])).toBe('absent');
  });

  it('gives a card one row per category sold, named in the language', () => {
    const row = { ...zero, sales_wealth_units: '1.000000', sales_wealth_amount: '50000.00' };
    expect(salesByCategory(row, 'zh')).toEqual([{ category: 'wealth', category_name: '理财', units: '1.000000', amount: '50000.00' }]);
    expect(salesByCategory(row, 'en')[0]!.category_name).toBe('Wealth management');
  });

  it('adds the league\'s optional columns only when asked (?sales=1), before the compare box', () => {
    const rows = [{ manager_id: 'M1', ...zero, sales_wealth_units: '1.000000', sales_wealth_amount: '50000.00' }];
    const keys = (sales: boolean) => leagueColumns(rows, () => true, 'zh', { sales }).map((c) => c.key);
    expect(keys(false).filter((k) => k.startsWith('sales_'))).toEqual([]);
    expect(keys(true).slice(-3)).toEqual(['sales_wealth_units', 'sales_wealth_amount', 'select']);
  });

  it('shows a scheme\'s indicator once: the sales column an indicator already shows is not repeated', () => {
    const rows = [{ manager_id: 'M1', ...zero, sales_wealth_units: '1.000000', sales_wealth_amount: '50000.00', achievement__sales_wealth_units: '0.500000' }];
    const indicators = [{ metric: 'sales_wealth_units', label_zh: '新增理财金账户', label_en: 'New wealth-management accounts', weight: '10.0000' }];
    const cols = leagueColumns(rows, () => true, 'zh', { sales: true, indicators });
    expect(cols.filter((c) => c.key === 'sales_wealth_units')).toHaveLength(1);
    // the indicator's figure and achievement, headed with the scheme's name (a quarter: no pace)
    expect(cols.filter((c) => c.key.endsWith('sales_wealth_units')).map((c) => c.label)).toEqual(['新增理财金账户', '新增理财金账户完成率']);
  });

  it('heads an indicator\'s achievement by elapsed time in a month, and leaves it out when no row has one', () => {
    const month = { manager_id: 'M1', elapsed_share: '0.246575', npl_ratio: '0.010000', achievement__npl_ratio: null, new_clients: '2' };
    const indicators = [
      { metric: 'npl_ratio', label_zh: '资产质量(不良率)', label_en: 'Asset quality (NPL ratio)', weight: '15.0000' },
      { metric: 'new_clients', label_zh: '新增客户数', label_en: 'New clients', weight: '10.0000' },
    ];
    expect(leagueColumns([month], () => true, 'en', { indicators }).filter((c) => /npl_ratio|new_clients/.test(c.key)).map((c) => [c.key, c.kind, c.label])).toEqual([
      ['npl_ratio', 'ratio', 'Asset quality (NPL ratio)'],
      ['new_clients', 'count', 'New clients'],
    ]);
    const paced = leagueColumns([{ ...month, achievement__npl_ratio: '0.800000' }], () => true, 'zh', { indicators });
    expect(paced.find((c) => c.key === 'achievement__npl_ratio')!.label).toBe('资产质量(不良率)序时完成率');
  });
});
