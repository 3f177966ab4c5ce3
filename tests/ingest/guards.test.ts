// Guarded deliveries (issue 19, EXTRACTS.md "Deliveries"): each rule refuses the whole delivery
// (nothing changes, the reason names file, line and what to do) or rejects a row (file, line,
// column, value, reason). The exact messages are asserted.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { ingestPath } from '../../ingest/index.ts';
import { listRejects } from '../../ingest/log.ts';
import { delivery, one, warehouseState, withWarehouse } from './helpers.ts';

const depositsHeader = 'as_of_date,account_id,client_id,product_id,currency,balance,avg_balance,rate,org_id';
const loansHeader = 'as_of_date,loan_id,client_id,product_id,currency,origination_date,maturity_date,principal,balance,avg_balance,rate,five_class,overdue_days,originating_manager_id,org_id';
const dep = (day: string, account: string, balance = '10.00', rate = '0.35', avg = balance) => `${day},${account},0001,D01,CNY,${balance},${avg},${rate},S01`;
const rejectsOf = async (wh: Parameters<typeof listRejects>[0], loadId: number) =>
  (await listRejects(wh, loadId)).map((r) => `${r.file_name}:${r.line}:${r.column_name}:${r.value}:${r.reason}`);

describe('restatement is explicit', () => {
  it('identical snapshot rows need nothing; event upserts are counted per month as new and changed', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      await ingestPath(wh, delivery(dir, 'jan', ['ledgers']));
      // January's deposits again (same rows, other file name) beside a fee correction and a new fee.
      const [again] = await ingestPath(wh, delivery(dir, 'again', [], {
        'deposits_202401_resent.csv': `${depositsHeader}\n2024-01-31,6222000001,0001,D01,CNY,1234567.89,1200000.00,0.35,S01\n` +
          '2024-01-31,6222000002,0002,D12,CNY,50000,49000.5,1.75,S02\n2024-01-31,6222000003,0003,D01,CNY,0.01,0,0.35,\n',
        'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-01-05,T0001,0001,F01,99.99\n2024-01-20,T0002,0002,F01,35\n2024-02-03,T0003,0003,F01,1.01\n',
      }));
      expect(again!.status).toBe('loaded');
      // T0001 changed (120.50 → 99.99; manager and org now empty), T0002 the same, T0003 new in February.
      // T0002 also loses manager and org (empty in this file): changed too.
      expect(again!.months).toEqual([
        { kind: 'deposits', month: '2024-01', change: 'same', before: 3, after: 3 },
        { kind: 'fees', month: '2024-01', change: 'events', added: 0, changed: 2 },
        { kind: 'fees', month: '2024-02', change: 'events', added: 1, changed: 0 },
      ]);
    });
  });
});

describe('no future, only month-ends', () => {
  it('refuses a delivery holding a snapshot dated after the day of the load', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const before = await warehouseState(wh);
      const [r] = await ingestPath(wh, delivery(dir, 'future', [], {
        'deposits.csv': `${depositsHeader}\n${dep('2024-01-31', 'A1')}\n${dep('2024-02-29', 'A2')}\n`,
      }), { today: '2024-02-15' });
      expect(r!.status).toBe('refused');
      expect(r!.reasons).toEqual([
        "deposits.csv line 3: a snapshot dated 2024-02-29, after the day of the load (2024-02-15); a snapshot is taken at a month-end that has passed — correct the extract's date",
      ]);
      expect(await warehouseState(wh)).toEqual(before);
    });
  });

  it('rejects a snapshot row not dated on a month-end', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [r] = await ingestPath(wh, delivery(dir, 'mid', [], {
        'deposits.csv': `${depositsHeader}\n${dep('2024-01-31', 'A1')}\n${dep('2024-01-15', 'A2')}\n`,
      }), { rejectThreshold: 1 });
      expect(r!.status).toBe('loaded');
      expect(await rejectsOf(wh, r!.loadId)).toEqual([
        'deposits.csv:3:as_of_date:2024-01-15:not a month-end (a snapshot is dated on the last day of a month)',
      ]);
    });
  });
});

describe('shrink guard', () => {
  it('refuses a month below half the rows of the month before, unless allowed', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      await ingestPath(wh, delivery(dir, 'jan', ['ledgers'])); // 3 deposit rows in January
      const before = await warehouseState(wh);
      const feb = delivery(dir, 'feb', [], { 'deposits_202402.csv': `${depositsHeader}\n${dep('2024-02-29', 'A1')}\n` });
      const [r] = await ingestPath(wh, feb);
      expect(r!.status).toBe('refused');
      // 1 row against January's 3: 1 × 2 = 2 < 3
      expect(r!.reasons).toEqual([
        "deposits_202402.csv line 2: deposits 2024-02 has 1 rows, fewer than half of 2024-01's 3 (a cut file?); if the ledger really shrank, load it again with --allow-shrink",
      ]);
      expect(await warehouseState(wh)).toEqual(before);
      const [allowed] = await ingestPath(wh, feb, { allowShrink: true });
      expect(allowed!.status).toBe('loaded');
      expect(allowed!.months).toEqual([{ kind: 'deposits', month: '2024-02', change: 'new', before: 0, after: 1 }]);
    });
  });
});

describe('manifest', () => {
  const files = {
    'deposits.csv': `${depositsHeader}\n${dep('2024-01-31', 'A1', '10.00')}\n${dep('2024-01-31', 'A2', '"1,000.50"')}\n`,
    'visits.csv': 'visit_date,visit_id,manager_id,client_id,purpose,outcome\n2024-01-08,V1,M001,0001,maintenance,\n',
  };

  it('loads when every data file is listed and matches (rows; balance 10.00 + 1,000.50 = 1010.50)', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [r] = await ingestPath(wh, delivery(dir, 'ok', [], { ...files, 'manifest.csv': 'file,rows,control_total\ndeposits.csv,2,1010.50\nvisits.csv,1,\n' }));
      expect(r!.status).toBe('loaded');
      expect(r!.skipped).toEqual([]);
    });
  });

  it('refuses, naming file, expected and found, when it does not match', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const before = await warehouseState(wh);
      const [rows] = await ingestPath(wh, delivery(dir, 'rows', [], { ...files, 'manifest.csv': 'file,rows,control_total\ndeposits.csv,3,1010.50\nvisits.csv,1,\n' }));
      const [total] = await ingestPath(wh, delivery(dir, 'total', [], { ...files, 'manifest.csv': 'file,rows,control_total\ndeposits.csv,2,1010.00\nvisits.csv,1,\n' }));
      const [unlisted] = await ingestPath(wh, delivery(dir, 'unlisted', [], { ...files, 'manifest.csv': 'file,rows,control_total\ndeposits.csv,2,1010.50\nloans.csv,4,5.00\n' }));
      expect(rows!.reasons).toEqual([
        'deposits.csv (manifest.csv line 2): expected 3 rows, found 2; the file is not the one the manifest describes (cut or changed?) — ask for it again',
      ]);
      expect(total!.reasons).toEqual([
        'deposits.csv (manifest.csv line 2): expected a balance total of 1010.00, found 1010.50; the file is not the one the manifest describes — ask for it again',
      ]);
      expect(unlisted!.reasons).toEqual([
        'visits.csv: not listed in manifest.csv, which must list every data file; ask for a complete delivery',
        'manifest.csv line 3: lists loans.csv, which is not in the delivery; ask for the missing file',
      ]);
      for (const r of [rows, total, unlisted]) expect(r!.status).toBe('refused');
      expect(await warehouseState(wh)).toEqual(before);
    });
  });
});

describe('one encoding per file', () => {
  // UTF-8 clients with one line written in GBK (the third): auto-detection would read every name as GB18030.
  const mixed = Buffer.concat([
    Buffer.from('client_id,client_name,client_type\n0101,甲乙公司,corporate\n'),
    iconv.encode('0102,丙丁公司,corporate\n', 'gbk'),
    Buffer.from('0103,戊己公司,corporate\n'),
  ]);

  it('refuses a file mixing UTF-8 text with lines that are not UTF-8, naming the first bad line', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const before = await warehouseState(wh);
      const [r] = await ingestPath(wh, delivery(dir, 'mixed', [], { 'clients.csv': mixed }));
      expect(r!.status).toBe('refused');
      expect(r!.reasons).toEqual([
        'clients.csv line 3: mixed encoding: the file holds UTF-8 text and, from this line, bytes that are not UTF-8; re-export it in one encoding, or force one with --encoding utf8|gbk',
      ]);
      expect(await warehouseState(wh)).toEqual(before);
    });
  });

  it('a whole GBK file is still GBK, and --encoding forces one on a mixed file', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [gbk] = await ingestPath(wh, delivery(dir, 'gbk', [], { 'clients.csv': iconv.encode('client_id,client_name,client_type\n0104,庚辛公司,corporate\n', 'gbk') }));
      expect(gbk!.status).toBe('loaded');
      expect(await one(wh, `select client_name from raw_clients where client_id = '0104'`)).toEqual({ client_name: '庚辛公司' });
      const [forced] = await ingestPath(wh, delivery(dir, 'forced', [], { 'clients.csv': mixed }), { encoding: 'gbk' });
      expect(forced!.status).toBe('loaded');
      expect(await one(wh, `select client_name from raw_clients where client_id = '0102'`)).toEqual({ client_name: '丙丁公司' });
    });
  });
});

describe('plausibility', () => {
  it('rejects negative balances, negative overdue days, rates outside -5 to 50, dates before 1990 or after the load, control characters; negative fees load', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [r] = await ingestPath(wh, delivery(dir, 'bad', [], {
        'deposits.csv': [
          depositsHeader,
          dep('2024-01-31', 'A1'), // good
          dep('2024-01-31', 'A2', '-5.00', '0.35', '10.00'),
          dep('2024-01-31', 'A3', '10.00', '0.35', '-1.00'),
          dep('2024-01-31', 'A4', '10.00', '-99'),
          dep('2024-01-31', 'A5', '10.00', '50.01'),
          dep('2024-01-31', 'A6', '10.00', '-5'), // -5 is the bound: good
          dep('1899-12-31', 'A7'),
          dep('2024-01-31', 'A\x008'),
          dep('2024-01-31', 'A\t9'),
          '',
        ].join('\n'),
        'loans.csv': `${loansHeader}\n2024-01-31,L1,0001,L12,CNY,2023-06-01,2024-06-01,1000,800,810,4.35,normal,-3,M001,S01\n`,
        'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-01-05,T1,0001,F01,-120.50\n',
        'visits.csv': 'visit_date,visit_id,manager_id,client_id,purpose,outcome\n9999-12-31,V1,M001,0001,maintenance,\n2024-01-09,V2,M001,0001,maintenance,\n',
      }), { rejectThreshold: 1, today: '2024-02-15' });
      expect(r!.status).toBe('loaded');
      expect(await rejectsOf(wh, r!.loadId)).toEqual([
        'deposits.csv:3:balance:-5.00:negative balance',
        'deposits.csv:4:avg_balance:-1.00:negative avg balance',
        'deposits.csv:5:rate:-99.000000:rate outside -5 to 50 percent',
        'deposits.csv:6:rate:50.010000:rate outside -5 to 50 percent',
        'deposits.csv:8:as_of_date:1899-12-31:date before 1990-01-01',
        'deposits.csv:9:account_id:A\uFFFD8:control character in a text field',
        'deposits.csv:10:account_id:A\uFFFD9:control character in a text field',
        'loans.csv:2:overdue_days:-3:negative overdue days',
        'visits.csv:2:visit_date:9999-12-31:date after the day of the load (2024-02-15)',
      ]);
      // Loaded: deposits A1 and A6, the negative fee (a reversal), visit V2.
      expect(await wh.query(`select account_id from raw_deposits order by 1`)).toEqual([{ account_id: 'A1' }, { account_id: 'A6' }]);
      expect(await one(wh, `select amount::varchar as amount from raw_fees`)).toEqual({ amount: '-120.50' });
      expect(await one(wh, `select count(*)::integer as n from raw_visits`)).toEqual({ n: 1 });
    });
  });

  it('trims every value before parsing: a space-padded amount, rate and date load', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const [r] = await ingestPath(wh, delivery(dir, 'padded', [], {
        'deposits.csv': `${depositsHeader}\n 2024-01-31 , A1 ,0001,D01,CNY,  1200.50 ," 1,000.00 ", 0.35 ,S01\n`,
      }));
      expect(r!.status).toBe('loaded');
      expect(await one(wh, `select as_of_date::varchar as d, account_id, balance::varchar as b, avg_balance::varchar as a, rate::varchar as r from raw_deposits`))
        .toEqual({ d: '2024-01-31', account_id: 'A1', b: '1200.50', a: '1000.00', r: '0.350000' });
    });
  });
});
