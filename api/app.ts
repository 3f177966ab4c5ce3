// The Hono app: every route under /api, global error and not-found handlers that answer with
// problem details, request logging, and (optionally) the web dashboard's static files with SPA
// fallback. `createApp(deps)` builds it; tests call `app.request()` on it in-process.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv, Deps } from './env.ts';
import { HttpProblem, problem } from './problem.ts';
import { RouteDocs } from './openapi.ts';
import { requireUser } from './auth/middleware.ts';
import { keepAnswers } from './answers.ts';
import { authRoutes } from './routes/auth.ts';
import { healthRoutes } from './routes/health.ts';
import { orgRoutes } from './routes/orgs.ts';
import { loadRoutes } from './routes/loads.ts';
import { deliveryRoutes } from './routes/delivery.ts';
import { institutionRoutes } from './routes/institutions.ts';
import { peerRoutes } from './routes/peers.ts';
import { managerRoutes } from './routes/managers.ts';
import { cardEntryRoutes, gridEntryRoutes } from './routes/entries.ts';
import { payrollRoutes, reviewQueueRoutes, reviewRoutes } from './routes/reviews.ts';
import { clientRoutes } from './routes/clients.ts';
import { viewRoutes } from './routes/views.ts';
import { orgScorecardRoutes } from './routes/org-scorecards.ts';

/**
 * On the page and on every API answer. The dashboard loads only its own files (no inline script:
 * Vite emits module scripts); inline style attributes stay allowed because Svelte's templates and
 * ECharts' tooltips set them. No framing anywhere, no referrer sent, no content sniffing.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: [string, string][] = [
  ['content-security-policy', contentSecurityPolicy],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['x-content-type-options', 'nosniff'],
];

export interface AppOptions {
  /** Folder of the built web dashboard (web/dist); served with SPA fallback when given. */
  webDist?: string | null;
}

export function createApp(deps: Deps, opts: AppOptions = {}) {
  const docs = new RouteDocs();
  const orgs = orgRoutes(docs);
  const clients = clientRoutes(docs, deps);
  const views = viewRoutes(docs, deps);
  const delivery = deliveryRoutes(docs);

  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes(docs))
    .route('/auth', authRoutes(docs))
    .use('/*', async (c, next) => {
      // Everything below needs a signed-in user, except the OpenAPI document.
      if (c.req.path === '/api/openapi.json') return next();
      return requireUser(c, next);
    })
    .use('/*', async (c, next) => {
      // Figures only from a warehouse this version built; the load log and this document need none.
      if (deps.stale && c.req.path !== '/api/openapi.json' && !c.req.path.startsWith('/api/loads')) throw new HttpProblem(503, deps.stale);
      return next();
    })
    .use('/*', keepAnswers)
    .route('/orgs', orgs.tree)
    .route('/orgs', institutionRoutes(docs, deps))
    .route('/orgs', peerRoutes(docs))
    .route('/orgs', clients.byOrg)
    .route('/orgs', views)
    .route('/orgs', orgScorecardRoutes(docs, deps))
    .route('/orgs', gridEntryRoutes(docs))
    .route('/orgs', payrollRoutes(docs))
    .route('/managers', managerRoutes(docs))
    .route('/managers', cardEntryRoutes(docs))
    .route('/managers', reviewRoutes(docs))
    .route('/reviews', reviewQueueRoutes(docs))
    .route('/managers', clients.byManager)
    .route('/clients', clients.one)
    .route('/periods', orgs.periods)
    .route('/loads', loadRoutes(docs))
    .route('/ledgers', delivery.ledgers)
    .route('/currency', delivery.currency)
    .route('/warnings', delivery.warnings);

  docs.add({ method: 'get', path: '/api/openapi.json', summary: 'This document', auth: false, response: 'OpenAPI 3.1' });
  const document = docs.document();
  api.get('/openapi.json', (c) => c.json(document, 200));

  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    c.set('deps', deps);
    // Set before the handler answers, so they go into the response it builds: set afterwards, Hono
    // re-creates the finished response from its body (a full copy of it as a stream: 0.5 ms of
    // main-thread CPU per league request on the large bank, and the slow path of writing it out).
    if (c.req.path.startsWith('/api/')) c.header('cache-control', 'no-store');
    for (const [name, value] of securityHeaders) c.header(name, value);
    if (deps.build) c.header('x-jixiao-build', String(deps.build.build_id));
    await next();
    // The access log: time, user, role, method, path, status, milliseconds.
    const user = c.get('user');
    deps.log(`${new Date(deps.now()).toISOString()} ${user?.username ?? '-'} ${user?.role ?? '-'} ${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - t0).toFixed(1)}ms`);
  });
  const routed = app.route('/api', api);

  app.onError((err, c) => {
    if (err instanceof HttpProblem) return problem(c, err.status, err.message, err.extra, err.headers);
    // Hono's own (e.g. malformed JSON body from the validator): keep the status, answer as a problem.
    if (err instanceof HTTPException && err.status < 500) return problem(c, err.status, err.message || 'bad request');
    deps.log(`error ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return problem(c, 500, 'the server could not answer this request; it has been logged');
  });
  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api' || !opts.webDist) return problem(c, 404, `no such endpoint: ${c.req.method} ${c.req.path}`);
    return spaFallback(c, opts.webDist);
  });

  if (opts.webDist && existsSync(opts.webDist)) {
    app.use('/*', serveStatic({ root: opts.webDist }));
  }
  return routed;
}

/** The dashboard's index.html for any non-API GET path (client-side routes). */
function spaFallback(c: Context<AppEnv>, webDist: string): Response {
  const index = join(webDist, 'index.html');
  // A missing file (a path with an extension) is a 404, not the page: only app routes fall back.
  const isFile = /\.[A-Za-z0-9]{1,8}$/.test(c.req.path);
  if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || isFile || !existsSync(index)) return problem(c, 404, `not found: ${c.req.path}`);
  return c.html(readFileSync(index, 'utf8'));
}

export type AppType = ReturnType<typeof createApp>;
