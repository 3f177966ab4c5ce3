// The load log and the rejected rows: for admins, who run the loads; no figures, no clients.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { RouteDocs } from '../openapi.ts';
import { requireArea } from '../auth/middleware.ts';
import { v } from '../validate.ts';
import { listParams } from '../../contract/api.ts';
import { pagingOf, sendList } from '../respond.ts';
import { HttpProblem } from '../problem.ts';
import { listLoads, listRejects, loadColumns, loadExists, rejectColumns } from '../../warehouse/queries/loads.ts';

export function loadRoutes(docs: RouteDocs) {
  const loadsQuery = z.strictObject({
    ...listParams(loadColumns, 'load_id'),
    status: z.enum(['loaded', 'refused', 'unchanged']).optional(),
  });
  const rejectsParams = z.strictObject({ load_id: z.string().regex(/^\d{1,9}$/, 'must be a load number').transform(Number) });
  const rejectsQuery = z.strictObject({
    ...listParams(rejectColumns, 'line_no', 'asc'),
    file: z.string().min(1).max(255).optional(),
  });
  docs.add({ method: 'get', path: '/api/loads', summary: 'The load log', area: 'loads', query: loadsQuery, list: true, response: `list of { ${loadColumns.join(', ')} }` });
  docs.add({ method: 'get', path: '/api/loads/{load_id}/rejects', summary: 'Rows a load set aside: file, line, column, value, reason', area: 'loads', params: rejectsParams, query: rejectsQuery, list: true, response: `list of { ${rejectColumns.join(', ')} }` });

  return new Hono<AppEnv>()
    .use(requireArea('loads'))
    .get('/', v('query', loadsQuery), async (c) => {
      const q = c.req.valid('query');
      const listed = await listLoads(c.var.deps.reader, { status: q.status }, pagingOf(q));
      return sendList(c, q, 'loads', { meta: { status: q.status ?? null }, keys: [...loadColumns], ...listed });
    })
    .get('/:load_id/rejects', v('param', rejectsParams), v('query', rejectsQuery), async (c) => {
      const { load_id } = c.req.valid('param');
      const q = c.req.valid('query');
      if (!(await loadExists(c.var.deps.reader, load_id))) throw new HttpProblem(404, `load ${load_id} not found`);
      const listed = await listRejects(c.var.deps.reader, { loadId: load_id, file: q.file }, pagingOf(q));
      return sendList(c, q, 'rejects', { meta: { load_id, file: q.file ?? null }, keys: [...rejectColumns], ...listed });
    });
}
