// The card's review section and the review queue (issue 22): the form fields of each action, the
// body sent (blanks left out), a line's texts in the sheet's order, the counts table, the route.
import { describe, expect, it } from 'vitest';
import { actionBody, fieldsOf, lineTexts } from '../../web/src/features/manager/review.ts';
import { countsTable } from '../../web/src/features/reviews/queue.ts';
import { mayAllocatePool, poolRecipients } from '../../web/src/features/reviews/pool.ts';
import { parseRoute, routePath } from '../../web/src/lib/router.ts';
import type { ReviewLine } from '../../web/src/lib/api.ts';

describe('the review form', () => {
  it('shows each action its own texts, required or not', () => {
    expect(fieldsOf('submit')).toEqual([{ field: 'summary', required: true }, { field: 'plans', required: true }]);
    expect(fieldsOf('score')).toEqual([{ field: 'comment', required: true }]);
    expect(fieldsOf('approve')).toEqual([{ field: 'comment', required: false }]);
    expect(fieldsOf('reject_appeal')).toEqual([{ field: 'reason', required: true }]);
  });
  it("sends the action's fields only, trimmed, blanks left out", () => {
    expect(actionBody('2026-03-ytd', 'approve', { comment: '  ', reason: 'x', summary: 'y' })).toEqual({ period: '2026-03-ytd', action: 'approve' });
    expect(actionBody('2026-03-ytd', 'submit', { summary: ' 总结 ', plans: '计划', comment: 'z' })).toEqual({ period: '2026-03-ytd', action: 'submit', summary: '总结', plans: '计划' });
  });
  it("lists a line's texts in the sheet's order", () => {
    const line = { summary: null, plans: null, comment: null, reason: null, talk_date: '2026-04-12', participants: '主管', notes: '谈话', agreed_actions: '培训' } as unknown as ReviewLine;
    expect(lineTexts(line).map((x) => x.field)).toEqual(['talk_date', 'participants', 'notes', 'agreed_actions']);
  });
});

describe('the review queue', () => {
  it('counts by state per branch: one row a branch, the states that occur in the cycle order', () => {
    const t = countsTable([
      { org_id: 'B1', org_name: '一分行', state: 'locked', cards: '1' },
      { org_id: 'B1', org_name: '一分行', state: 'open', cards: '2' },
      { org_id: 'B2', org_name: '二分行', state: 'open', cards: '1' },
    ]);
    expect(t.states).toEqual(['open', 'locked']);
    expect(t.rows).toEqual([
      { org_id: 'B1', org_name: '一分行', cards: { locked: '1', open: '2' } },
      { org_id: 'B2', org_name: '二分行', cards: { open: '1' } },
    ]);
  });
  it('has its own URL', () => {
    expect(parseRoute('/reviews', '?period=2026-03-ytd')).toEqual({ page: 'reviews', id: null, query: { period: '2026-03-ytd' } });
    expect(routePath('reviews', null)).toBe('/reviews');
  });
});

describe('the public pool screen', () => {
  it("offers the form to the org's own branch president only, as the server allows", () => {
    expect(mayAllocatePool({ role: 'branch_president', org_id: 'B1' }, 'B1')).toBe(true);
    expect(mayAllocatePool({ role: 'branch_president', org_id: 'S11' }, 'B1')).toBe(false);
    expect(mayAllocatePool({ role: 'supervisor', org_id: 'B1' }, 'B1')).toBe(false);
    expect(mayAllocatePool({ role: 'head_office', org_id: null }, 'HQ')).toBe(false);
    expect(mayAllocatePool(null, 'B1')).toBe(false);
  });
  it('offers each manager with a card once, by id, with the org', () => {
    expect(poolRecipients([
      { manager_id: 'M3', manager_name: '王五', org_name: '西城支行' },
      { manager_id: 'M1', manager_name: '张三', org_name: '东城支行' },
      { manager_id: 'M3', manager_name: '王五', org_name: '西城支行' },
    ])).toEqual([{ manager_id: 'M1', text: '张三 · 东城支行' }, { manager_id: 'M3', text: '王五 · 西城支行' }]);
  });
});
