// Requests of signed-in fixture users to an app that a test may replace (a rebuild reopens it):
// each user signs in once per app, writes carry the same-site Origin the CSRF check asks for.
import { login, type FixtureUser } from './fixture.ts';
import type { createApp } from '../../api/app.ts';

type App = ReturnType<typeof createApp>;

export function signedRequests(app: () => App) {
  let cookies = new Map<string, string>();
  let signedInTo: App | undefined;
  async function cookie(user: FixtureUser) {
    if (signedInTo !== app()) {
      cookies = new Map();
      signedInTo = app();
    }
    if (!cookies.has(user)) cookies.set(user, await login(app(), user));
    return cookies.get(user)!;
  }
  return {
    get: async (user: FixtureUser, path: string) => app().request(path, { headers: { cookie: await cookie(user) } }),
    post: async (user: FixtureUser, path: string, body: unknown) =>
      app().request(path, {
        method: 'POST',
        headers: { cookie: await cookie(user), 'content-type': 'application/json', host: 'localhost', origin: 'http://localhost' },
        body: JSON.stringify(body),
      }),
  };
}
