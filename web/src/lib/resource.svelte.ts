// A value fetched from the API, with its loading and error states. Each page's state class holds
// a few of these and reloads them when the view (route, period, line) changes. A newer load
// supersedes an older one still in flight, so a fast drill-down never shows stale figures.
import { ApiError } from './api.ts';

export class Resource<T> {
  data = $state.raw<T | null>(null);
  error = $state.raw<ApiError | Error | null>(null);
  loading = $state(false);
  #seq = 0;

  async load(fetcher: () => Promise<T>): Promise<void> {
    const seq = ++this.#seq;
    this.loading = true;
    this.error = null;
    try {
      const value = await fetcher();
      if (seq !== this.#seq) return;
      this.data = value;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.data = null;
      this.error = e instanceof Error ? e : new Error(String(e));
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }
}
