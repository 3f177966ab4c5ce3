// State of a manager's page: scorecard, figures (risk, process), trend, visits, clients and
// portfolio summary, warnings; reloaded when the manager or period changes.
import { manager, type Listed, type MetricFigure, type Row, type Scorecard, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export const TREND_METRICS = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income'] as const;
export const RISK_METRICS = ['npl_balance', 'npl_ratio', 'turned_npl_count', 'turned_npl_balance'] as const;

export class ManagerState {
  scorecard = new Resource<Scorecard>();
  figures = new Resource<{ figures: MetricFigure[] }>();
  trend = new Resource<Listed<Row>>();
  visits = new Resource<Listed<Row>>();
  clients = new Resource<Listed<Row>>();
  portfolio = new Resource<{ concentration: Row; segments: Row[] }>();
  warnings = new Resource<Listed<Row>>();

  load(id: string, view: View): void {
    void this.scorecard.load(() => manager.scorecard(id, view));
    void this.figures.load(() => manager.figures(id, view));
    void this.trend.load(() => manager.trend(id, view));
    void this.visits.load(() => manager.visits(id, view));
    void this.clients.load(() => manager.clients(id, view));
    void this.portfolio.load(() => manager.portfolio(id, view));
    void this.warnings.load(() => manager.warnings(id, view));
  }
}
