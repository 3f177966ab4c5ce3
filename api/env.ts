// The Hono environment of the API: what every handler finds on the context.
import type { Reader } from '../warehouse/queries/reader.ts';
import type { Catalog } from '../warehouse/queries/catalog.ts';
import type { Scope } from '../warehouse/queries/scope.ts';
import type { User, UserStore } from '../warehouse/users.ts';
import type { EntriesStore } from '../warehouse/entries.ts';
import type { ReviewStore } from '../warehouse/reviews.ts';
import type { SessionStore } from './auth/sessions.ts';
import type { Lockout } from './auth/lockout.ts';
import type { PeriodRow } from '../warehouse/queries/orgs.ts';
import type { PublishedBuildRow } from '../warehouse/queries/health.ts';
import type { AnswerCache } from './answers.ts';

export interface Deps {
  reader: Reader;
  /** Recent answers kept as sent (a read-only warehouse only); absent = every request answered afresh. */
  answers?: AnswerCache;
  /** The tables and columns this code's build makes (warehouse/schema-version.ts), not the file's. */
  catalog: Catalog;
  /** Why the warehouse cannot be read (not built by this version: 503 "run jixiao build"); null when it can. */
  stale: string | null;
  /** The periods the build produced, read when its results file was opened (it never changes). */
  periods: PeriodRow[];
  /** The build whose results file this is (absent in a file no build published). */
  build?: PublishedBuildRow;
  /** The access log and server events go here (stdout or --log FILE in `serve`; silent in tests). */
  log: (line: string) => void;
  users: UserStore;
  /** What people entered on scorecards, and its audit trail (`<db>.entries.jsonl`). */
  entries: EntriesStore;
  /** The review cycle of the cards, the pool's allocations and the talks (`<db>.reviews.jsonl`). */
  reviews: ReviewStore;
  sessions: SessionStore;
  lockout: Lockout;
  sessionSecret: string;
  /** Set the Secure flag on the cookie (serve behind HTTPS). */
  secureCookies: boolean;
  /** The client's address is the last one a reverse proxy appended to X-Forwarded-For. */
  trustProxy?: boolean;
  /** Delay before a throttled address's failed login is answered (default THROTTLE_DELAY_MS). */
  failedLoginDelayMs?: number;
  now: () => number;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    user: User;
    scope: Scope;
  };
}
