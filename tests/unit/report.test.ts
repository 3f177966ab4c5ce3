import { describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import { toCsv } from '../../report/csv.ts';
import { toXlsx } from '../../report/xlsx.ts';
import { labelOf } from '../../report/labels.ts';
import { columnsOf, kindOf } from '../../report/table.ts';

const table = {
  columns: columnsOf(['manager_id', 'manager_name', 'profit_contribution', 'npl_ratio', 'sales_fund_units']),
  rows: [
    { manager_id: '007', manager_name: '王 "小" 明, 北京', profit_contribution: '1234567.89', npl_ratio: '0.012345', sales_fund_units: '3' },
    { manager_id: '010', manager_name: 'Li', profit_contribution: '-5.00', npl_ratio: null, sales_fund_units: '0' },
  ],
};

describe('report writers', () => {
  it('labels columns from the glossary in both languages', () => {
    expect(labelOf('profit_contribution', 'zh')).toBe('模拟利润');
    expect(labelOf('profit_contribution', 'en')).toBe('Profit contribution');
    expect(labelOf('sales_fund_units', 'zh')).toBe('基金销量');
    expect(labelOf('net_deposit_increase_target', 'zh')).toBe('存款净增任务');
    expect(labelOf('no_such_thing', 'en')).toBe('no_such_thing');
  });

  it('infers column kinds from names: ranks are counts, not money', () => {
    expect(kindOf('contribution_rank')).toBe('count');
    expect(kindOf('rank_in_peer_group')).toBe('count');
    expect(kindOf('profit_contribution')).toBe('money');
    expect(kindOf('npl_ratio')).toBe('ratio');
    expect(kindOf('client_id')).toBe('id');
  });

  it('writes CSV with a BOM, quoting, exact decimals and leading zeros', () => {
    const csv = toCsv(table, 'zh');
    expect(csv.startsWith('\uFEFF客户经理号,客户经理,模拟利润,不良率,基金销量\r\n')).toBe(true);
    expect(csv).toContain('007,"王 ""小"" 明, 北京",1234567.89,0.012345,3\r\n');
    expect(csv).toContain('010,Li,-5.00,,0\r\n');
  });

  it('writes XLSX that reads back with the same figures', async () => {
    const [sheet] = await readXlsxFile(await toXlsx(table, 'en'));
    expect(sheet!.sheet).toBe('Jixiao');
    const rows = sheet!.data;
    expect(rows[0]).toEqual(['Manager ID', 'Manager', 'Profit contribution', 'NPL ratio', 'Funds sold (units)']);
    expect(rows[1]).toEqual(['007', '王 "小" 明, 北京', 1234567.89, 0.012345, 3]);
    expect(rows[2]).toEqual(['010', 'Li', -5, null, 0]);
  });
});
