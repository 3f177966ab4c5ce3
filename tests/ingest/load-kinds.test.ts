// Every file kind of the contract loads, typed as declared: ids keep leading zeros, the three date
// layouts, thousands separators, defaults, value aliases, extra columns kept aside, the load log.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingest/index.ts';
import { delivery, fixtures, one, withWarehouse } from './helpers.ts';

describe('ingest of every file kind', () => {
  it('loads the reference files, then the ledgers, with exact values', async () => {
    await withWarehouse(async (wh, dir) => {
      const [refs] = await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      expect(refs!.status).toBe('loaded');
      expect(refs!.rowsRejected).toBe(0);
      // 4 orgs + 5 products + 2 managers + 3 clients + 4 assignments + 2 ftp points + 2 targets = 22
      expect(refs!.rowsLoaded).toBe(22);

      const [ledgers] = await ingestPath(wh, delivery(dir, 'ledgers', ['ledgers']));
      expect(ledgers!.status).toBe('loaded');
      expect(ledgers!.reasons).toEqual([]);
      // 3 adjustments + 3 deposits + 2 loans + 2 fees + 2 sales + 2 visits = 14
      expect(ledgers!.rowsLoaded).toBe(14);

      // ids are strings: 0001 keeps its zeros; 2019/05/20 and 20180701 are dates.
      expect(await wh.query(`select client_id, open_date::varchar as open_date from raw_clients order by client_id`)).toEqual([
        { client_id: '0001', open_date: '2019-05-20' },
        { client_id: '0002', open_date: '2020-01-15' },
        { client_id: '0003', open_date: '2021-06-30' },
      ]);
      expect(await one(wh, `select hire_date::varchar as d from raw_managers where manager_id = 'M002'`)).toEqual({ d: '2018-07-01' });
      // The contract's column `line` (business line) is data, not the file's line number.
      expect(await wh.query(`select manager_id, line, grade from raw_managers order by manager_id`)).toEqual([
        { manager_id: 'M001', line: 'corporate', grade: 'senior' },
        { manager_id: 'M002', line: 'retail', grade: null },
      ]);
      expect(await one(wh, `select product_name, term_months from raw_products where product_id = 'W01'`)).toEqual({ product_name: '理财产品, 稳健型', term_months: null });
      expect(await one(wh, `select count(*) as n, sum(share)::varchar as s from raw_assignments where client_id = '0002'`)).toEqual({ n: '2', s: '1.000000' });
      expect(await wh.query(`select metric, base_value::varchar as b, target_value::varchar as t from raw_targets order by metric`)).toEqual([
        { metric: 'deposit_avg_balance', b: '1000000.000000', t: '1200000.000000' },
        { metric: 'fee_income', b: null, t: '50000.500000' },
      ]);

      // Deposits: three date layouts, one month-end; "1,234,567.89" is an amount.
      // balance 1,234,567.89 + 50,000 + 0.01 = 1,284,567.90; avg 1,200,000 + 49,000.50 + 0 = 1,249,000.50
      expect(await one(wh, `select count(distinct as_of_date) as dates, min(as_of_date)::varchar as d, sum(balance)::varchar as bal,
          sum(avg_balance)::varchar as avg, count(*) filter (where currency = 'CNY') as cny, count(org_id) as orgs from raw_deposits`))
        .toEqual({ dates: '1', d: '2024-01-31', bal: '1284567.90', avg: '1249000.50', cny: '3', orgs: '2' });

      // Loans: BOM and CRLF; 'Special_Mention' is special_mention; empty currency defaults to CNY.
      // balance 800,000 + 500,000 = 1,300,000.00
      expect(await wh.query(`select loan_id, five_class, currency, overdue_days from raw_loans order by loan_id`)).toEqual([
        { loan_id: 'L0001', five_class: 'normal', currency: 'CNY', overdue_days: 0 },
        { loan_id: 'L0002', five_class: 'special_mention', currency: 'CNY', overdue_days: 35 },
      ]);
      expect(await one(wh, `select sum(balance)::varchar as b from raw_loans`)).toEqual({ b: '1300000.00' });

      // fees 120.50 + 35 = 155.50; sales units default to 1; visits of a prospect have no client.
      expect(await one(wh, `select sum(amount)::varchar as s from raw_fees`)).toEqual({ s: '155.50' });
      expect(await wh.query(`select sale_id, amount::varchar as amount, units from raw_sales order by sale_id`)).toEqual([
        { sale_id: 'S0001', amount: '100000.00', units: 1 },
        { sale_id: 'S0002', amount: null, units: 3 },
      ]);
      expect(await one(wh, `select client_id from raw_visits where visit_id = 'V0002'`)).toEqual({ client_id: null });
      // Adjustments repeat items: line_no keeps them apart; -2 - 1 + 5.5 = 2.50
      expect(await one(wh, `select list(line_no order by line_no) as lines, sum(points)::varchar as p from raw_adjustments`))
        .toEqual({ lines: [2, 3, 4], p: '2.50' });

      // The extra column 'remark' is kept aside (only non-empty values), and listed with the file.
      expect(await wh.query(`select file_name, line, column_name, value from load_extra_values`)).toEqual([
        { file_name: 'deposits_202401.csv', line: '2', column_name: 'remark', value: 'VIP' },
      ]);
      const sha = createHash('sha256').update(readFileSync(join(fixtures, 'ledgers', 'deposits_202401.csv'))).digest('hex');
      expect(await one(wh, `select encoding, sha256, rows_read, rows_loaded, extra_columns from load_files where file_name = 'deposits_202401.csv'`))
        .toEqual({ encoding: 'utf8', sha256: sha, rows_read: '3', rows_loaded: '3', extra_columns: ['remark'] });
      expect(await one(wh, `select encoding from load_files where file_name = 'loans_202401.csv'`)).toEqual({ encoding: 'utf8-bom' });
      expect(await wh.query(`select load_id, status, files, rows_read, rows_loaded, rows_rejected from load_log order by load_id`)).toEqual([
        { load_id: refs!.loadId, status: 'loaded', files: 7, rows_read: '22', rows_loaded: '22', rows_rejected: '0' },
        { load_id: ledgers!.loadId, status: 'loaded', files: 6, rows_read: '14', rows_loaded: '14', rows_rejected: '0' },
      ]);
      // Every row carries the load that wrote it.
      expect(await one(wh, `select list(distinct load_id) as ids from raw_deposits`)).toEqual({ ids: [ledgers!.loadId] });
    });
  });
});
