// State of a manager's page: the manager endpoint (scorecard, figures against base and target,
// monthly trend, process and risk), and the client portfolio; reloaded when manager or period change.
import { manager, portfolio, type Listed, type ManagerPage, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export const TREND_METRICS = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income'] as const;

export class ManagerState {
  page = new Resource<ManagerPage>();
  clients = new Resource<Listed<Row>>();
  warnings = new Resource<Listed<Row>>();

  load(id: string, view: View): void {
    void this.clients.load(() => portfolio.clients(id, view));
    // Warnings are listed under the manager's org node, known once the page has loaded.
    void this.page.load(() => manager.page(id, view)).then(() => {
      const org = this.page.data?.manager.org_id;
      if (org) void this.warnings.load(() => portfolio.warnings(id, org, view));
    });
  }
}
