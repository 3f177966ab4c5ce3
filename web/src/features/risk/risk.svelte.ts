// State of the risk page: turned-NPL ranking (current or originating manager), migration matrix,
// vintage curves, warnings, and the loans behind whichever figure was clicked.
import { risk, type LoanDrill, type Listed, type RiskBasis, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';

export class RiskState {
  ranking = new Resource<Listed<Row>>();
  migration = new Resource<{ rows: Row[] }>();
  vintage = new Resource<Listed<Row>>();
  warnings = new Resource<Listed<Row>>();
  loans = new Resource<Listed<Row>>();

  load(orgId: string, view: View, basis: RiskBasis): void {
    void this.ranking.load(() => risk.turnedNpl(orgId, view, basis));
    void this.migration.load(() => risk.migration(orgId, view));
    void this.vintage.load(() => risk.vintage(orgId, view));
    void this.warnings.load(() => risk.loans(orgId, view, { kind: 'warning' }));
  }

  loadLoans(orgId: string, view: View, drill: LoanDrill | null): void {
    if (!drill) return;
    void this.loans.load(() => risk.loans(orgId, view, drill));
  }
}
