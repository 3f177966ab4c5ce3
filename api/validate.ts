// Validation of every parameter through Hono's validator middleware with zod schemas. A failure
// becomes a 400 problem naming each bad parameter and why; unknown query parameters are refused
// (schemas are strict), so a typo never silently changes a figure.
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { problem, type InvalidParam } from './problem.ts';

type Target = 'query' | 'param' | 'json';
const where: Record<Target, InvalidParam['in']> = { query: 'query', param: 'path', json: 'body' };

export function issuesToParams(error: z.ZodError, target: Target): InvalidParam[] {
  return error.issues.map((issue) => {
    // Unknown keys come as one issue listing them; name each.
    if (issue.code === 'unrecognized_keys') {
      return { name: issue.keys.join(', '), in: where[target], reason: 'unknown parameter' };
    }
    const name = issue.path.map(String).join('.') || '(body)';
    return { name, in: where[target], reason: issue.message };
  });
}

/** Validator middleware: `v('query', schema)`; handlers read `c.req.valid('query')`. */
export function v<T extends Target, S extends z.ZodType>(target: T, schema: S) {
  return validator(target, (value, c) => {
    // A repeated query parameter (?page=1&page=2) arrives as a string here (Hono keeps the
    // first); refuse repeats explicitly so the figure never depends on which one wins.
    if (target === 'query') {
      const url = new URL(c.req.url);
      const seen = new Set<string>();
      for (const key of url.searchParams.keys()) {
        if (seen.has(key)) {
          return problem(c, 400, `parameter '${key}' is given more than once`, {
            invalid_params: [{ name: key, in: 'query', reason: 'given more than once' }],
          });
        }
        seen.add(key);
      }
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const params = issuesToParams(parsed.error, target);
      const detail = params.map((p) => `${p.name}: ${p.reason}`).join('; ');
      return problem(c, 400, `invalid ${where[target]} parameter — ${detail}`, { invalid_params: params });
    }
    return parsed.data as z.output<S>;
  });
}
