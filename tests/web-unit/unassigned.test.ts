import { describe, expect, it } from 'vitest';
import { unassignedRow } from '../../web/src/features/unassigned/unassigned.ts';

const list = (rows: Record<string, unknown>[]) => ({ rows, total: rows.length, meta: {}, columns: [], unavailable: {}, page: 1, page_size: 200, sort: 'org_id', order: 'asc' as const, exports: { csv: '', xlsx: '' } });

describe('unassignedRow', () => {
  it('picks the node’s own row among its subtree’s', () => {
    expect(unassignedRow(list([{ org_id: 'S12', profit_contribution: '1.00' }, { org_id: 'B1', profit_contribution: '3.00' }]), 'B1')).toEqual({ org_id: 'B1', profit_contribution: '3.00' });
  });
  it('is null without unassigned business or before the list arrives', () => {
    expect(unassignedRow(list([]), 'B1')).toBeNull();
    expect(unassignedRow(null, 'B1')).toBeNull();
  });
});
