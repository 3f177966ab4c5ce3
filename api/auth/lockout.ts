// Failed logins are counted per username and per client address. After MAX_FAILURES failures
// within WINDOW_MS the key is locked for LOCK_MS: every login attempt on it gets 429 with
// Retry-After, right password or not, so guessing cannot continue behind the lock.
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

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
