// Who is signed in, and where each role starts.
import { ApiError, auth, type Me } from './api.ts';
import { mayOpen } from '../features/shell/nav.ts';
import { parseRoute } from './router.ts';
export { homeOf } from '../features/shell/nav.ts';

export type Role = Me['role'];

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

/** A link the signed-in user may follow, else null (drawn as plain text): no link to a refusal. */
export function openable(href: string | null): string | null {
  if (!href) return null;
  const url = new URL(href, location.origin);
  return mayOpen(session.me, parseRoute(url.pathname, url.search).page) ? href : null;
}
