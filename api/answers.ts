// Answers kept as sent: the JSON text of recent 200 answers, by who asks and what. A published
// results file never changes, and each has its own cache (api/server.ts), so nothing can change an
// answer while it is kept (the same argument as the pool's result cache); a repeated request then costs a lookup instead of the queries, the copy of
// their rows and JSON.stringify: on the large bank ≈ 2 ms of the server's CPU a request, against
// ≈ 5.5 ms with only the pool's rows kept and 10–40 ms with nothing kept (BENCHMARKS.md).
//
// The key is the role, the scope, the path with its query string and the sizes of the entries and
// reviews files (a scorecard adds what people entered, and a locked card is its snapshot: both
// change without a new results file): every route's
// answer is a function of those alone (the user is checked before, on every request, so a disabled user or an
// expired session never reaches a kept answer). Downloads (CSV, XLSX) and errors are not kept.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { BoundedLru } from '../warehouse/lru.ts';

export class AnswerCache {
  /** key → JSON text, weighed in characters. */
  private readonly kept: BoundedLru<string>;
  hits = 0;
  misses = 0;

  /**
   * @param entries answers kept at most
   * @param maxChars UTF-16 code units kept at most over all answers (one or two bytes each in V8's
   *   strings); no answer over an eighth of them is kept, so one never crowds out the rest
   */
  constructor(entries: number, maxChars: number) {
    this.kept = new BoundedLru<string>(entries, maxChars, (text) => text.length, maxChars / 8);
  }

  get(key: string): string | undefined {
    const text = this.kept.get(key);
    if (text === undefined) this.misses++;
    else this.hits++;
    return text;
  }

  set(key: string, text: string): void {
    this.kept.set(key, text);
  }

  get size(): number {
    return this.kept.size;
  }
}

type JsonArgs = [object: unknown, arg?: unknown, headers?: unknown];

/**
 * Serves a kept answer, or lets the route answer and keeps its JSON text. Mounted after
 * requireUser; a no-op when the deps carry no cache. The route's `c.json` is wrapped for this one
 * request so the text it stringifies is kept as sent (reading it back from the finished response
 * would turn the server's light response into a full one: a copy and the slow write path).
 */
export const keepAnswers = createMiddleware<AppEnv>(async (c, next) => {
  const cache = c.var.deps.answers;
  const user = c.get('user');
  if (!cache || !user || c.req.method !== 'GET') return next();
  const scope = c.var.scope;
  const url = c.req.url;
  const entries = `${c.var.deps.entries.generation()}.${c.var.deps.reviews.generation()}`;
  const key = `${user.role}\u0000${scope.orgId ?? ''}\u0000${scope.managerId ?? ''}\u0000${entries}\u0000${url.slice(url.indexOf('/', url.indexOf('//') + 2))}`;
  const hit = cache.get(key);
  if (hit !== undefined) return c.body(hit, 200, { 'Content-Type': 'application/json' });
  let text: string | undefined;
  const json = c.json as unknown as (...a: JsonArgs) => Response;
  // Only the plain form the routes use for their answers: c.json(object, 200).
  (c as unknown as { json: (...a: JsonArgs) => Response }).json = (object, arg, headers) => {
    if (arg !== 200 || headers !== undefined) return json(object, arg, headers);
    text = JSON.stringify(object);
    return c.body(text, 200, { 'Content-Type': 'application/json' });
  };
  await next();
  if (text !== undefined && c.res.status === 200) cache.set(key, text);
});
