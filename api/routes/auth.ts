// Sign in, sign out, who am I. The session cookie is signed, HttpOnly, SameSite=Strict; failed
// logins count toward a lock of the username and a throttle of the client address (auth/lockout.ts).
import { Hono } from 'hono';
import { setSignedCookie, deleteCookie, getSignedCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { HttpProblem } from '../problem.ts';
import { v } from '../validate.ts';
import { requireUser } from '../auth/middleware.ts';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USER, THROTTLE_DELAY_MS, WINDOW_MS } from '../auth/lockout.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { grants } from '../auth/access.ts';
import type { RouteDocs } from '../openapi.ts';
import type { User } from '../../warehouse/users.ts';
import type { Me } from '../../contract/api.ts';
import type { Reader } from '../../warehouse/queries/reader.ts';
import { rootOrgId } from '../../warehouse/queries/orgs.ts';

export const loginBody = z.strictObject({
  username: z.string().min(1, 'required').max(64, 'must be at most 64 characters'),
  password: z.string().min(1, 'required').max(256, 'must be at most 256 characters'),
});

/** What the client may know of a user; home_org_id is where its views start (the tree's root for head office). */
async function publicUser(u: User, reader: Reader): Promise<Me> {
  return {
    username: u.username,
    display_name: u.display_name,
    role: u.role,
    org_id: u.org_id,
    manager_id: u.manager_id,
    home_org_id: u.role === 'admin' ? null : (u.org_id ?? (await rootOrgId(reader))),
    areas: [...grants[u.role]],
  };
}

/**
 * The client's address: the socket's, or behind a reverse proxy (--trust-proxy) the last address
 * in X-Forwarded-For — the one the proxy itself appended; earlier ones a client can forge.
 */
export function addressOf(c: { env: unknown; req: { header(name: string): string | undefined } }, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((a) => a.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1]!;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function authRoutes(docs: RouteDocs) {
  docs.add({ method: 'post', path: '/api/auth/login', summary: 'Sign in; sets the session cookie', auth: false, body: loginBody, response: 'The signed-in user: username, display_name, role, org_id, manager_id, areas' });
  docs.add({ method: 'post', path: '/api/auth/logout', summary: 'Sign out; ends the session', response: '{ ok: true }' });
  docs.add({ method: 'get', path: '/api/auth/me', summary: 'The signed-in user', response: 'username, display_name, role, org_id, manager_id, areas' });

  return new Hono<AppEnv>()
    .post('/login', bodyLimit({ maxSize: 4096, onError: () => { throw new HttpProblem(413, 'login body over 4 KiB'); } }), v('json', loginBody), async (c) => {
      const { deps } = c.var;
      const { username, password } = c.req.valid('json');
      const userKey = `user:${username.toLowerCase()}`;
      const addrKey = `addr:${addressOf(c, deps.trustProxy ?? false)}`;
      const tooMany = (wait: number) =>
        new HttpProblem(429, 'too many failed sign-ins; try again later', {}, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
      const userWait = deps.lockout.lockedFor(userKey);
      if (userWait > 0) throw tooMany(userWait);
      const throttled = deps.lockout.recent(addrKey) >= MAX_FAILURES_PER_ADDRESS;
      const delay = deps.failedLoginDelayMs ?? THROTTLE_DELAY_MS;
      if (throttled && !deps.users.get(username)) {
        deps.lockout.fail(addrKey, Infinity);
        await sleep(delay);
        throw tooMany(WINDOW_MS);
      }
      const user = await deps.users.authenticate(username, password);
      if (!user) {
        deps.lockout.fail(userKey, MAX_FAILURES_PER_USER);
        deps.lockout.fail(addrKey, Infinity);
        if (throttled) {
          await sleep(delay);
          throw tooMany(WINDOW_MS);
        }
        throw new HttpProblem(401, 'wrong username or password, or the account is disabled');
      }
      deps.lockout.reset(userKey);
      const session = deps.sessions.create(user.username);
      await setSignedCookie(c, SESSION_COOKIE, session.id, deps.sessionSecret, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: deps.secureCookies,
        path: '/',
        maxAge: Math.floor(deps.sessions.maxMs / 1000),
      });
      return c.json(await publicUser(user, deps.reader), 200);
    })
    .post('/logout', async (c) => {
      const { deps } = c.var;
      const id = await getSignedCookie(c, deps.sessionSecret, SESSION_COOKIE);
      if (typeof id === 'string') deps.sessions.delete(id);
      deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: deps.secureCookies });
      return c.json({ ok: true as const }, 200);
    })
    .get('/me', requireUser, async (c) => c.json(await publicUser(c.var.user, c.var.deps.reader), 200));
}
