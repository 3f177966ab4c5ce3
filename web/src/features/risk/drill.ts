// The drill-down of the risk page lives in the URL (?drill=…), so a link to "the loans behind
// this figure" can be shared: `manager:<id>` (that manager's turned-NPL loans, on the page's
// basis) or `all` (every turned-NPL loan of the node in the period).
import type { LoanDrill, RiskBasis } from '../../lib/api.ts';

export function parseDrill(param: string | undefined, basis: RiskBasis): LoanDrill | null {
  if (!param) return null;
  if (param === 'all') return { by: basis };
  const m = /^manager:(.+)$/.exec(param);
  return m ? { by: basis, manager_id: m[1]! } : null;
}

export function drillParam(managerId: string | null): string {
  return managerId ? `manager:${managerId}` : 'all';
}
