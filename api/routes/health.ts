// GET /api/health: up, and what the warehouse holds (its last load and build). Public: it shows
// no figures.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { lastBuild, lastLoad } from '../../warehouse/queries/health.ts';

export function healthRoutes(docs: RouteDocs) {
  docs.add({ method: 'get', path: '/api/health', summary: 'Server status and the warehouse’s last load and build', auth: false, response: '{ status, last_load, last_build, marts }' });
  return new Hono<AppEnv>().get('/', async (c) => {
    const { reader, catalog, stale } = c.var.deps;
    const marts = ['mart_org_period', 'mart_manager_period', 'mart_client_period', 'mart_manager_metrics', 'mart_org_metrics', 'mart_scorecards'];
    return c.json(
      {
        status: 'ok' as const,
        last_load: await lastLoad(reader),
        last_build: await lastBuild(reader, catalog),
        // Readable: built by this version (every mart then exists).
        marts: Object.fromEntries(marts.map((m) => [m, stale === null])),
      },
      200,
    );
  });
}
