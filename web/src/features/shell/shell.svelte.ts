// Shell state: the periods the warehouse holds (for the picker) and the default one, and the org
// tree of the user's scope (breadcrumbs, names).
import { meta, type OrgNode, type PeriodRow } from '../../lib/api.ts';

class ShellState {
  periods = $state.raw<PeriodRow[]>([]);
  defaultPeriod = $state<string | null>(null);
  orgs = $state.raw<OrgNode[]>([]);
  /** A period asked for in the URL that is not loaded, and the one shown instead (see Header). */
  unloadedPeriod = $state<{ asked: string; shown: string } | null>(null);
  #loaded = false;
  #orgsLoaded = false;

  async loadOrgs(): Promise<void> {
    if (this.#orgsLoaded) return;
    this.#orgsLoaded = true;
    try {
      this.orgs = (await meta.orgs()).rows;
    } catch {
      this.#orgsLoaded = false;
    }
  }

  #user: string | null = null;

  /** Loads periods and org tree for this user, forgetting the previous user's. */
  ensure(username: string): void {
    if (this.#user !== username) {
      this.reset();
      this.#user = username;
    }
    void this.loadPeriods();
    void this.loadOrgs();
  }

  /** Forgets what belonged to the previous user (on sign-out). */
  reset(): void {
    this.orgs = [];
    this.periods = [];
    this.unloadedPeriod = null;
    this.#loaded = false;
    this.#orgsLoaded = false;
  }

  async loadPeriods(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    try {
      const p = await meta.periods();
      this.periods = p.periods;
      this.defaultPeriod = p.default;
    } catch {
      this.#loaded = false;
    }
  }
}

export const shell = new ShellState();
