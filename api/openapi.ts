// The OpenAPI 3.1 document, generated from the very zod schemas the routes validate with: each
// route registers its path, parameters and query schema here as it is defined.
import { z } from 'zod';
import type { Area } from './auth/access.ts';

export interface RouteDoc {
  method: 'get' | 'post';
  /** OpenAPI path, e.g. `/api/orgs/{org_id}/managers`. */
  path: string;
  summary: string;
  /** Area a caller's role must grant; absent = public or any signed-in user (see `auth`). */
  area?: Area;
  auth?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodObject;
  /** What the 200 response holds. */
  response: string;
  /** A list endpoint: sortable, paged, downloadable as CSV/XLSX. */
  list?: boolean;
}

export class RouteDocs {
  readonly routes: RouteDoc[] = [];

  add(doc: RouteDoc): RouteDoc {
    this.routes.push(doc);
    return doc;
  }

  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const parameters = [
        ...paramsOf(r.params, 'path'),
        ...paramsOf(r.query, 'query'),
      ];
      const responses: Record<string, unknown> = {
        200: {
          description: r.response,
          content: {
            'application/json': {},
            ...(r.list
              ? { 'text/csv': {}, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} }
              : {}),
          },
        },
        400: { $ref: '#/components/responses/Problem' },
      };
      if (r.auth !== false) {
        responses[401] = { $ref: '#/components/responses/Problem' };
        responses[403] = { $ref: '#/components/responses/Problem' };
      }
      if (r.params) responses[404] = { $ref: '#/components/responses/Problem' };
      paths[r.path] ??= {};
      paths[r.path]![r.method] = {
        summary: r.summary,
        ...(r.area ? { 'x-area': r.area } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(r.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) } } } }
          : {}),
        ...(r.auth === false ? { security: [] } : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Jixiao API',
        version: '1',
        description:
          'Performance figures of a commercial bank, read from the warehouse marts and scoped to what the signed-in user may see. Money is an exact decimal string in yuan; ratios are decimal strings with 6 places.',
      },
      security: [{ session: [] }],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jixiao_session' } },
        responses: {
          Problem: {
            description: 'RFC 9457 problem details',
            content: {
              'application/problem+json': {
                schema: {
                  type: 'object',
                  properties: {
                    type: { type: 'string' },
                    title: { type: 'string' },
                    status: { type: 'integer' },
                    detail: { type: 'string' },
                    instance: { type: 'string' },
                    invalid_params: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: { name: { type: 'string' }, in: { type: 'string' }, reason: { type: 'string' } },
                      },
                    },
                    pool_over: {
                      type: 'object',
                      description: 'An allocation over a public pool: the org whose pool it would overdraw, and by how much (yuan)',
                      properties: { org_id: { type: 'string' }, amount: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      paths,
    };
  }
}

function paramsOf(schema: z.ZodObject | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}
