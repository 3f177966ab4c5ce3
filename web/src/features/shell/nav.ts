// Navigation by role: each role sees the areas it may open, starting from its own node.
import type { Me } from '../../lib/api.ts';
import type { MessageKey } from '../../lib/i18n.ts';
import type { Page } from '../../lib/router.ts';

export interface NavItem {
  key: MessageKey;
  page: Page;
  id: string | null;
}

export function navFor(me: Pick<Me, 'role' | 'org_id' | 'manager_id' | 'home_org_id'>): NavItem[] {
  const org = me.home_org_id ?? me.org_id;
  switch (me.role) {
    case 'head_office':
    case 'branch_president':
      return [
        { key: 'nav_institution', page: 'org', id: org },
        { key: 'nav_managers', page: 'managers', id: org },
        { key: 'nav_risk', page: 'risk', id: org },
        { key: 'nav_reviews', page: 'reviews', id: null },
      ];
    case 'risk_officer':
      return [{ key: 'nav_risk', page: 'risk', id: org }];
    case 'supervisor':
      return [
        { key: 'nav_managers', page: 'managers', id: org },
        { key: 'nav_reviews', page: 'reviews', id: null },
      ];
    case 'manager':
      return [
        { key: 'nav_my_scorecard', page: 'manager', id: me.manager_id },
        { key: 'nav_reviews', page: 'reviews', id: null },
      ];
    default:
      return [];
  }
}

/** Each role's starting page (DOMAIN.md: what each user must see first). */
export function homeOf(me: Pick<Me, 'role' | 'org_id' | 'manager_id' | 'home_org_id'>): { page: Page; id: string | null } {
  const root = me.home_org_id ?? me.org_id;
  switch (me.role) {
    case 'head_office':
      return { page: 'org', id: root };
    case 'branch_president':
    case 'supervisor':
      return { page: 'managers', id: root };
    case 'risk_officer':
      return { page: 'risk', id: root };
    case 'manager':
      return { page: 'manager', id: me.manager_id };
    default:
      return { page: 'notfound', id: null };
  }
}
