// The drill-down of the risk page lives in the URL (?drill=…), so a link to "the loans behind
// this figure" can be shared: manager:<id> | migration:<from>><to> | cohort:<key>.
import type { LoanDrill, RiskBasis } from '../../lib/api.ts';

export function parseDrill(param: string | undefined, basis: RiskBasis): LoanDrill | null {
  if (!param) return null;
  const i = param.indexOf(':');
  if (i < 0) return null;
  const kind = param.slice(0, i);
  const arg = param.slice(i + 1);
  if (!arg) return null;
  if (kind === 'manager') return { manager_id: arg, basis };
  if (kind === 'migration') {
    const [from, to] = arg.split('>');
    return from && to ? { from_class: from, to_class: to } : null;
  }
  if (kind === 'cohort') return { cohort: arg };
  return null;
}

export function drillParam(d: { kind: 'manager' | 'migration' | 'cohort'; arg: string }): string {
  return `${d.kind}:${d.arg}`;
}
