// State of the institution page: the node's summary (headline figures against base and target,
// monthly trend) and its children side by side; reloaded when the node, period or language changes.
import { institutions, managers, type Listed, type OrgSummary, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

/** The headline tiles of a node under no evaluation scheme (issue 8's list). */
export const HEADLINE = ['profit_contribution', 'deposit_avg_balance', 'loan_avg_balance', 'npl_ratio', 'fee_income'] as const;

/**
 * The headline tiles: profit contribution first, then the main indicators of the schemes in force
 * for the node as the API chose them (its own institution card's, else its managers' schemes');
 * HEADLINE when no scheme is in force (a bank scored by none still sees its book at a glance).
 */
export function headlineMetrics(summary: OrgSummary | null | undefined): readonly string[] {
  const indicators = summary?.indicators ?? [];
  return indicators.length === 0 ? HEADLINE : ['profit_contribution', ...indicators.map((i) => i.metric)];
}
/** Columns of the children table and the heat map. */
export const CHILD_METRICS = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income', 'deposit_avg_balance', 'loan_avg_balance', 'npl_ratio', 'managers'] as const;
/** Columns when a node's children are its managers (a sub-branch or outlet). */
export const MANAGER_METRICS = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income', 'deposit_avg_balance', 'loan_avg_balance', 'npl_ratio', 'clients'] as const;
export const TREND_METRICS = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income'] as const;

export class InstitutionState {
  summary = new Resource<OrgSummary>();
  children = new Resource<Listed<Row>>();
  /** A node without child institutions (a sub-branch, an outlet): its managers are its children. */
  managers = new Resource<Listed<Row>>();
  /** The unassigned bucket of the node's subtree, the row under its managers; none for a manager's scope. */
  unassigned = new Resource<Listed<Row>>();
  #seq = 0;

  load(orgId: string, view: View): void {
    const seq = ++this.#seq;
    void this.summary.load(() => institutions.summary(orgId, view));
    void this.children.load(() => institutions.benchmark(orgId, view)).then(() => {
      if (seq !== this.#seq) return;
      if (this.children.data?.rows.length === 0) {
        void this.managers.load(() => managers.league(orgId, view, null));
        void this.unassigned.load(() => institutions.unassigned(orgId, view));
      } else {
        this.managers.data = null;
        this.unassigned.data = null;
      }
    });
  }
}
