// All or nothing per delivery; snapshot replacement and event upsert; loading twice changes nothing;
// the reject threshold refuses a whole delivery; folders of deliveries stop at the first refused.
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingest/index.ts';
import { delivery, one, warehouseState, withWarehouse } from './helpers.ts';

const depositsHeader = 'as_of_date,account_id,client_id,product_id,currency,balance,avg_balance,rate,org_id';

describe('loading deliveries', () => {
  it('loading the same delivery twice changes no count or sum, also when it is re-applied after another load', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const ledgers = delivery(dir, 'ledgers', ['ledgers']);
      await ingestPath(wh, ledgers);
      const after = await warehouseState(wh);
      const [again] = await ingestPath(wh, ledgers);
      expect(again!.status).toBe('unchanged');
      expect(await warehouseState(wh)).toEqual(after);

      // Another load in between (fee T0001 corrected), then the first delivery again: it is
      // applied anew (not skipped) and the warehouse is exactly as after its first load.
      await ingestPath(wh, delivery(dir, 'fix', [], { 'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-01-05,T0001,0001,F01,999.00\n' }));
      expect(await warehouseState(wh)).not.toEqual(after);
      const [reapplied] = await ingestPath(wh, ledgers);
      expect(reapplied!.status).toBe('loaded');
      expect(await warehouseState(wh)).toEqual(after);
    });
  });

  it('a corrected snapshot replaces the old one of the same as_of_date, other dates stay', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      await ingestPath(wh, delivery(dir, 'dec', [], {
        'deposits.csv': `${depositsHeader}\n2023-12-31,A1,0001,D01,CNY,10.00,10.00,0.35,S01\n2023-12-31,A2,0002,D01,CNY,20.00,20.00,0.35,S02\n`,
      }));
      await ingestPath(wh, delivery(dir, 'jan', ['ledgers']));
      // The correction of January drops account 6222000003 and changes 6222000001: a restatement,
      // refused until the load names the month.
      const fixDir = delivery(dir, 'jan-fix', [], {
        'deposits_202401_v2.csv': `${depositsHeader}\n2024-01-31,6222000001,0001,D01,CNY,1000.00,900.00,0.35,S01\n2024-01-31,6222000002,0002,D12,CNY,50000.00,49000.50,1.75,S02\n`,
      });
      const before = await warehouseState(wh);
      const [unnamed] = await ingestPath(wh, fixDir);
      expect(unnamed!.status).toBe('refused');
      expect(unnamed!.reasons).toEqual([
        'deposits_202401_v2.csv line 2: deposits 2024-01 is already loaded with other rows (3 → 2 rows); if this delivery restates that month, load it again with --restate 2024-01',
      ]);
      expect(await warehouseState(wh)).toEqual(before);
      const [fix] = await ingestPath(wh, fixDir, { restate: ['2024-01'] });
      expect(fix!.status).toBe('loaded');
      expect(fix!.months).toEqual([{ kind: 'deposits', month: '2024-01', change: 'restated', before: 3, after: 2 }]);
      // January: 1,000.00 + 50,000.00 = 51,000.00 over 2 accounts; December untouched: 10 + 20 = 30.00
      expect(await wh.query(`select as_of_date::varchar as d, count(*) as n, sum(balance)::varchar as b from raw_deposits group by 1 order by 1`)).toEqual([
        { d: '2023-12-31', n: '2', b: '30.00' },
        { d: '2024-01-31', n: '2', b: '51000.00' },
      ]);
    });
  });

  it('events upsert by id: a known id replaces the old row, others stay', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      await ingestPath(wh, delivery(dir, 'jan', ['ledgers']));
      await ingestPath(wh, delivery(dir, 'fix', [], {
        'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-01-05,T0001,0001,F01,99.99\n2024-01-25,T0003,0003,F01,1.01\n',
      }));
      // T0001 99.99 (was 120.50) + T0002 35.00 + T0003 1.01 = 136.00
      expect(await one(wh, `select count(*) as n, sum(amount)::varchar as s from raw_fees`)).toEqual({ n: '3', s: '136.00' });
    });
  });

  it('a file that cannot be read, late in a delivery, leaves the warehouse exactly as before', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const before = await warehouseState(wh);
      const loadsBefore = await one(wh, `select count(*) as n from load_log where status = 'loaded'`);
      // Good ledgers first; visits (last in load order) has an unterminated quote on line 3.
      const [r] = await ingestPath(wh, delivery(dir, 'late-bad', ['ledgers'], {
        'visits.csv': 'visit_date,visit_id,manager_id,client_id,purpose,outcome\n2024-01-08,V0001,M001,0001,maintenance,ok\n2024-01-09,V0002,M002,,development,"never closed\n',
      }));
      expect(r!.status).toBe('refused');
      expect(r!.rowsLoaded).toBe(0);
      expect(r!.reasons).toHaveLength(1);
      expect(r!.reasons[0]).toMatch(/^visits\.csv line 3: cannot read the file/);
      expect(await warehouseState(wh)).toEqual(before);
      expect(await one(wh, `select count(*) as n from load_log where status = 'loaded'`)).toEqual(loadsBefore);
      expect(await one(wh, `select status from load_log where load_id = $id`, { id: r!.loadId })).toEqual({ status: 'refused' });
    });
  });

  it('a failure while writing (the last kind) rolls back every kind written before it', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const before = await warehouseState(wh);
      // Simulate the disk failing on the last insert of the delivery (visits, after deposits, loans, …).
      const run = wh.run.bind(wh);
      wh.run = async (sql, params) => {
        if (sql.startsWith('insert into raw_visits')) throw new Error('simulated write failure');
        return run(sql, params);
      };
      await expect(ingestPath(wh, delivery(dir, 'jan', ['ledgers']))).rejects.toThrow('simulated write failure');
      wh.run = run;
      expect(await warehouseState(wh)).toEqual(before);
      expect(await one(wh, `select count(*) as n from load_log`)).toEqual({ n: '1' });
    });
  });

  it('refuses the whole delivery when rejected rows exceed the threshold of a file (default 1%)', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']));
      const before = await warehouseState(wh);
      // 1 bad row of 3 = 33.3% > 1%; the good fees file of the same delivery is not loaded either.
      const d = delivery(dir, 'one-bad', [], {
        'deposits.csv': `${depositsHeader}\n2024-01-31,A1,0001,D01,CNY,1.00,1.00,0.35,S01\n2024-01-31,A2,0001,D01,CNY,abc,1.00,0.35,S01\n2024-01-31,A3,0001,D01,CNY,3.00,3.00,0.35,S01\n`,
        'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-01-05,T1,0001,F01,1.00\n',
      });
      const [refused] = await ingestPath(wh, d);
      expect(refused!.status).toBe('refused');
      expect(refused!.reasons).toEqual(['deposits.csv: 1 of 3 rows rejected (33.3%), above the threshold of 1%']);
      expect(await warehouseState(wh)).toEqual(before);
      // The refused load still lists its rejects.
      expect(await wh.query(`select line, column_name, value from load_rejects where load_id = $id`, { id: refused!.loadId }))
        .toEqual([{ line: '3', column_name: 'balance', value: 'abc' }]);

      // At a 50% threshold the same delivery loads its good rows: 1.00 + 3.00 = 4.00
      const [loaded] = await ingestPath(wh, d, { rejectThreshold: 0.5 });
      expect(loaded!.status).toBe('loaded');
      expect(await one(wh, `select count(*) as n, sum(balance)::varchar as b from raw_deposits`)).toEqual({ n: '2', b: '4.00' });
      expect(await one(wh, `select count(*) as n from raw_fees`)).toEqual({ n: '1' });
    });
  });

  it('loads a folder of deliveries in name order and stops at the first refused', async () => {
    await withWarehouse(async (wh, dir) => {
      const root = `${dir}/deliveries`;
      delivery(root, '1-refs', ['refs']);
      delivery(root, '2-jan', ['ledgers']);
      delivery(root, '3-bad', [], { 'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-02-05,T9,0001,F01,oops\n' });
      delivery(root, '4-feb', [], { 'fees.csv': 'txn_date,txn_id,client_id,product_id,amount\n2024-02-06,T10,0001,F01,1.00\n' });
      const results = await ingestPath(wh, root);
      expect(results.map((r) => [r.delivery.split('/').pop(), r.status])).toEqual([
        ['1-refs', 'loaded'],
        ['2-jan', 'loaded'],
        ['3-bad', 'refused'],
      ]);
      expect(await one(wh, `select count(*) as n from raw_fees where txn_id in ('T9', 'T10')`)).toEqual({ n: '0' });
    });
  });
});
