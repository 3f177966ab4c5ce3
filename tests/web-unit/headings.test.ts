// Headings do not say a word twice: an org and its level, a user and their role.
import { describe, expect, it } from 'vitest';
import { notRepeated } from '../../web/src/lib/headings.ts';
import { label } from '../../web/src/lib/i18n.ts';

describe('notRepeated', () => {
  it('drops the level of an org whose name already says it', () => {
    expect(notRepeated('总行', label('head_office', 'zh'))).toBe(''); // not "总行 总行"
    expect(notRepeated('温州会展中心支行', label('sub_branch', 'zh'))).toBe('');
    expect(notRepeated('浙江省分行', label('tier1_branch', 'zh'))).toBe(' 一级分行');
    expect(notRepeated('总行', label('head_office', 'en'))).toBe(' Head office');
  });
  it('drops a role that the display name already says', () => {
    expect(notRepeated('支行行长', '支行行长', ' · ')).toBe('');
    expect(notRepeated('王一', '客户经理', ' · ')).toBe(' · 客户经理');
    expect(notRepeated(null, '总行', ' · ')).toBe(' · 总行');
  });
});
