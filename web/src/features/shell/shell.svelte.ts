// Shell state: the periods the warehouse holds (for the picker) and the default one.
import { meta } from '../../lib/api.ts';

class ShellState {
  periods = $state.raw<string[]>([]);
  defaultPeriod = $state<string | null>(null);
  #loaded = false;

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
