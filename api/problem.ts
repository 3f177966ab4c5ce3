// Errors as RFC 9457 problem details (application/problem+json). Never a stack trace, never
// a hint that an out-of-scope thing exists: a 404 reads the same whether the id is unknown or
// merely not the caller's.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface InvalidParam {
  /** Parameter name, e.g. `page_size` or `org_id`. */
  name: string;
  /** Where it came from: query, path or body. */
  in: 'query' | 'path' | 'body' | 'cookie';
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  invalid_params?: InvalidParam[];
  /** An allocation over a public pool (POST /api/orgs/{org_id}/pool): whose pool, over by how much (yuan). */
  pool_over?: { org_id: string; amount: string };
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Too large',
  415: 'Unsupported media type',
  429: 'Too many attempts',
  500: 'Internal error',
  503: 'Unavailable',
};

/** A problem thrown from anywhere inside a handler; the global onError turns it into a response. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    detail: string,
    readonly extra: Partial<Problem> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export function problemBody(status: number, detail: string, instance?: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://jixiao.dev/problems/${status}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...extra,
  };
}

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): Response {
  // Through the context, so the headers set for every answer (app.ts) come with it.
  return c.body(JSON.stringify(problemBody(status, detail, c.req.path, extra)), status, {
    'content-type': 'application/problem+json; charset=utf-8',
    ...headers,
  });
}

export const notFound = (what: string): HttpProblem => new HttpProblem(404, `${what} not found`);
