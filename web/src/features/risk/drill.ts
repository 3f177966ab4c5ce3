// The drill-down of the risk page lives in the URL (?drill=…), so a link to "the loans behind
// this figure" can be shared: `manager:<id>` (that manager's turned-NPL loans, on the page's
// basis), `all` (every turned-NPL loan of the node in the period), `migration:<from>:<to>` (the
// loans of a migration-matrix cell) or `vintage:<quarter>:<months on book>` (a vintage point).
import type { LoanDrill, RiskBasis } from '../../lib/api.ts';
import { periodType } from '../../../../contract/periods.ts';
import { isCode, MIGRATION_FROM, MIGRATION_TO, type MigrationFrom, type MigrationTo } from '../../../../contract/codes.ts';

export type CellDrill =
  | { kind: 'migration'; from_class: MigrationFrom; to_class: MigrationTo }
  | { kind: 'vintage'; origination_quarter: string; months_on_book: number };

export function parseDrill(param: string | undefined, basis: RiskBasis): LoanDrill | null {
  if (!param) return null;
  if (param === 'all') return { by: basis };
  const m = /^manager:(.+)$/.exec(param);
  return m ? { by: basis, manager_id: m[1]! } : null;
}

/** A chart cell's drill (migration cell or vintage point), or null for any other `drill`. */
export function parseCellDrill(param: string | undefined): CellDrill | null {
  const mig = /^migration:([a-z_]+):([a-z_]+)$/.exec(param ?? '');
  if (mig && isCode(MIGRATION_FROM, mig[1]) && isCode(MIGRATION_TO, mig[2])) return { kind: 'migration', from_class: mig[1], to_class: mig[2] };
  const vin = /^vintage:([^:]+):(\d{1,3})$/.exec(param ?? '');
  if (vin && periodType(vin[1]!) === 'quarter') return { kind: 'vintage', origination_quarter: vin[1]!, months_on_book: Number(vin[2]) };
  return null;
}

export function drillParam(managerId: string | null): string {
  return managerId ? `manager:${managerId}` : 'all';
}

export function cellDrillParam(d: CellDrill): string {
  return d.kind === 'migration' ? `migration:${d.from_class}:${d.to_class}` : `vintage:${d.origination_quarter}:${d.months_on_book}`;
}

/**
 * Where a cell of a loan list leads (turned-NPL loans, migration cells, vintage points, warnings):
 * the client's name to the client, the holder's and the originator's names to their managers.
 * Null for other cells and for rows without the id (the unassigned bucket, an unknown originator).
 */
const LOAN_LINKS: Record<string, { page: 'client' | 'manager'; id: string }> = {
  client_name: { page: 'client', id: 'client_id' },
  manager_name: { page: 'manager', id: 'manager_id' },
  originating_manager_name: { page: 'manager', id: 'originating_manager_id' },
};

export function loanCellTarget(row: Record<string, unknown>, key: string): { page: 'client' | 'manager'; id: string } | null {
  const to = LOAN_LINKS[key];
  const id = to ? row[to.id] : null;
  return to && id !== null && id !== undefined && id !== '' ? { page: to.page, id: String(id) } : null;
}
