// Every reject reason of the contract: each bad row is set aside with file, line, column, value and
// reason, the good rows load, and a row is never half-loaded. Threshold 1 here so nothing is refused.
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingest/index.ts';
import { delivery, one, withWarehouse } from './helpers.ts';

const files = {
  'deposits.csv': [
    'as_of_date,account_id,client_id,product_id,currency,balance,avg_balance,rate,org_id',
    '2024-01-31,A01,0001,D01,CNY,100.00,100.00,0.35,S01', //  2 good
    '2024-01-31,A02,0001,D01,CNY,,100.00,0.35,S01', //        3 missing balance
    '2024-13-01,A03,0001,D01,CNY,100.00,100.00,0.35,S01', //  4 bad date
    '2024-01-31,A04,0001,D01,CNY,abc,100.00,0.35,S01', //     5 text in an amount
    '2024-01-31,A05,0001,D01,CNY,12.345,100.00,0.35,S01', //  6 three decimals
    '2024-01-31,A06,0099,D01,CNY,100.00,100.00,0.35,S01', //  7 unknown client
    '2024-01-31,A07,0001,X99,CNY,100.00,100.00,0.35,S01', //  8 unknown product
    '2024-01-31,A08,0001,D01,CNY,100.00,100.00,0.35,S99', //  9 unknown org
    '2024-01-31,A09,0001,D01,CNY,100.00,100.00,n/a,S01', //  10 not a rate
    '2024-01-31,A01,0002,D01,CNY,5.00,5.00,0.35,S02', //     11 duplicate of line 2
    '2024-01-31,A10,0002,D01,CNY,7.00,7.00,0.35,S02', //     12 good
  ].join('\n'),
  'loans.csv': [
    'as_of_date,loan_id,client_id,product_id,balance,avg_balance,rate,five_class,overdue_days,originating_manager_id',
    '2024-01-31,L1,0001,L12,10,10,4.35,bad,0,M001', //   2 unknown class
    '2024-01-31,L2,0001,L12,10,10,4.35,normal,3.5,M001', // 3 not an integer
    '2024-01-31,L3,0001,L12,10,10,4.35,normal,0,M999', // 4 unknown manager
    '2024-01-31,L4,0001,L12,10,10,4.35,损失,0,M001', //   5 good: 损失 is loss (zh-core profile)
  ].join('\n'),
  'assignments.csv': [
    'client_id,manager_id,share,valid_from,valid_to',
    '0003,M002,1.5,2024-01-01,', //            2 share out of range
    '0001,M001,1,2019-05-20,2023-12-31', //    3 good: closes the old assignment
    '0001,M001,0.5,2024-01-01,', //            4 0.5 + 0.3 = 0.8 on 2024-01-01
    '0001,M002,0.3,2024-01-01,', //            5 (same)
    '0003,M001,1,2024-05-01,2024-04-30', //    6 valid_to before valid_from
  ].join('\n'),
  'orgs.csv': [
    'org_id,parent_id,org_name,level',
    'X1,NOPE,Orphan,outlet', //          2 unknown parent
    'R2,,Second root,head_office', //    3 a second root
    'C1,C2,Cycle one,outlet', //         4 cycle
    'C2,C1,Cycle two,outlet', //         5 cycle
    'S03,B01,Third,sub_branch', //       6 good
    'S04,S03,Fourth,region', //          7 unknown level
  ].join('\n'),
  'visits.csv': [
    'visit_date,visit_id,manager_id,client_id,purpose,outcome',
    '2024-01-05,V1,M001,0001,party,', // 2 unknown purpose
    '2024-01-05,V2,M001,,other,', //     3 good (a prospect)
  ].join('\n'),
  'targets.csv': [
    'year,period,subject_type,subject_id,metric,base_value,target_value',
    '2024,Y,org,S99,fee_income,,1', //      2 unknown org
    '2024,Y,manager,S01,fee_income,,1', //  3 S01 is an org, not a manager
    '2024,Q5,org,S01,fee_income,,1', //     4 unknown period
    '2024,Y,org,S01,fee_income,,1', //      5 good
  ].join('\n'),
};

describe('rejects', () => {
  it('sets aside each bad row with file, line, column, value and reason; the good rows load', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [r] = await ingestPath(wh, delivery(dir, 'bad', [], files), { rejectThreshold: 1 });
      expect(r!.status).toBe('loaded');
      const rejects = await wh.query(
        `select file_name, line::integer as line, column_name, value, reason from load_rejects where load_id = $id order by file_name, line, column_name`,
        { id: r!.loadId },
      );
      const levels = 'head_office, tier1_branch, tier2_branch, sub_branch, outlet';
      expect(rejects).toEqual([
        { file_name: 'assignments.csv', line: 2, column_name: 'share', value: '1.500000', reason: 'share out of range (0 < share <= 1)' },
        { file_name: 'assignments.csv', line: 4, column_name: 'share', value: '0.500000', reason: 'shares of client 0001 on 2024-01-01 sum to 0.800000, not 1' },
        { file_name: 'assignments.csv', line: 5, column_name: 'share', value: '0.300000', reason: 'shares of client 0001 on 2024-01-01 sum to 0.800000, not 1' },
        { file_name: 'assignments.csv', line: 6, column_name: 'valid_to', value: '2024-04-30', reason: 'valid_to before valid_from' },
        { file_name: 'deposits.csv', line: 3, column_name: 'balance', value: null, reason: 'missing required value' },
        { file_name: 'deposits.csv', line: 4, column_name: 'as_of_date', value: '2024-13-01', reason: 'bad date (expected YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD)' },
        { file_name: 'deposits.csv', line: 5, column_name: 'balance', value: 'abc', reason: 'not an amount (yuan, at most two decimals)' },
        { file_name: 'deposits.csv', line: 6, column_name: 'balance', value: '12.345', reason: 'not an amount (yuan, at most two decimals)' },
        { file_name: 'deposits.csv', line: 7, column_name: 'client_id', value: '0099', reason: 'unknown client' },
        { file_name: 'deposits.csv', line: 8, column_name: 'product_id', value: 'X99', reason: 'unknown product' },
        { file_name: 'deposits.csv', line: 9, column_name: 'org_id', value: 'S99', reason: 'unknown org' },
        { file_name: 'deposits.csv', line: 10, column_name: 'rate', value: 'n/a', reason: 'not a rate (annual, in percent)' },
        { file_name: 'deposits.csv', line: 11, column_name: 'as_of_date+account_id', value: '2024-01-31+A01', reason: 'duplicate key in this delivery (first at deposits.csv line 2)' },
        { file_name: 'loans.csv', line: 2, column_name: 'five_class', value: 'bad', reason: 'unknown value (expected one of normal, special_mention, substandard, doubtful, loss)' },
        { file_name: 'loans.csv', line: 3, column_name: 'overdue_days', value: '3.5', reason: 'not an integer' },
        { file_name: 'loans.csv', line: 4, column_name: 'originating_manager_id', value: 'M999', reason: 'unknown manager' },
        { file_name: 'orgs.csv', line: 2, column_name: 'parent_id', value: 'NOPE', reason: 'unknown parent org' },
        { file_name: 'orgs.csv', line: 3, column_name: 'parent_id', value: null, reason: 'more than one root org (the org tree has one root)' },
        { file_name: 'orgs.csv', line: 4, column_name: 'parent_id', value: 'C2', reason: 'org cycle (not reachable from the root org)' },
        { file_name: 'orgs.csv', line: 5, column_name: 'parent_id', value: 'C1', reason: 'org cycle (not reachable from the root org)' },
        { file_name: 'orgs.csv', line: 7, column_name: 'level', value: 'region', reason: `unknown value (expected one of ${levels})` },
        { file_name: 'targets.csv', line: 2, column_name: 'subject_id', value: 'S99', reason: 'unknown org' },
        { file_name: 'targets.csv', line: 3, column_name: 'subject_id', value: 'S01', reason: 'unknown manager' },
        { file_name: 'targets.csv', line: 4, column_name: 'period', value: 'Q5', reason: 'unknown value (expected one of Y, H1, H2, Q1, Q2, Q3, Q4)' },
        { file_name: 'visits.csv', line: 2, column_name: 'purpose', value: 'party', reason: 'unknown value (expected one of development, maintenance, collection, other)' },
      ]);
      // Rows rejected per file, and what loaded: deposits A01 100.00 + A10 7.00 = 107.00.
      expect(r!.files.map((f) => [f.fileName, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([
        ['orgs.csv', 6, 1, 5],
        ['assignments.csv', 5, 1, 4],
        ['targets.csv', 4, 1, 3],
        ['deposits.csv', 11, 2, 9],
        ['loans.csv', 4, 1, 3],
        ['visits.csv', 2, 1, 1],
      ]);
      expect(await one(wh, `select count(*) as n, sum(balance)::varchar as b from raw_deposits`)).toEqual({ n: '2', b: '107.00' });
      expect(await one(wh, `select loan_id, five_class from raw_loans`)).toEqual({ loan_id: 'L4', five_class: 'loss' });
      expect(await one(wh, `select count(*) as n from raw_orgs where org_id in ('X1', 'R2', 'C1', 'C2', 'S04')`)).toEqual({ n: '0' });
      expect(await one(wh, `select parent_id from raw_orgs where org_id = 'S03'`)).toEqual({ parent_id: 'B01' });
      // The old assignment of 0001 was closed by line 3; the rejected 2024 shares were not loaded.
      expect(await wh.query(`select manager_id, share::varchar as share, valid_to::varchar as valid_to from raw_assignments where client_id = '0001'`))
        .toEqual([{ manager_id: 'M001', share: '1.000000', valid_to: '2023-12-31' }]);
    });
  });

  it('counts empty lines (which DuckDB skips) in the line numbers of rejects and extra columns', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [r] = await ingestPath(wh, delivery(dir, 'blanks', [], {
        'fees.csv': [
          'txn_date,txn_id,client_id,product_id,amount,remark', // 1
          '2024-01-05,T1,0001,F01,1.00,', //   2
          '', //                                3 empty
          '2024-01-06,T2,0001,F01,abc,x', //    4 bad amount
          '', //                                5 empty
          '', //                                6 empty
          '2024-01-07,T3,0099,F01,3.00,y', //   7 unknown client
          '2024-01-08,T4,0001,F01,4.00,', //    8
        ].join('\n') + '\n',
      }), { rejectThreshold: 1 });
      expect(r!.rowsRead).toBe(4);
      expect(await wh.query(`select line, column_name, value from load_rejects order by line`)).toEqual([
        { line: '4', column_name: 'amount', value: 'abc' },
        { line: '7', column_name: 'client_id', value: '0099' },
      ]);
      expect(await wh.query(`select line, value from load_extra_values order by line`)).toEqual([
        { line: '4', value: 'x' },
        { line: '7', value: 'y' },
      ]);
    });
  });

  it('refuses a delivery whose file misses a required column, names a column twice, or breaks CSV structure', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [r] = await ingestPath(wh, delivery(dir, 'broken', [], {
        'deposits.csv': 'as_of_date,account_id,client_id,product_id,avg_balance,rate\n2024-01-31,A01,0001,D01,1,1\n',
        'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-01-05,T1,0001,F01,1.00\n2024-01-06,T2,0001,F01,2.00,surplus\n',
        'sales.csv': 'sale_date,sale_id,销售编号,client_id,product_id\n2024-01-05,S1,S1,0001,W01\n',
      }), { rejectThreshold: 1 });
      expect(r!.status).toBe('refused');
      expect(r!.reasons).toHaveLength(3);
      expect(r!.reasons[0]).toBe('deposits.csv line 1 column balance: required column missing from the header');
      expect(r!.reasons[1]).toMatch(/^fees\.csv line 3: cannot read the file: .*CSV Error on Line: 3/);
      expect(r!.reasons[2]).toBe("sales.csv line 1 column 销售编号: column sale_id given twice (also as 'sale_id')");
      expect(await one(wh, `select count(*) as n from raw_fees`)).toEqual({ n: '0' });
      expect(await one(wh, `select status, message from load_log where load_id = $id`, { id: r!.loadId }))
        .toEqual({ status: 'refused', message: r!.reasons.join('\n') });
      expect(await one(wh, `select count(*) as n from load_rejects where load_id = $id`, { id: r!.loadId })).toEqual({ n: '3' });
    });
  });
});
