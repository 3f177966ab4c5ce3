// Authentication and area checks as Hono middleware. `requireUser` resolves the session cookie to
// a live session and an enabled user, and puts the user and their scope on the context.
import { createMiddleware } from 'hono/factory';
import { getSignedCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { HttpProblem } from '../problem.ts';
import { allows, scopeOf, type Area } from './access.ts';
import { SESSION_COOKIE } from './sessions.ts';

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const { sessions, users, sessionSecret } = c.var.deps;
  const id = await getSignedCookie(c, sessionSecret, SESSION_COOKIE);
  const session = typeof id === 'string' ? sessions.touch(id) : undefined;
  const user = session ? users.get(session.username) : undefined;
  if (!session || !user || user.disabled) {
    if (session) sessions.delete(session.id);
    throw new HttpProblem(401, 'sign in first: POST /api/auth/login', {}, { 'www-authenticate': 'Cookie realm="jixiao"' });
  }
  c.set('user', user);
  c.set('scope', scopeOf(user));
  await next();
});

export function requireArea(area: Area) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!allows(user.role, area)) throw new HttpProblem(403, `the ${user.role} role has no access to ${area}`);
    await next();
  });
}
