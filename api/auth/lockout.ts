// Failed logins, counted per username and per client address, so that an attacker cannot turn
// the throttle against others:
// - a username is locked for LOCK_MS after MAX_FAILURES_PER_USER failures within WINDOW_MS: every
//   login on it gets 429 with Retry-After, right password or not, so guessing stops behind the lock;
// - an address with MAX_FAILURES_PER_ADDRESS failures within WINDOW_MS is throttled: its failed
//   logins are answered 429 after a delay, and its logins at unknown names get 429 without a
//   password check — but a right password for a user who is not locked still signs in from it
//   (an office behind one NAT address keeps working while someone there mistypes).
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
/** How long a throttled address waits for the answer to each failed login. */
export const THROTTLE_DELAY_MS = 1000;

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class Lockout {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /** Milliseconds until the key may try again, or 0 when it is not locked. */
  lockedFor(key: string): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    return Math.max(0, e.lockedUntil - this.now());
  }

  /** Records a failure; returns true when this failure locks the key. */
  fail(key: string, max: number): boolean {
    const t = this.now();
    const e = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    e.failures = e.failures.filter((f) => t - f < WINDOW_MS);
    e.failures.push(t);
    let locked = false;
    if (e.failures.length >= max) {
      e.lockedUntil = t + LOCK_MS;
      e.failures = [];
      locked = true;
    }
    this.entries.set(key, e);
    if (this.entries.size > 10_000) this.sweep();
    return locked;
  }

  /** Failures of the key within the window (an address's, which is never locked). */
  recent(key: string): number {
    const t = this.now();
    return (this.entries.get(key)?.failures ?? []).filter((f) => t - f < WINDOW_MS).length;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.entries) {
      if (e.lockedUntil < t && e.failures.every((f) => t - f >= WINDOW_MS)) this.entries.delete(k);
    }
  }
}
