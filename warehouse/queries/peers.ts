// Peers: every org node of one level under a node, side by side bank-wide (the head office's
// benchmarking page). Figures are mart_org_peers' as built; the filters (level, parent, size
// group) are bound parameters.
import { runList, type Listed, type Paging } from './listing.ts';
import type { Reader } from './reader.ts';
import { nodeInScope, scopeParams, type Scope } from './scope.ts';

export const peerColumns = [
  'org_id', 'org_name', 'level', 'parent_id', 'parent_name', 'size_tier_by_staff', 'size_tier_by_book',
  'managers', 'clients', 'profit_contribution', 'profit_contribution_target', 'profit_contribution_achievement',
  'profit_contribution_per_manager', 'profit_contribution_per_manager_percentile',
  'deposit_avg_balance', 'loan_avg_balance', 'loan_end_balance', 'npl_ratio', 'npl_ratio_growth',
  'institution_score', 'institution_grade', 'institution_level_rank',
] as const;

export interface PeerFilter {
  orgId: string;
  period: string;
  level: string;
  parentId?: string;
  sizeBy?: 'staff' | 'book';
  size?: string;
}

export async function peerTable(reader: Reader, scope: Scope, f: PeerFilter, paging: Paging): Promise<Listed<Record<string, unknown>>> {
  return runList(reader, {
    select: `
      select ${peerColumns.map((c) => `p.${c}`).join(', ')}
      from mart_org_peers p
      join mart_org_ancestors sub on sub.org_id = p.org_id and sub.ancestor_id = $org_id::varchar
      where p.period = $period
        and p.level = $level
        and ${nodeInScope}
        and ($parent_id::varchar is null or p.parent_id = $parent_id::varchar)
        and ($size::varchar is null or (case when $size_by::varchar = 'book' then p.size_tier_by_book else p.size_tier_by_staff end) = $size::varchar)`,
    params: {
      ...scopeParams(scope), org_id: f.orgId, period: f.period, level: f.level,
      parent_id: f.parentId ?? null, size_by: f.sizeBy ?? 'staff', size: f.size ?? null,
    },
    paging,
    sortable: [...peerColumns],
    tiebreak: ['org_id'],
  });
}
