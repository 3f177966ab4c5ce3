// The drill-down of the risk page lives in the URL (?drill=…), so a link to "the loans behind
// this figure" can be shared: `manager:<id>` (turned-NPL loans of a manager, on the page's basis)
// or `all` (every turned-NPL loan of the node).
import type { LoanDrill, RiskBasis } from '../../lib/api.ts';

export function parseDrill(param: string | undefined, basis: RiskBasis): LoanDrill | null {
  if (!param) return null;
  if (param === 'all') return { kind: 'turned_npl', by: basis };
  const m = /^manager:(.+)$/.exec(param);
  return m ? { kind: 'turned_npl', by: basis, manager_id: m[1]! } : null;
}

export function drillParam(managerId: string | null): string {
  return managerId ? `manager:${managerId}` : 'all';
}
