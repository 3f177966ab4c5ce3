// The org tree a caller may see, and the periods the warehouse holds.
import type { Reader } from './reader.ts';
import { scopeOrgsCte, scopeParams, type Scope } from './scope.ts';
import type { OrgNode, PeriodRow } from '../../contract/api.ts';

export type { OrgNode };

/** The caller's subtree, depth-first in name order; `depth` counts from the scope's root (0). */
export async function orgTree(reader: Reader, scope: Scope): Promise<OrgNode[]> {
  return reader.query<OrgNode>(
    `with recursive tree(org_id, parent_id, org_name, level, depth, path) as (
       select org_id, parent_id, org_name, level, 0, [org_name || '\u0001' || org_id]
       from stg_extract__orgs
       where case when $scope_org::varchar is null then parent_id is null else org_id = $scope_org::varchar end
       union all
       select o.org_id, o.parent_id, o.org_name, o.level, t.depth + 1, list_append(t.path, o.org_name || '\u0001' || o.org_id)
       from stg_extract__orgs o join tree t on o.parent_id = t.org_id
     ),
     own_managers as (
       select org_id, count(*) as managers from stg_extract__managers group by org_id
     )
     select t.org_id, t.parent_id, t.org_name, t.level, t.depth, coalesce(m.managers, 0) as managers
     from tree t left join own_managers m using (org_id)
     order by t.path`,
    scopeParams(scope),
  );
}

/** Whether an org node is inside the caller's subtree (out-of-scope and unknown look the same). */
export async function orgInScope(reader: Reader, scope: Scope, orgId: string): Promise<{ org_id: string; org_name: string; level: string; parent_id: string | null } | undefined> {
  const rows = await reader.query<{ org_id: string; org_name: string; level: string; parent_id: string | null }>(
    `with ${scopeOrgsCte}
     select org_id, org_name, level, parent_id from stg_extract__orgs
     where org_id = $org_id and org_id in (select org_id from scope_orgs)`,
    { ...scopeParams(scope), org_id: orgId },
  );
  return rows[0];
}

export type { PeriodRow };

/** Every period the build produced (mart_periods), newest first within each type. */
export async function listPeriods(reader: Reader): Promise<PeriodRow[]> {
  return reader.query<PeriodRow>(
    `select period, period_type, year, start_date::varchar as start_date, end_date::varchar as end_date, days
     from mart_periods
     order by end_date desc, case period_type when 'month' then 0 when 'ytd' then 1 when 'quarter' then 2 when 'half' then 3 else 4 end`,
  );
}

/** The latest month with figures: the default period of every endpoint. */
export function latestMonth(periods: PeriodRow[]): string | null {
  const months = periods.filter((p) => p.period_type === 'month').map((p) => p.period).sort();
  return months.at(-1) ?? null;
}

/** The root of the org tree (the head office); the smallest id if a delivery has several. */
export async function rootOrgId(reader: Reader): Promise<string | null> {
  const rows = await reader.query<{ org_id: string }>(`select org_id from stg_extract__orgs where parent_id is null order by org_id limit 1`);
  return rows[0]?.org_id ?? null;
}
