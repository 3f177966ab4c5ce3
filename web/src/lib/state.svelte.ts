// The one store of shared state: the route (page + subject), period, line and language, all read
// from the URL and written back to it, so a link reproduces the view and Back works.
import { parseRoute, routeHref, withQuery, type Route } from './router.ts';
import { isLang, type Lang } from './i18n.ts';
import { prefetch } from './prefetch.ts';

export type Line = 'corporate' | 'retail';

class AppState {
  route = $state<Route>(parseRoute(location.pathname, location.search));
  lang: Lang = $derived(isLang(this.route.query.lang) ? this.route.query.lang : 'zh');
  /** The period in the URL; null means "the API's default (latest month)". */
  period: string | null = $derived(this.route.query.period ?? null);
  line: Line | null = $derived(this.route.query.line === 'corporate' || this.route.query.line === 'retail' ? this.route.query.line : null);
  /** When the last navigation started (ms); the benchmark reads it to time drill-downs. */
  navigatedAt = $state(0);

  /** Goes to a URL of the app (pushState), or replaces the current entry. */
  navigate(href: string, replace = false): void {
    const url = new URL(href, location.origin);
    const next = url.pathname + url.search;
    if (next !== location.pathname + location.search) {
      if (replace) history.replaceState(null, '', next);
      else history.pushState(null, '', next);
    }
    this.navigatedAt = performance.now();
    this.route = parseRoute(url.pathname, url.search);
    if (!replace) window.scrollTo(0, 0);
  }

  /** Changes query keys of the current page (undefined removes one). */
  setQuery(patch: Record<string, string | undefined>, replace = false): void {
    this.navigate(withQuery(this.route, patch), replace);
  }

  href(route: Route): string {
    return routeHref(route);
  }

  /** Listens to Back/Forward and turns same-app link clicks into pushState navigation. */
  start(): () => void {
    const onPop = () => {
      this.navigatedAt = performance.now();
      this.route = parseRoute(location.pathname, location.search);
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || a.hasAttribute('download') || a.target || !a.href) return;
      const url = new URL(a.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
      e.preventDefault();
      this.navigate(url.pathname + url.search);
    };
    // Intent to follow a link (pointer over it, or keyboard focus on it): fetch its page's data.
    let last = '';
    const onIntent = (e: Event) => {
      const a = (e.target as Element | null)?.closest?.('a');
      if (!a || a.hasAttribute('download') || !a.href || a.href === last) return;
      last = a.href;
      prefetch(a.href);
    };
    addEventListener('popstate', onPop);
    document.addEventListener('click', onClick);
    document.addEventListener('pointerover', onIntent);
    document.addEventListener('focusin', onIntent);
    return () => {
      removeEventListener('popstate', onPop);
      document.removeEventListener('click', onClick);
      document.removeEventListener('pointerover', onIntent);
      document.removeEventListener('focusin', onIntent);
    };
  }
}

export const app = new AppState();
