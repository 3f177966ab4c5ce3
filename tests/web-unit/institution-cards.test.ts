// The institution page's cascade and cards helpers (web/src/features/institution/cards.ts).
import { describe, expect, it } from 'vitest';
import { cascadeRowsOf, subtreeCards } from '../../web/src/features/institution/cards.ts';

describe('institution cards helpers', () => {
  it('shows the node’s cascade rows first, then its children’s, money metrics only', () => {
    const rows = [
      { org_id: 'C1', parent_id: 'N', metric: 'profit_contribution' },
      { org_id: 'N', parent_id: 'P', metric: 'profit_contribution' },
      { org_id: 'N', parent_id: 'P', metric: 'sales_fund_units' },
      { org_id: 'G1', parent_id: 'C1', metric: 'profit_contribution' },
      { org_id: 'C2', parent_id: 'N', metric: 'fee_income' },
    ];
    expect(cascadeRowsOf(rows, 'N').map((r) => `${r.org_id}:${r.metric}`)).toEqual(['N:profit_contribution', 'C1:profit_contribution', 'C2:fee_income']);
  });

  it('lists the subtree’s cards without the node’s own', () => {
    expect(subtreeCards([{ org_id: 'N' }, { org_id: 'S1' }], 'N')).toEqual([{ org_id: 'S1' }]);
  });
});
