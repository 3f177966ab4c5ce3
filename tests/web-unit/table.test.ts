// Table shaping: sorting decimal strings as numbers, empties last, bars around a zero line.
import { describe, expect, it } from 'vitest';
import { barGeometry, cellDisplay, cellText, columnUnits, nextSort, sortRows } from '../../web/src/lib/table.ts';

const rows = [
  { id: 'a', name: '乙', v: '10.5' },
  { id: 'b', name: '甲', v: '-3' },
  { id: 'c', name: '丙', v: null },
  { id: 'd', name: '丁', v: '200' },
];

describe('sortRows', () => {
  it('sorts decimal strings numerically ("200" above "10.5") with empties last', () => {
    expect(sortRows(rows, 'v', 'desc', 'money').map((r) => r.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(sortRows(rows, 'v', 'asc', 'money').map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
  });
  it('leaves the order alone without a key', () => {
    expect(sortRows(rows, null, 'asc', 'text').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('sorts numbers descending first and flips on a second click', () => {
    expect(nextSort({ key: null, dir: 'asc' }, 'v', 'money')).toEqual({ key: 'v', dir: 'desc' });
    expect(nextSort({ key: 'v', dir: 'desc' }, 'v', 'money')).toEqual({ key: 'v', dir: 'asc' });
    expect(nextSort({ key: 'v', dir: 'desc' }, 'name', 'text')).toEqual({ key: 'name', dir: 'asc' });
  });
});

describe('bars and units', () => {
  it('places bars around the zero line', () => {
    // column spans -3 … 200: span 203, zero at 3/203 = 1.478%; 200 takes 200/203 = 98.52%.
    const col = rows.map((r) => r.v);
    const pos = barGeometry('200', col)!;
    expect(pos.left).toBeCloseTo((3 / 203) * 100, 6);
    expect(pos.width).toBeCloseTo((200 / 203) * 100, 6);
    const neg = barGeometry('-3', col)!;
    expect(neg).toMatchObject({ negative: true, left: 0 });
    expect(neg.width).toBeCloseTo((3 / 203) * 100, 6);
    expect(barGeometry(null, col)).toBeNull();
  });
  it('gives every money column the one unit of the product (万元), whatever the size of its figures', () => {
    // 150,000,000 yuan = 1.5 亿 is still shown as 15,000.00 万元: a column never switches unit with its data.
    const units = columnUnits([{ key: 'v', kind: 'money' }, { key: 'w', kind: 'money' }, { key: 'name', kind: 'text' }], [{ v: '150000000', w: '5' }, { v: '5', w: '7' }]);
    expect(units).toEqual({ v: 'wan', w: 'wan' });
    expect(cellText('150000000', 'money', units.v)).toBe('15,000.00');
    expect(cellText('150000000', 'money', 'yi')).toBe('1.50');
    expect(cellText('0.9512', 'ratio')).toBe('95.12%');
    expect(cellText(null, 'text')).toBe('—');
  });
});

describe('coded cells', () => {
  it('shows coded values as the same glossary labels as the downloads, other cells by kind', () => {
    expect(cellDisplay('client_type', 'corporate', 'text', 'zh')).toBe('对公');
    expect(cellDisplay('client_type', 'individual', 'text', 'en')).toBe('Individual');
    expect(cellDisplay('segment', 'new', 'text', 'zh')).toBe('新客户');
    expect(cellDisplay('from_class', 'new', 'text', 'zh')).toBe('新发放');
    expect(cellDisplay('five_class', null, 'text', 'zh')).toBe('—');
    expect(cellDisplay('client_name', 'corporate', 'text', 'zh')).toBe('corporate');
    expect(cellDisplay('profit_contribution_target', '673325.125000', 'money', 'zh', 'wan')).toBe('67.33');
    // yes/no flags (the target cascade's) read as words, as in the downloads
    expect(cellDisplay('is_gap', true, 'text', 'zh')).toBe('是');
    expect(cellDisplay('target_derived', false, 'text', 'en')).toBe('No');
    expect(cellDisplay('institution_grade', 'good', 'text', 'zh')).toBe('良好');
  });
});
