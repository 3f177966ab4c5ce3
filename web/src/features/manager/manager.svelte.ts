// State of a manager's page: the manager endpoint (scorecard, figures against base and target,
// monthly trend, process and risk), and the client portfolio; reloaded when manager or period change.
import { manager, portfolio, type Listed, type ManagerPage, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';
import { PROFIT_TILES } from './headline.ts';

/** The trend chart's lines: the profit split, as the first tiles. */
export const TREND_METRICS = PROFIT_TILES;

export class ManagerState {
  page = new Resource<ManagerPage>();
  clients = new Resource<Listed<Row>>();
  warnings = new Resource<Listed<Row>>();

  #seq = 0;

  load(id: string, view: View, segment: string | null = null): void {
    // The scorecard first (the page's primary figures), then the portfolio and warnings, which
    // are larger and shown below it; warnings are listed under the manager's org node. A newer
    // load (another manager or period) cancels the follow-up of an older one.
    const seq = ++this.#seq;
    void this.page.load(() => manager.page(id, view)).then(() => {
      if (seq !== this.#seq) return;
      void this.clients.load(() => portfolio.clients(id, view, segment));
      const org = this.page.data?.manager.org_id;
      if (org) void this.warnings.load(() => portfolio.warnings(id, org, view));
    });
  }
}
