// Authentication and area checks as Hono middleware. `requireUser` resolves the session cookie to
// a live session and an enabled user, and puts the user and their scope on the context.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { User } from '../../warehouse/users.ts';
import { getSignedCookie } from 'hono/cookie';
import type { AppEnv } from '../env.ts';
import { HttpProblem } from '../problem.ts';
import { allows, scopeOf, type Area } from './access.ts';
import { SESSION_COOKIE } from './sessions.ts';

/** The signed-in, enabled user of the request's session cookie, or undefined (and the session ended). */
export async function sessionUser(c: Context<AppEnv>): Promise<User | undefined> {
  const { sessions, users, sessionSecret } = c.var.deps;
  const id = await getSignedCookie(c, sessionSecret, SESSION_COOKIE);
  const session = typeof id === 'string' ? sessions.touch(id) : undefined;
  const user = session ? users.get(session.username) : undefined;
  if (!session || !user || user.disabled) {
    if (session) sessions.delete(session.id);
    return undefined;
  }
  return user;
}

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const user = await sessionUser(c);
  if (!user) throw new HttpProblem(401, 'sign in first: POST /api/auth/login', {}, { 'www-authenticate': 'Cookie realm="jixiao"' });
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
