// State of the risk page: turned-NPL ranking (current or originating manager), migration matrix,
// vintage curves, warnings, and the loans behind whichever figure was clicked.
import { risk, type LoanDrill, type Listed, type RiskBasis, type Row, type View } from '../../lib/api.ts';
import { Resource } from '../../lib/resource.svelte.ts';
import type { CellDrill } from './drill.ts';

/** Ranking columns of each basis: the holder's figures, or the originator's. */
export const RANKING_COLUMNS: Record<RiskBasis, readonly string[]> = {
  current: ['manager_name', 'org_name', 'line', 'turned_npl_count', 'turned_npl_balance', 'npl_balance', 'npl_ratio', 'special_mention_balance', 'loan_end_balance', 'warnings'],
  originating: ['manager_name', 'org_name', 'line', 'originated_turned_npl_count', 'originated_turned_npl_balance', 'originated_npl_balance', 'originated_npl_ratio', 'originated_loan_end_balance'],
};
export const RANKING_SORT: Record<RiskBasis, string> = { current: 'turned_npl_balance', originating: 'originated_turned_npl_balance' };

export class RiskState {
  ranking = new Resource<Listed<Row>>();
  migration = new Resource<{ rows: Row[] }>();
  vintage = new Resource<{ rows: Row[] }>();
  warnings = new Resource<Listed<Row>>();
  loans = new Resource<Listed<Row>>();

  load(orgId: string, view: View, basis: RiskBasis): void {
    void this.ranking.load(() => risk.turnedNpl(orgId, view, basis));
    void this.migration.load(() => risk.migration(orgId, view));
    void this.vintage.load(() => risk.vintage(orgId));
    void this.warnings.load(() => risk.warnings(orgId, view));
  }

  loadLoans(orgId: string, view: View, drill: LoanDrill | null, cell: CellDrill | null = null): void {
    if (cell?.kind === 'migration') void this.loans.load(() => risk.migrationLoans(orgId, view, cell.from_class, cell.to_class));
    else if (cell?.kind === 'vintage') void this.loans.load(() => risk.vintageLoans(orgId, view, cell.origination_quarter, cell.months_on_book));
    else if (drill) void this.loans.load(() => risk.loans(orgId, view, drill));
  }
}
