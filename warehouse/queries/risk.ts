// Risk views (风险): managers ranked by loans turned non-performing (held now, or booked by them),
// the loans behind those figures, early warnings, migration between classes, and vintages. All
// from sql/marts/risk; the caller's scope cuts rows by the holder's org (and their own manager id).
import type { Catalog } from './catalog.ts';
import { textDates } from './columns.ts';
import { runList, type Listed, type Paging } from './listing.ts';
import { martList, martRows, type MartRows } from './mart-rows.ts';
import type { Reader } from './reader.ts';
import { scopeOrgsCte, scopeParams, type Scope } from './scope.ts';
import { managerIdentity } from './managers.ts';

/** Columns of a mart other than the listed ones, in the mart's order (identifiers only). */
export function martColumns(catalog: Catalog, table: string, drop: readonly string[] = []): string[] {
  return catalog
    .columns(table)
    .map((c) => c.name)
    .filter((n) => !drop.includes(n) && /^[a-z][a-z0-9_]*$/.test(n));
}

export interface ManagerMartFilter {
  table: string;
  orgId: string;
  period: string;
  line?: string;
  q?: string;
  columns: string[];
  /** Order of rows that tie on the sort column (default: manager id). */
  tiebreak?: readonly string[];
}


/**
 * The rows of a manager × period mart (process, risk) for a period: the manager's identity (the
 * marts carry name, org, line and grade; org_name from the org file), then `columns` (identity
 * columns among them are not repeated), and the line and name-or-id search filters when given.
 */
export function managerMartRows(table: string, columns: readonly string[], f: { line?: string; q?: string } = {}): MartRows {
  return {
    table,
    columns: [...managerIdentity, ...columns.filter((c) => !(managerIdentity as readonly string[]).includes(c))],
    where: `m.period = $period
        and ($line::varchar is null or m.line = $line::varchar)
        and ($q::varchar is null or contains(lower(m.manager_name), lower($q::varchar)) or contains(lower(m.manager_id), lower($q::varchar)))`,
    params: { line: f.line ?? null, q: f.q ?? null },
  };
}

/** A manager × period mart, listed for the managers in a node's subtree (process, risk). */
export function managerMartList(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  f: ManagerMartFilter,
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  return martList(reader, catalog, managerMartRows(f.table, f.columns, f), { scope, orgId: f.orgId, period: f.period }, paging, {
    sortable: [...managerIdentity, ...f.columns],
    tiebreak: f.tiebreak ?? ['manager_id'],
  });
}

export interface RowsFilter {
  orgId: string;
  period: string;
  managerId?: string;
  extra?: Record<string, string | undefined>;
}

/**
 * Detail rows (loans turned NPL, warnings) of a period whose holder org is in a subtree; for a
 * `manager` user only rows charged to them. `where` holds conditions on `m` over bound parameters.
 */
export function detailRows(spec: { table: string; columns: readonly string[]; where: string }, f: { managerId?: string; extra?: Record<string, string | undefined> }): MartRows {
  const extra = Object.fromEntries(Object.entries(f.extra ?? {}).map(([k, v]) => [k, v ?? null]));
  return {
    table: spec.table,
    columns: spec.columns,
    orgColumn: 'holder_org_id',
    where: `($manager_id::varchar is null or m.manager_id = $manager_id::varchar) and ${spec.where}`,
    params: { manager_id: f.managerId ?? null, ...extra },
  };
}

/** Early warnings dated within the period (of one kind when given), as detailRows. */
export function warningRows(columns: readonly string[], f: { managerId?: string; warning?: string } = {}): MartRows {
  return detailRows(
    {
      table: 'mart_risk_warnings',
      columns,
      where: `m.as_of_date between (select start_date from period_span) and (select end_date from period_span)
          and ($warning::varchar is null or m.warning = $warning::varchar)`,
    },
    { managerId: f.managerId, extra: { warning: f.warning } },
  );
}

export function detailList(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  spec: { table: string; columns: string[]; where: string; tiebreak: string[] },
  f: RowsFilter,
  paging: Paging,
): Promise<Listed<Record<string, unknown>>> {
  return martList(reader, catalog, detailRows(spec, f), { scope, orgId: f.orgId, period: f.period }, paging, { sortable: spec.columns, tiebreak: spec.tiebreak });
}

/**
 * Rows of an org-grain mart for one node (migration, vintage), or for a `manager` user the
 * manager-grain twin filtered on their id (org figures are other people's). `where` and `order`
 * over the mart's columns (alias `m`).
 */
export async function nodeOrOwnRows(
  reader: Reader,
  catalog: Catalog,
  scope: Scope,
  spec: { orgTable: string; managerTable: string; managerKey: string; managerOrgKey: string; where: string; order: string },
  f: { orgId: string; period?: string },
) {
  const own = scope.managerId !== null;
  const table = own ? spec.managerTable : spec.orgTable;
  const columns = martColumns(catalog, table);
  const rows: MartRows = own
    ? { table, columns, orgColumn: spec.managerOrgKey, managerColumn: spec.managerKey, where: spec.where, params: {} }
    : { table, columns, managerColumn: null, where: `m.org_id = $org_id::varchar and ${spec.where}`, params: {} };
  return { columns, rows: await martRows(reader, catalog, rows, { scope, orgId: f.orgId, period: f.period ?? null }, spec.order) };
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
      select o.org_id, o.org_name, o.level, ${textDates(catalog, f.table, 'm', f.columns)}
      from stg_extract__orgs o join "${f.table}" m on m.org_id = o.org_id and m.period = $period
      where o.parent_id = $org_id and o.org_id in (select org_id from scope_orgs)`,
    params: { ...scopeParams(scope), org_id: f.orgId, period: f.period },
    paging,
    sortable: ['org_id', 'org_name', 'level', ...f.columns],
    tiebreak: ['org_id'],
  });
}
