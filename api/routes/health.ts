// GET /api/health: up, and when the results served were built — all an anonymous caller learns.
// A signed-in admin also gets what the results hold: the build, its last load, which marts.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { sessionUser } from '../auth/middleware.ts';
import { lastBuild, lastLoad } from '../../warehouse/queries/health.ts';

export function healthRoutes(docs: RouteDocs) {
  docs.add({ method: 'get', path: '/api/health', summary: 'Server status and when the results served were built (with the build, last load and marts for an admin)', auth: false, response: '{ status, built_at } (admin: also build_id, last_load, last_build, marts)' });
  return new Hono<AppEnv>().get('/', async (c) => {
    const { reader, catalog, build, stale } = c.var.deps;
    const answer = { status: 'ok' as const, built_at: build?.built_at ?? null };
    const user = await sessionUser(c);
    if (user?.role !== 'admin') return c.json(answer, 200);
    c.set('user', user);
    const marts = ['mart_org_period', 'mart_manager_period', 'mart_client_period', 'mart_manager_metrics', 'mart_org_metrics', 'mart_scorecards'];
    return c.json(
      {
        ...answer,
        build_id: build?.build_id ?? null,
        last_load: await lastLoad(reader),
        last_build: await lastBuild(reader, catalog),
        // Readable: built by this version (every mart then exists).
        marts: Object.fromEntries(marts.map((m) => [m, stale === null])),
      },
      200,
    );
  });
}
