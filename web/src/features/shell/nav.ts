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
      return [
        { key: 'nav_institution', page: 'org', id: org },
        { key: 'nav_peers', page: 'peers', id: org },
        { key: 'nav_managers', page: 'managers', id: org },
        { key: 'nav_risk', page: 'risk', id: org },
        { key: 'nav_reviews', page: 'reviews', id: null },
      ];
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

/**
 * The pages each role may open: its navigation's and the drill-downs its areas (api/auth/access.ts)
 * allow — a risk officer reads loans and clients but no scorecard; a manager their own card and
 * clients but no institution. A link to any other page is not drawn, so no click ends in a refusal.
 */
const PAGES: Record<Me['role'], readonly Page[]> = {
  head_office: ['org', 'peers', 'managers', 'risk', 'manager', 'client', 'reviews'],
  branch_president: ['org', 'peers', 'managers', 'risk', 'manager', 'client', 'reviews'],
  // 主管: the league and cards of their subtree, and the review queue; no institution or risk pages.
  supervisor: ['managers', 'manager', 'reviews'],
  risk_officer: ['risk', 'client'],
  manager: ['manager', 'client', 'reviews'],
  admin: [],
};

export function mayOpen(me: Pick<Me, 'role'> | null, page: Page): boolean {
  if (page === 'home' || page === 'login') return true;
  return me !== null && PAGES[me.role].includes(page);
}
