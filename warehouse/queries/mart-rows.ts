// One read function for lists of mart rows, used by the API's lists (sorted, paged, within a node
// the caller may see) and by the export kinds (every row, the whole bank or an org's subtree, in
// the kind's order): the same columns, filters and scope either way. Column names come from the
// code (never from request text); every value is a bound parameter.
import type { Catalog } from './catalog.ts';
import { textDates } from './columns.ts';
import { runList, type Listed, type Paging } from './listing.ts';
import type { Params, Reader } from './reader.ts';
import { nodeInScope, scopeOrgsCte, scopeParams, subtreeOrgsCte, type Scope } from './scope.ts';

export interface MartRows {
  /** The mart, read under alias `m`. */
  table: string;
  /** Output columns in order: the mart's (dates as ISO text); `org_name` from the org file when the mart has none. */
  columns: readonly string[];
  /** The mart's column naming the org a row belongs to (default org_id). */
  orgColumn?: string;
  /**
   * The mart's column naming a row's manager, kept to a `manager` user's own (default manager_id);
   * null for a mart of org rows, of which a `manager` user sees none (they are other people's).
   */
  managerColumn?: string | null;
  /**
   * Set when the mart holds each row once under every node above its org (mart_manager_league's
   * ancestor_id): a node's rows are those under it, the whole bank's those under their own org.
   */
  nodeColumn?: string;
  /**
   * Further conditions on `m` over bound parameters only ($period; `period_span` holds the
   * period's start_date and end_date).
   */
  where: string;
  params: Params;
  /**
   * Read instead of the mart: a table macro of sql/live over bound parameters (named in `params`)
   * that keeps the mart's columns and adds `added`'s (the league as it stands with what people
   * entered and locked). It reads the server's own files, so it never comes from a result cache.
   */
  relation?: string;
  /** Output columns the mart lacks, each as SQL over `m` from the code (the relation's, the joins', or a constant). */
  added?: Readonly<Record<string, string>>;
  /**
   * Further marts joined to `m` (SQL from the code, over bound parameters), read by `added`: a
   * client's figures beside its identity. CTEs they read go in `with` (they may read period_span,
   * scope_orgs and subtree_orgs).
   */
  joins?: string;
  with?: readonly string[];
  /**
   * How the rows are kept to the node's subtree and to a `manager` user's own: by the mart's org and
   * manager columns (default), or by a CTE of `with` that picks them under the same rules (a
   * portfolio: the clients held in the subtree at the period's end, by the caller's managers); the
   * org column then only names the org whose name is shown.
   */
  scopedBy?: 'columns' | 'with';
}

export interface Within {
  /** Whose rows may be seen (exports: the whole bank). */
  scope: Scope;
  /** Rows of this node's subtree; null = every row (the whole bank, exports only). */
  orgId: string | null;
  /** Bound as $period (null where the mart has no period, e.g. vintages). */
  period: string | null;
}

/** The select list: the mart's columns (dates as text), org_name from the org file when the mart lacks it. */
function selectList(catalog: Catalog, spec: MartRows): { select: string; orgJoin: boolean } {
  const orgJoin = spec.columns.includes('org_name') && !catalog.columns(spec.table).some((c) => c.name === 'org_name');
  const select = spec.columns
    .map((name) => {
      if (name === 'org_name' && orgJoin) return 'o.org_name';
      const added = spec.added?.[name];
      if (added === undefined) return textDates(catalog, spec.table, 'm', [name]);
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a plain column name: ${name}`);
      return `${added} as "${name}"`;
    })
    .join(', ');
  return { select, orgJoin };
}

function listSpec(catalog: Catalog, spec: MartRows, within: Within) {
  if (within.orgId === null && (within.scope.orgId !== null || within.scope.managerId !== null)) {
    throw new Error('every row of a mart is for the whole bank only');
  }
  const org = spec.orgColumn ?? 'org_id';
  const { select, orgJoin } = selectList(catalog, spec);
  const withs = spec.with ?? [];
  const period = [spec.where, ...withs].some((sql) => /\bperiod_span\b/.test(sql)) ? [`period_span as (select start_date, end_date from mart_periods where period = $period)`] : [];
  const node = within.orgId === null || spec.nodeColumn ? [] : [scopeOrgsCte, subtreeOrgsCte];
  const byWith = spec.scopedBy === 'with';
  return {
    ctes: [...node, ...period, ...withs].join(', ') || undefined,
    select: `
      select ${select}
      from ${spec.relation ?? `"${spec.table}"`} m
      ${orgJoin ? `left join stg_extract__orgs o on o.org_id = m."${org}"` : ''}
      ${spec.joins ?? ''}
      where ${[...(byWith ? [] : [inNode(spec, org, within.orgId), ownRows(spec)]), spec.where].join('\n        and ')}`,
    params: { ...scopeParams(within.scope), org_id: within.orgId, period: within.period, ...spec.params },
  };
}

/** A `manager` user's rows only: their own, or none of an org mart. */
function ownRows(spec: MartRows): string {
  if (spec.managerColumn === null) return '$scope_manager::varchar is null';
  return `($scope_manager::varchar is null or m."${spec.managerColumn ?? 'manager_id'}" = $scope_manager::varchar)`;
}

/** The rows of the node's subtree: the subtree's orgs, or the rows filed under the node (nodeColumn). */
function inNode(spec: MartRows, org: string, orgId: string | null): string {
  if (spec.nodeColumn) return orgId === null ? `m."${spec.nodeColumn}" = m."${org}"` : `m."${spec.nodeColumn}" = $org_id::varchar and ${nodeInScope}`;
  return orgId === null ? 'true' : `m."${org}" in (select org_id from subtree_orgs)`;
}

/** A page of a mart's rows, sorted by an allowed column (the API's lists). */
export function martList(
  reader: Reader,
  catalog: Catalog,
  spec: MartRows,
  within: Within,
  paging: Paging,
  list: { sortable: readonly string[]; tiebreak: readonly string[] },
): Promise<Listed<Record<string, unknown>>> {
  return runList(reader, { ...listSpec(catalog, spec, within), paging, ...list }, { fresh: spec.relation !== undefined });
}

/**
 * Every row of a mart within a node's subtree (or, for the whole bank, every row), in a fixed order
 * of the code's (over the output columns): the exports, and the API's unpaged tables.
 */
export async function martRows(reader: Reader, catalog: Catalog, spec: MartRows, within: Within, order: string): Promise<Record<string, unknown>[]> {
  const q = listSpec(catalog, spec, within);
  return reader.query(`${q.ctes ? `with ${q.ctes} ` : ''}select * from (${q.select}) listed order by ${order}`, q.params, { fresh: spec.relation !== undefined });
}
