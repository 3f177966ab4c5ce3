// Who may see what. A role grants areas (groups of endpoints); within an area the scope (org
// subtree, own manager id) is applied inside every query, on the server, as bound parameters.
import type { User } from '../../warehouse/users.ts';
import type { Role } from '../../contract/api.ts';
import type { Scope } from '../../warehouse/queries/scope.ts';

export type Area =
  | 'org' // org tree and periods
  | 'institutions' // institution benchmark (figures of org nodes)
  | 'performance' // league table, one manager's scorecard, trend and pay
  | 'process' // visits and other process figures
  | 'risk' // turned-NPL ranking, migration, vintage, warnings
  | 'clients' // portfolios and one client's ledger history
  | 'loads' // load log and rejects
  | 'entries' // entering what people judge on scorecards (manual indicators, bonus/deduction items)
  | 'warnings'; // the build's warnings (sql/warnings/): what the figures should not be trusted for

export const grants: Record<Role, readonly Area[]> = {
  head_office: ['org', 'institutions', 'performance', 'process', 'risk', 'clients', 'entries', 'warnings'],
  branch_president: ['org', 'institutions', 'performance', 'process', 'risk', 'clients', 'entries'],
  // 主管 (seeds/001's supervisor module): the scorecards of their subtree, and entering what is judged.
  supervisor: ['org', 'performance', 'process', 'entries'],
  // Risk views and the detail behind them: the loans and clients, not pay or scorecards.
  risk_officer: ['org', 'risk', 'clients'],
  // Their own figures and own clients: the queries filter on their manager id.
  manager: ['org', 'performance', 'process', 'risk', 'clients'],
  // Loads, rejects and the build's warnings only: no figures, no client detail.
  admin: ['loads', 'warnings'],
};

export function allows(role: Role, area: Area): boolean {
  return grants[role].includes(area);
}

/** The data scope of a signed-in user. */
export function scopeOf(user: User): Scope {
  switch (user.role) {
    case 'head_office':
      return { orgId: user.org_id, managerId: null };
    case 'branch_president':
    case 'risk_officer':
    case 'supervisor':
      if (!user.org_id) throw new Error(`user ${user.username} (${user.role}) has no org_id`);
      return { orgId: user.org_id, managerId: null };
    case 'manager':
      if (!user.manager_id) throw new Error(`user ${user.username} (manager) has no manager_id`);
      return { orgId: user.org_id, managerId: user.manager_id };
    case 'admin':
      // Never used for figures (admin has no figure areas); an empty scope all the same.
      return { orgId: '\u0000none', managerId: '\u0000none' };
  }
}
