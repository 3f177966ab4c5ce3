// Dated manager–org membership (ingest/memberships.ts): every version of a manager's org, line and
// grade is kept with its span; the first row holds from the start, a change from its valid_from or
// else from the first month-end of the delivery that brings it; the same file again changes
// nothing; a refused delivery leaves the memberships as they were.
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingest/index.ts';
import { delivery, warehouseState, withWarehouse } from './helpers.ts';
import type { Warehouse } from '../../warehouse/db.ts';

const header = 'manager_id,manager_name,org_id,line,grade,hire_date,leave_date,valid_from';
const depositsHeader = 'as_of_date,account_id,client_id,product_id,currency,balance,avg_balance,rate,org_id';

const spans = (wh: Warehouse) => wh.query(
  `select manager_id, org_id, line, grade, valid_from::varchar as valid_from, valid_to::varchar as valid_to
   from raw_manager_memberships order by manager_id, valid_from nulls first`,
);

describe('manager memberships', () => {
  it('keeps every version with its span; the same file again changes nothing', async () => {
    await withWarehouse(async (wh, dir) => {
      // refs: M001 in S01 (senior), M002 in S02 — the first file: both hold from the start
      await ingestPath(wh, delivery(dir, 'refs', ['refs']), { today: '2024-06-30' });
      expect(await spans(wh)).toEqual([
        { manager_id: 'M001', org_id: 'S01', line: 'corporate', grade: 'senior', valid_from: null, valid_to: null },
        { manager_id: 'M002', org_id: 'S02', line: 'retail', grade: null, valid_from: null, valid_to: null },
      ]);

      // M001 moves to S02 without a valid_from, in a delivery whose ledger holds the 2024-02-29
      // snapshot and a 2024-03-31 one: the move holds from the first month-end, 2024-02-29, so the
      // S01 span ends the day before, 2024-02-28. M002's row is unchanged: no new span.
      const move = delivery(dir, 'move', [], {
        'managers.csv': `${header}\nM001,张三,S02,corporate,senior,2015-03-01,,\nM002,李四,S02,retail,,20180701,,\n`,
        'deposits_202402.csv': `${depositsHeader}\n2024-03-31,D9,0001,D01,CNY,100.00,100.00,0.35,S01\n2024-02-29,D9,0001,D01,CNY,100.00,100.00,0.35,S01\n`,
      });
      const [moved] = await ingestPath(wh, move, { today: '2024-06-30' });
      expect(moved!.status).toBe('loaded');
      const afterMove = [
        { manager_id: 'M001', org_id: 'S01', line: 'corporate', grade: 'senior', valid_from: null, valid_to: '2024-02-28' },
        { manager_id: 'M001', org_id: 'S02', line: 'corporate', grade: 'senior', valid_from: '2024-02-29', valid_to: null },
        { manager_id: 'M002', org_id: 'S02', line: 'retail', grade: null, valid_from: null, valid_to: null },
      ];
      expect(await spans(wh)).toEqual(afterMove);
      // the current row follows the delivery
      expect(await wh.query(`select org_id from raw_managers where manager_id = 'M001'`)).toEqual([{ org_id: 'S02' }]);

      // The same managers file again, in another delivery (not skipped as unchanged): nothing changes.
      await ingestPath(wh, delivery(dir, 'again', [], { 'managers.csv': `${header}\nM001,张三,S02,corporate,senior,2015-03-01,,\n` }), { today: '2024-06-30' });
      expect(await spans(wh)).toEqual(afterMove);

      // A grade change with its own valid_from holds from that date.
      await ingestPath(wh, delivery(dir, 'grade', [], { 'managers.csv': `${header}\nM002,李四,S02,retail,A,20180701,,2024-04-01\n` }), { today: '2024-06-30' });
      expect((await spans(wh)).filter((s) => s['manager_id'] === 'M002')).toEqual([
        { manager_id: 'M002', org_id: 'S02', line: 'retail', grade: null, valid_from: null, valid_to: '2024-03-31' },
        { manager_id: 'M002', org_id: 'S02', line: 'retail', grade: 'A', valid_from: '2024-04-01', valid_to: null },
      ]);

      // A restated move (M001 moved on 2024-02-01, not 2024-02-29): the later span is superseded.
      await ingestPath(wh, delivery(dir, 'restated', [], { 'managers.csv': `${header}\nM001,张三,S01,corporate,senior,2015-03-01,,2024-05-01\n` }), { today: '2024-06-30' });
      await ingestPath(wh, delivery(dir, 'restated2', [], { 'managers.csv': `${header}\nM001,张三,S02,corporate,senior,2015-03-01,,2024-02-01\n` }), { today: '2024-06-30' });
      expect((await spans(wh)).filter((s) => s['manager_id'] === 'M001')).toEqual([
        { manager_id: 'M001', org_id: 'S01', line: 'corporate', grade: 'senior', valid_from: null, valid_to: '2024-01-31' },
        { manager_id: 'M001', org_id: 'S02', line: 'corporate', grade: 'senior', valid_from: '2024-02-01', valid_to: null },
      ]);
    });
  });

  it('a refused delivery leaves the memberships as they were', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']), { today: '2024-06-30' });
      const before = await warehouseState(wh);
      // M001 moves, but the delivery's other managers row names an unknown org: 1 of 2 rows
      // rejected (50% > 1%), so the whole delivery is refused and M001 keeps its one span.
      const [refused] = await ingestPath(wh, delivery(dir, 'bad', [], {
        'managers.csv': `${header}\nM001,张三,S02,corporate,senior,2015-03-01,,2024-03-01\nM002,李四,NOPE,retail,,20180701,,\n`,
      }), { today: '2024-06-30' });
      expect(refused!.status).toBe('refused');
      expect(await warehouseState(wh)).toEqual(before);
    });
  });

  it('a valid_from after the day of the load is rejected', async () => {
    await withWarehouse(async (wh, dir) => {
      await ingestPath(wh, delivery(dir, 'refs', ['refs']), { today: '2024-06-30' });
      const [late] = await ingestPath(wh, delivery(dir, 'late', [], {
        'managers.csv': `${header}\nM001,张三,S02,corporate,senior,2015-03-01,,2024-07-01\n`,
      }), { today: '2024-06-30', rejectThreshold: 1 });
      expect(late!.status).toBe('loaded');
      expect(late!.rowsRejected).toBe(1);
      expect((await spans(wh)).filter((s) => s['manager_id'] === 'M001')).toHaveLength(1);
    });
  });
});
