// Server-side sessions, held in memory: the cookie carries only a random id, signed (HMAC) so a
// forged id is refused before lookup. Logout deletes the session, so a copied cookie dies with it;
// a session ends after SESSION_IDLE_MS without a request or SESSION_MAX_MS after login. A restart
// of the server signs everyone out, which is acceptable for this tool.
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'jixiao_session';
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;

export interface Session {
  id: string;
  username: string;
  createdAt: number;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number,
    readonly idleMs = SESSION_IDLE_MS,
    readonly maxMs = SESSION_MAX_MS,
  ) {}

  create(username: string): Session {
    const t = this.now();
    const s = { id: randomBytes(24).toString('base64url'), username, createdAt: t, lastSeen: t };
    this.sessions.set(s.id, s);
    this.sweep();
    return s;
  }

  /** The live session with this id (its idle clock restarted), or undefined if unknown or expired. */
  touch(id: string): Session | undefined {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    const t = this.now();
    if (t - s.lastSeen > this.idleMs || t - s.createdAt > this.maxMs) {
      this.sessions.delete(id);
      return undefined;
    }
    s.lastSeen = t;
    return s;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of a user (used when a password changes or the user is disabled). */
  deleteUser(username: string): void {
    for (const [id, s] of this.sessions) if (s.username === username) this.sessions.delete(id);
  }

  get count(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, s] of this.sessions) {
      if (t - s.lastSeen > this.idleMs || t - s.createdAt > this.maxMs) this.sessions.delete(id);
    }
  }
}
