// Cross-site request forgery: the session cookie is SameSite=Strict, so a browser leaves it off a
// request another site starts; and every write route also refuses a request whose Origin is not
// this server (browsers send Origin on every POST, same-origin ones included). A request without
// Origin is refused too: no browser of ours sends a write without it, and a missing header must
// not become the way around the check.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { HttpProblem } from '../problem.ts';

export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header('origin');
  // The host the browser addressed: behind a reverse proxy (--trust-proxy) the one it forwarded.
  const forwarded = c.var.deps.trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  const host = forwarded || c.req.header('host') || new URL(c.req.url).host;
  let from: string | undefined;
  try {
    from = origin ? new URL(origin).host : undefined;
  } catch {
    from = undefined;
  }
  if (!from || from !== host) {
    throw new HttpProblem(403, `a write must come from this server's own pages (Origin ${origin ? `'${origin.slice(0, 100)}'` : 'missing'}, expected ${host})`);
  }
  await next();
});
