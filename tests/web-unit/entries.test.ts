// The card's entry form helpers (web/src/features/manager/entries.ts).
import { describe, expect, it } from 'vitest';
import { entriesOf, rangeText } from '../../web/src/features/manager/entries.ts';
import type { EnterableItem } from '../../web/src/lib/api.ts';

const item = (over: Partial<EnterableItem>): EnterableItem => ({
  kind: 'indicator', item_id: 'x', section: 'indicator', label_zh: null, label_en: null, min_points: '0.00', max_points: '3.00', entered_by: ['supervisor'], scale: null, ...over,
});
const service = item({ item_id: 'customer_service' });
const integrity = item({ item_id: 'integrity', max_points: '1.00', scale: [{ rating: 'excellent', label_zh: '优', label_en: 'Excellent', points: '1.00' }, { rating: 'good', label_zh: '良', label_en: 'Good', points: '0.80' }] });
const complaints = item({ kind: 'item', item_id: 'verified_complaints', section: 'deduction', min_points: null, max_points: '0.00' });

describe('card entry form', () => {
  it('reads ranges and scales', () => {
    expect(rangeText(service, 'zh')).toBe('0–3');
    expect(rangeText(complaints, 'en')).toBe('≤ 0');
    expect(rangeText(integrity, 'zh')).toBe('优 1 / 良 0.8');
  });

  it('sends points, or a rating for a scaled item, only for what was typed, and wants a note', () => {
    const drafts = { customer_service: { value: ' 2.5 ', note: '回访' }, integrity: { value: 'good', note: '良好' }, verified_complaints: { value: '-5', note: ' ' } };
    expect(entriesOf([service, integrity, complaints], drafts)).toEqual({
      entries: [
        { item_id: 'customer_service', points: '2.5', note: '回访' },
        { item_id: 'integrity', rating: 'good', note: '良好' },
      ],
      missingNote: ['verified_complaints'],
    });
  });
});

describe('batch grid', () => {
  it('lists the scoring periods latest first and sends only the filled cells, with the row note', async () => {
    const { gridRows, scoringPeriods } = await import('../../web/src/features/manager/entries.ts');
    const periods = [
      { period: '2026-05-ytd', period_type: 'ytd', end_date: '2026-05-31' },
      { period: '2026-03-ytd', period_type: 'ytd', end_date: '2026-03-31' },
      { period: '2026-06-ytd', period_type: 'ytd', end_date: '2026-06-30' },
      { period: '2026-06', period_type: 'month', end_date: '2026-06-30' },
    ];
    expect(scoringPeriods(periods)).toEqual(['2026-06-ytd', '2026-03-ytd']);
    expect(gridRows({ M1: { customer_service: ' 2 ', integrity: '' }, M2: { integrity: 'good' } }, { M1: '评议', M2: '良' }, (id) => id === 'integrity')).toEqual([
      { manager_id: 'M1', item_id: 'customer_service', points: '2', note: '评议' },
      { manager_id: 'M2', item_id: 'integrity', rating: 'good', note: '良' },
    ]);
  });
});
