// Prefetch on intent: when the pointer rests on (or keyboard focus reaches) a link of the app, the
// data of the page it leads to is requested, so the click is answered from the API client's cache.
// The calls and their arguments are the same as the pages' own (features/*/*.svelte.ts), so they
// hit the same cache entries.
import { institutions, managers, manager, client, risk, portfolio, type View } from './api.ts';
import { parseRoute } from './router.ts';

export function prefetch(href: string): void {
  const url = new URL(href, location.origin);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  const r = parseRoute(url.pathname, url.search);
  const id = r.id;
  if (!id) return;
  const lang = r.query.lang === 'en' ? 'en' : 'zh';
  const period = r.query.period ?? null;
  const line = r.query.line === 'corporate' || r.query.line === 'retail' ? r.query.line : null;
  const view: View = { period, line: null, lang };
  const quiet = (p: Promise<unknown>) => void p.catch(() => {});
  switch (r.page) {
    case 'org':
      quiet(institutions.summary(id, view));
      quiet(institutions.benchmark(id, view));
      break;
    case 'managers':
      quiet(managers.league(id, { ...view, line }, r.query.grade ?? null));
      break;
    case 'manager':
      quiet(manager.page(id, view));
      quiet(portfolio.clients(id, view));
      break;
    case 'client':
      quiet(client.page(id));
      break;
    case 'risk':
      quiet(risk.turnedNpl(id, { ...view, line }, r.query.basis === 'originating' ? 'originating' : 'current'));
      break;
  }
}
