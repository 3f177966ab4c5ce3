// The view lives in the URL, so a link reproduces it and Back works. A small history router:
// the path names the page and its subject, the query holds the shared state (period, line,
// language) and page options (sort, filters, selection). No hash; the API serves index.html for
// every non-/api path (SPA fallback).
//
//   /login                      log in
//   /                           the role's starting page
//   /org/:orgId                 institution page (any org node)
//   /org/:orgId/managers        managers' league table under a node
//   /org/:orgId/risk            risk page of a node
//   /org/:orgId/peers           every node of a level under a node, side by side (benchmarking)
//   /manager/:managerId         a manager's scorecard and portfolio
//   /client/:clientId           a client
//   /reviews                    the review queue: the cards waiting for the user (issue 22)
export type Page = 'login' | 'home' | 'org' | 'managers' | 'risk' | 'peers' | 'manager' | 'client' | 'reviews' | 'notfound';

export interface Route {
  page: Page;
  id: string | null;
  query: Record<string, string>;
}

/** Query keys shared by every page and carried along when navigating. */
export const SHARED_KEYS = ['period', 'line', 'lang'] as const;

export function parseRoute(pathname: string, search: string): Route {
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (v !== '') query[k] = v;
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c] = parts;
  if (parts.length === 0) return { page: 'home', id: null, query };
  if (a === 'login' && parts.length === 1) return { page: 'login', id: null, query };
  if (a === 'reviews' && parts.length === 1) return { page: 'reviews', id: null, query };
  if (a === 'org' && b && parts.length === 2) return { page: 'org', id: b, query };
  if (a === 'org' && b && parts.length === 3 && (c === 'managers' || c === 'risk' || c === 'peers')) return { page: c, id: b, query };
  if ((a === 'manager' || a === 'client') && b && parts.length === 2) return { page: a, id: b, query };
  return { page: 'notfound', id: null, query };
}

export function routePath(page: Page, id: string | null): string {
  const enc = encodeURIComponent(id ?? '');
  switch (page) {
    case 'login':
      return '/login';
    case 'reviews':
      return '/reviews';
    case 'home':
    case 'notfound':
      return '/';
    case 'org':
      return `/org/${enc}`;
    case 'managers':
    case 'risk':
    case 'peers':
      return `/org/${enc}/${page}`;
    case 'manager':
    case 'client':
      return `/${page}/${enc}`;
  }
}

/** The href of a route; query keys in a stable order so equal views have equal URLs. */
export function routeHref(route: Route): string {
  const q = new URLSearchParams();
  for (const k of Object.keys(route.query).sort()) {
    const v = route.query[k];
    if (v !== undefined && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return routePath(route.page, route.id) + (s ? `?${s}` : '');
}

/** A link to another page keeping the shared state (period, line, language) of the current one. */
export function linkTo(current: Route, page: Page, id: string | null, extra: Record<string, string> = {}): string {
  const query: Record<string, string> = {};
  for (const k of SHARED_KEYS) {
    const v = current.query[k];
    if (v) query[k] = v;
  }
  return routeHref({ page, id, query: { ...query, ...extra } });
}

/** The same page with some query keys changed (undefined or '' removes a key). */
export function withQuery(current: Route, patch: Record<string, string | undefined>): string {
  const query = { ...current.query };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === '') delete query[k];
    else query[k] = v;
  }
  return routeHref({ ...current, query });
}
