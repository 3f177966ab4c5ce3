// The headers of every download (report/table.ts headerOf, used by CSV and XLSX alike) state each
// figure's unit — money in the bank's reporting currency (config/currency.json), ratios, counts —,
// say "未提供 / not delivered" on a column whose ledger the period lacks (contract/unavailable.ts),
// and head a month's league columns measured by elapsed time as such (序时任务, 序时完成率).
import { describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { toCsv } from '../../report/csv.ts';
import { toXlsx } from '../../report/xlsx.ts';
import { columnsOf, headerOf } from '../../report/table.ts';
import { unavailableColumns } from '../../contract/unavailable.ts';

const czk = { zh: 'CZK', en: 'CZK' };
const columns = columnsOf(['manager_id', 'loan_end_balance', 'deposit_avg_balance', 'npl_ratio', 'visits', 'total_score']);
const rows = [{ manager_id: 'M1', loan_end_balance: '100000.00', deposit_avg_balance: null, npl_ratio: null, visits: null, total_score: '81.50' }];

describe('download headers', () => {
  it('state the unit of each figure: the reporting currency for money, ratio, count; none for ids and scores', () => {
    expect(headerOf({ columns, rows, notes: { money: czk } }, 'zh')).toEqual(['客户经理号', '贷款余额（CZK）', '日均存款（CZK）', '不良率（比率，1=100%）', '拜访次数（数量）', '综合得分']);
    expect(headerOf({ columns, rows, notes: { money: czk } }, 'en')).toEqual(['Manager ID', 'Period-end loans (CZK)', 'Avg daily deposits (CZK)', 'NPL ratio (ratio: 1 = 100%)', 'Visits (count)', 'Total score']);
    // without a configured currency: the default's (CNY, 元)
    expect(headerOf({ columns, rows }, 'zh')[1]).toBe('贷款余额（元）');
  });

  it('say which columns rest on a ledger not delivered, in CSV and XLSX', async () => {
    // deposits and visits not delivered: their figures are unavailable; loans (and the 0/0 NPL ratio of a node without loans) are not
    const unavailable = unavailableColumns(columns.map((c) => c.key), ['deposits', 'fees', 'visits']);
    expect(unavailable).toEqual({ deposit_avg_balance: 'not_delivered', visits: 'not_delivered' });
    const table = { columns, rows, notes: { money: czk, unavailable } };
    expect(toCsv(table, 'zh').split('\r\n')[0]).toBe('\uFEFF客户经理号,贷款余额（CZK）,日均存款（CZK；未提供）,不良率（比率，1=100%）,拜访次数（数量；未提供）,综合得分');
    const [sheet] = await readXlsxFile(await toXlsx(table, 'en'));
    expect(sheet!.data[0]).toEqual(['Manager ID', 'Period-end loans (CZK)', 'Avg daily deposits (CZK; not delivered)', 'NPL ratio (ratio: 1 = 100%)', 'Visits (count; not delivered)', 'Total score']);
    expect(sheet!.data[1]).toEqual(['M1', 100000, null, null, null, 81.5]);
  });

  it('head a month league measured by elapsed time as such (序时任务, 序时完成率), other periods as targets', () => {
    const league = columnsOf(['profit_contribution', 'profit_contribution_target', 'profit_contribution_achievement']);
    const month = [{ profit_contribution: '10.00', profit_contribution_target: '40.00', profit_contribution_achievement: '0.250000', elapsed_share: '0.250000' }];
    expect(headerOf({ columns: league, rows: month }, 'zh')).toEqual(['模拟利润（元）', '序时任务（元）', '序时完成率（比率，1=100%）']);
    expect(headerOf({ columns: league, rows: month }, 'en')).toEqual(['Profit contribution (CNY)', 'Target by elapsed time (CNY)', 'Achievement by elapsed time (ratio: 1 = 100%)']);
    const quarter = month.map((r) => ({ ...r, elapsed_share: null }));
    expect(headerOf({ columns: league, rows: quarter }, 'zh')).toEqual(['模拟利润（元）', '模拟利润任务（元）', '模拟利润完成率（比率，1=100%）']);
    // the download says the period: a month league is headed so although no row has an annual
    // target (elapsed_share null), with an indicator's achievement; a quarter's is not
    const indicator = [...league, ...columnsOf(['achievement__sales_wealth_units'])];
    expect(headerOf({ columns: indicator, rows: quarter, notes: { month: true } }, 'zh').slice(1)).toEqual(['序时任务（元）', '序时完成率（比率，1=100%）', '理财销量序时完成率（比率，1=100%）']);
    expect(headerOf({ columns: indicator, rows: month, notes: { month: false } }, 'zh').slice(1)).toEqual(['模拟利润任务（元）', '模拟利润完成率（比率，1=100%）', '理财销量完成率（比率，1=100%）']);
    // not a league (an org table without elapsed_share): never headed by elapsed time
    expect(headerOf({ columns: league, rows: [{ profit_contribution: '1.00' }], notes: { month: true } }, 'zh')[1]).toBe('模拟利润任务（元）');
  });

  it('mark a figure adding deposits, loans and fees unavailable only when none of the three was delivered', () => {
    const keys = ['profit_contribution', 'profit_contribution_target', 'profit_contribution_achievement', 'sales_credit_card_units'];
    expect(unavailableColumns(keys, ['deposits', 'fees', 'visits'])).toEqual({});
    expect(unavailableColumns(keys, ['deposits', 'loans', 'fees', 'sales'])).toEqual({
      profit_contribution: 'not_delivered',
      profit_contribution_achievement: 'not_delivered', // a target is there whatever was delivered; achievement needs the actual
      sales_credit_card_units: 'not_delivered',
    });
  });
});
