// Who is signed in, and where each role starts.
import { ApiError, auth, type Me } from './api.ts';
import type { Route } from './router.ts';

export type Role = Me['role'];

/** Each role's starting page (DOMAIN.md: what each user must see first). */
export function homeOf(me: Me): Pick<Route, 'page' | 'id'> {
  const root = me.home_org_id ?? me.org_id;
  switch (me.role) {
    case 'head_office':
      return { page: 'org', id: root };
    case 'branch_president':
      return { page: 'managers', id: root };
    case 'risk_officer':
      return { page: 'risk', id: root };
    case 'manager':
      return { page: 'manager', id: me.manager_id };
    default:
      return { page: 'notfound', id: null };
  }
}

class Session {
  me = $state.raw<Me | null>(null);
  checked = $state(false);

  async refresh(): Promise<void> {
    try {
      this.me = await auth.me();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      this.me = null;
    } finally {
      this.checked = true;
    }
  }

  async login(username: string, password: string): Promise<Me> {
    this.me = await auth.login(username, password);
    return this.me;
  }

  async logout(): Promise<void> {
    try {
      await auth.logout();
    } finally {
      this.me = null;
    }
  }
}

export const session = new Session();
