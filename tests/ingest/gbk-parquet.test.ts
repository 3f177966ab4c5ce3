// The mixed delivery (tests/fixtures/ingest/mixed, made by make-mixed.ts): GBK files with Chinese
// headers and codes read through the zh-core profile, a Parquet file, a CSV with two bad rows.
// A second run changes no count or sum. Plus Parquet line numbers, and a forced wrong encoding.
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingest/index.ts';
import { delivery, fixtures, one, warehouseState, withWarehouse } from './helpers.ts';

describe('GBK, Chinese headers and Parquet', () => {
  it('loads the good rows of the mixed delivery, lists each bad row, and a second run changes nothing', async () => {
    await withWarehouse(async (wh) => {
      const [r] = await ingestPath(wh, join(fixtures, 'mixed'));
      expect(r!.status).toBe('loaded');
      expect(r!.files.map((f) => [f.fileName, f.encoding, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
        ['机构.csv', 'gb18030', 4, 4, 0],
        ['products.csv', 'utf8', 3, 3, 0],
        ['managers.csv', 'utf8-bom', 2, 2, 0],
        ['客户.csv', 'gb18030', 3, 3, 0],
        ['存款_202402.csv', 'gb18030', 3, 3, 0],
        ['loans_202402.parquet', null, 2, 2, 0],
        // 2 bad rows of 300 = 0.67%, under the 1% threshold
        ['fees_202402.csv', 'utf8', 300, 298, 2],
      ]);
      expect(await wh.query(`select file_name, line, column_name, value, reason from load_rejects order by line`)).toEqual([
        { file_name: 'fees_202402.csv', line: '101', column_name: 'amount', value: 'abc', reason: 'not an amount (yuan, at most two decimals)' },
        { file_name: 'fees_202402.csv', line: '201', column_name: 'client_id', value: '9999', reason: 'unknown client' },
      ]);
      // Chinese codes through the profile: 总行/一级分行/支行, 对公/个人, 人民币/美元, 正常/次级.
      expect(await wh.query(`select org_id, level from raw_orgs order by org_id`)).toEqual([
        { org_id: 'B01', level: 'tier1_branch' }, { org_id: 'HQ', level: 'head_office' },
        { org_id: 'S01', level: 'sub_branch' }, { org_id: 'S02', level: 'sub_branch' },
      ]);
      expect(await wh.query(`select client_id, client_name, client_type, open_date::varchar as d from raw_clients order by 1`)).toEqual([
        { client_id: '0001', client_name: '甲公司', client_type: 'corporate', d: '2019-05-20' },
        { client_id: '0002', client_name: '乙先生', client_type: 'individual', d: '2020-01-15' },
        { client_id: '0003', client_name: '丙公司', client_type: 'corporate', d: '2021-06-30' },
      ]);
      // balance 1,500,000.00 + 60,000.50 + 8,000.00 = 1,568,000.50; avg 1,400,000 + 55,000.25 + 7,500 = 1,462,500.25
      expect(await one(wh, `select sum(balance)::varchar as b, sum(avg_balance)::varchar as a, string_agg(currency, ',' order by account_id) as c from raw_deposits`))
        .toEqual({ b: '1568000.50', a: '1462500.25', c: 'CNY,CNY,USD' });
      expect(await wh.query(`select file_name, line, column_name, value from load_extra_values order by line`)).toEqual([
        { file_name: '存款_202402.csv', line: '2', column_name: '客户名称', value: '甲公司' },
        { file_name: '存款_202402.csv', line: '3', column_name: '客户名称', value: '乙先生' },
        { file_name: '存款_202402.csv', line: '4', column_name: '客户名称', value: '丙公司' },
      ]);
      expect(await wh.query(`select loan_id, five_class, balance::varchar as b, as_of_date::varchar as d from raw_loans order by 1`)).toEqual([
        { loan_id: 'L0001', five_class: 'normal', b: '750000.00', d: '2024-02-29' },
        { loan_id: 'L0002', five_class: 'substandard', b: '500000.00', d: '2024-02-29' },
      ]);
      // fees: Σ over i = 1..300 of (10 + i/100) = 3000 + 451.50 = 3451.50, less the two rejected rows
      // i = 100 (line 101, 'abc' instead of 11.00) and i = 200 (line 201, 12.00): 3451.50 - 11.00 - 12.00 = 3428.50
      expect(await one(wh, `select count(*) as n, sum(amount)::varchar as s from raw_fees`)).toEqual({ n: '298', s: '3428.50' });

      const state = await warehouseState(wh);
      const [second] = await ingestPath(wh, join(fixtures, 'mixed'));
      expect(second!.status).toBe('unchanged');
      expect(await warehouseState(wh)).toEqual(state);
    });
  });

  it('numbers Parquet rows as lines (row 1 = line 2) and casts typed Parquet columns like CSV text', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const d = delivery(dir, 'pq', []);
      await wh.run(`copy (select * from (values
          (date '2024-01-31', 'A1', '0001', 'D01', 100.50::decimal(18,2), 100.00::decimal(18,2), 0.35::double),
          (date '2024-01-31', 'A2', '0099', 'D01', 1.00, 1.00, 0.35),
          (date '2024-01-31', 'A3', '0002', 'D01', 2.25, 2.00, 0.35)
        ) t(as_of_date, account_id, client_id, product_id, balance, avg_balance, rate)) to '${join(d, 'deposits.parquet')}' (format parquet)`);
      const [r] = await ingestPath(wh, d, { rejectThreshold: 0.5 });
      expect(r!.status).toBe('loaded');
      expect(await wh.query(`select file_name, line, column_name, reason from load_rejects`)).toEqual([
        { file_name: 'deposits.parquet', line: '3', column_name: 'client_id', reason: 'unknown client' },
      ]);
      // 100.50 + 2.25 = 102.75
      expect(await one(wh, `select sum(balance)::varchar as b from raw_deposits`)).toEqual({ b: '102.75' });
    });
  });

  it('a GBK file forced to be read as UTF-8 is refused with a clear reason, not loaded garbled', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const d = delivery(dir, 'gbk', [], {
        '手续费.csv': iconv.encode('交易日期,交易流水号,客户号,产品号,金额,备注\n2024-01-05,T1,0001,F01,1.00,柜面\n', 'gbk'),
      });
      const [forced] = await ingestPath(wh, d, { encoding: 'utf8' });
      expect(forced!.status).toBe('refused');
      expect(forced!.reasons.join('\n')).toMatch(/手续费\.csv/);
      const [auto] = await ingestPath(wh, d);
      expect(auto!.status).toBe('loaded');
      expect(await one(wh, `select txn_id, amount::varchar as a from raw_fees`)).toEqual({ txn_id: 'T1', a: '1.00' });
      expect(await one(wh, `select value from load_extra_values`)).toEqual({ value: '柜面' });
    });
  });
});
