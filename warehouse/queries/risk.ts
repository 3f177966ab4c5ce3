// Risk views (风险): managers ranked by loans turned non-performing (held now, or booked by them),
// the loans behind those figures, early warnings, migration between classes, and vintages. All
// from sql/marts/risk; the caller's scope cuts rows by the holder's org (and their own manager id).
import type { Catalog } from './catalog.ts';
import { qualified } from './columns.ts';
import { runList, type Listed, type Paging } from './listing.ts';
import type { Reader } from './reader.ts';
import { inSubtree, nodeInScope, scopeOrgsCte, scopeParams, subtreeOrgsCte, type Scope } from './scope.ts';
import { managerIdentity } from './managers.ts';

/** Columns of a mart other than the listed ones, in the mart's order (identifiers only). */
export function martColumns(catalog: Catalog, table: string, drop: readonly string[] = []): string[] {
  return catalog
    .columns(table)
    .map((c) => c.name)
    .filter((n) => !drop.includes(n) && /^[a-z][a-z0-9_]*$/.test(n));
}

const dateish = (catalog: Catalog, table: string, col: string) =>
  /DATE|TIMESTAMP/.test(catalog.columns(table).find((c) => c.name === col)?.type ?? '');

/** `alias."c"`, with dates as ISO text. */
function selectList(catalog: Catalog, table: string, alias: string, cols: string[]): string {
  return cols.map((c) => (dateish(catalog, table, c) ? `${alias}."${c}"::varchar as "${c}"` : qualified(alias, [c]))).join(', ');
}

export interface ManagerMartFilter {
  table: string;
  orgId: string;
  period: string;
  line?: string;
  q?: string;
  columns: string[];
}


/** A manager × period mart, listed for the managers in a node's subtree (process, risk). */
export async function managerMartList(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: ManagerMartFilter,
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  // The manager × period marts carry the manager's name, org, line and grade themselves.
  return runList(reader, {
    select: `
      select m.manager_id, m.manager_name, m.org_id, o.org_name, m.line, m.grade, ${selectList(catalog, f.table, 'm', f.columns)}
      from "${f.table}" m
      ${inSubtree('m')}
      join raw_orgs o on o.org_id = m.org_id
      where m.period = $period
        and ${nodeInScope}
        and ($scope_manager::varchar is null or m.manager_id = $scope_manager::varchar)
        and ($line::varchar is null or m.line = $line::varchar)
        and ($q::varchar is null or contains(lower(m.manager_name), lower($q::varchar)) or contains(lower(m.manager_id), lower($q::varchar)))`,
    params: { ...scopeParams(scope), org_id: f.orgId, period: f.period, line: f.line ?? null, q: f.q ?? null },
    paging,
    sortable: [...managerIdentity, ...f.columns],
    tiebreak: ['manager_id'],
  });
}

export interface RowsFilter {
  orgId: string;
  period: string;
  managerId?: string;
  extra?: Record<string, string | undefined>;
}

/**
 * Detail rows (loans turned NPL, warnings) whose holder org is in the node's subtree; for a
 * `manager` user only rows charged to them. `where` holds conditions on bound parameters only.
 */
export async function detailList(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  spec: { table: string; columns: string[]; where: string; tiebreak: string[] },
  f: RowsFilter,
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  const extra = Object.fromEntries(Object.entries(f.extra ?? {}).map(([k, v]) => [k, v ?? null]));
  return runList(reader, {
    ctes: `${scopeOrgsCte}, ${subtreeOrgsCte},
      period_span as (select start_date, end_date from int_periods where period = $period)`,
    select: `
      select ${selectList(catalog, spec.table, 'd', spec.columns)}
      from "${spec.table}" d
      where d.holder_org_id in (select org_id from subtree_orgs)
        and ($scope_manager::varchar is null or d.manager_id = $scope_manager::varchar)
        and ($manager_id::varchar is null or d.manager_id = $manager_id::varchar)
        and ${spec.where}`,
    params: { ...scopeParams(scope), org_id: f.orgId, period: f.period, manager_id: f.managerId ?? null, ...extra },
    paging,
    sortable: spec.columns,
    tiebreak: spec.tiebreak,
  });
}

/**
 * Rows of an org-grain mart for one node (migration, vintage), or for a `manager` user the
 * manager-grain twin filtered on their id (org figures are other people's).
 */
export async function nodeOrOwnRows(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  spec: { orgTable: string; managerTable: string; managerKey: string; where: string; order: string },
  f: { orgId: string; period?: string },
) {
  const own = scope.managerId !== null;
  const table = own ? spec.managerTable : spec.orgTable;
  const cols = martColumns(catalog, table, own ? [] : []);
  const key = own ? `d."${spec.managerKey}" = $scope_manager::varchar` : `d.org_id = $org_id`;
  return {
    columns: cols,
    rows: await reader.query(
      `select ${selectList(catalog, table, 'd', cols)} from "${table}" d where ${key} and ${spec.where} order by ${spec.order}`,
      { ...scopeParams(scope), org_id: f.orgId, period: f.period ?? null },
    ),
  };
}

/** An org × period mart for the children of a node (within the caller's scope). */
export async function childOrgList(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: { table: string; columns: string[]; orgId: string; period: string },
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  return runList(reader, {
    ctes: scopeOrgsCte,
    select: `
      select o.org_id, o.org_name, o.level, ${selectList(catalog, f.table, 'm', f.columns)}
      from raw_orgs o join "${f.table}" m on m.org_id = o.org_id and m.period = $period
      where o.parent_id = $org_id and o.org_id in (select org_id from scope_orgs)`,
    params: { ...scopeParams(scope), org_id: f.orgId, period: f.period },
    paging,
    sortable: ['org_id', 'org_name', 'level', ...f.columns],
    tiebreak: ['org_id'],
  });
}
