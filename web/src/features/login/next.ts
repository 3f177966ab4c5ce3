// Where sign-in sends the user: back to the page they came for, never nesting one sign-in page in
// another's `next` (a second 401 while already on /login keeps the first `next`).
import { routeHref, type Route } from '../../lib/router.ts';

// The page to return to after signing in: only a path of this app (never another origin or /api).
export function safeNext(next: string | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/api') || next.startsWith('/login')) return null;
  return next;
}

/** The sign-in page for a user at `current`: returns there afterwards (the start page needs no `next`). */
export function loginHref(current: Route): string {
  if (current.page === 'login') return routeHref(current);
  const next = current.page === 'home' ? null : safeNext(routeHref(current));
  return routeHref({ page: 'login', id: null, query: { ...(current.query.lang ? { lang: current.query.lang } : {}), ...(next ? { next } : {}) } });
}
