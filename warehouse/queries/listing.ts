// Sorting and paging for list queries. Sort columns are chosen from an allow-list (the caller
// passes the user's choice; only a listed identifier ever reaches the SQL text); limit and
// offset are bound.
import type { Params, QueryOptions } from './reader.ts';

export interface Paging {
  sort: string;
  order: 'asc' | 'desc';
  /** 1-based page; null limit = every row (exports), capped by the caller. */
  page: number;
  limit: number;
}

export interface Listed<T> {
  rows: T[];
  total: number;
}

const identifier = /^[a-z][a-z0-9_]*$/;

/** A tie-break key: a column (ascending) or `<column> desc`. */
const tieKey = /^([a-z][a-z0-9_]*)( desc)?$/;

function tieOrder(key: string): { column: string; dir: 'asc' | 'desc' } {
  const m = tieKey.exec(key);
  if (!m) throw new Error(`tie-break key not understood: ${key}`);
  return { column: m[1]!, dir: m[2] ? 'desc' : 'asc' };
}

/** `order by <col> <dir> nulls last, <tiebreak…> limit $limit offset $offset`. */
export function orderAndPage(paging: Paging, allowed: readonly string[], tiebreak: readonly string[]): { sql: string; params: Params } {
  const col = allowed.find((c) => c === paging.sort);
  if (!col || !identifier.test(col)) throw new Error(`sort column not allowed: ${paging.sort}`);
  const dir = paging.order === 'asc' ? 'asc' : 'desc';
  const ties = tiebreak.map(tieOrder).filter((t) => t.column !== col);
  const keys = [`"${col}" ${dir} nulls last`, ...ties.map((t) => `"${t.column}" ${t.dir} nulls last`)];
  return {
    sql: `order by ${keys.join(', ')} limit $limit offset $offset`,
    params: { limit: paging.limit, offset: (paging.page - 1) * paging.limit },
  };
}

/** Splits the `total_rows` window column (count(*) over ()) off the rows. */
export function splitTotal<T extends { total_rows?: unknown }>(rows: T[]): Listed<Omit<T, 'total_rows'>> {
  const total = rows.length > 0 ? Number(rows[0]!.total_rows) : 0;
  return { rows: rows.map(({ total_rows: _t, ...rest }) => rest), total };
}

export interface ListSpec {
  /** CTE definitions (without the leading `with`), if any. */
  ctes?: string;
  /** The select producing the rows, with an explicit column list. */
  select: string;
  params: Params;
  paging: Paging;
  /** Sortable columns of the select (the allow-list). */
  sortable: readonly string[];
  /** Stable tie-break keys, e.g. the row's id; `<column> desc` for a key read largest first. */
  tiebreak: readonly string[];
}

/** Runs a sorted, paged list with its total count in one query (a second one only past the end). */
export async function runList<T extends object>(
  reader: { query<R extends object>(sql: string, params?: Params, opts?: QueryOptions): Promise<R[]> },
  spec: ListSpec,
  opts?: QueryOptions,
): Promise<Listed<T>> {
  const page = orderAndPage(spec.paging, spec.sortable, spec.tiebreak);
  const head = `with ${[spec.ctes, `listed as (${spec.select})`].filter(Boolean).join(', ')}`;
  const params = { ...spec.params, ...page.params };
  const rows = await reader.query<T & { total_rows?: unknown }>(
    `${head} select *, count(*) over () as total_rows from listed ${page.sql}`,
    params,
    opts,
  );
  const listed = splitTotal(rows) as Listed<T>;
  if (rows.length === 0 && spec.paging.page > 1) {
    const n = await reader.query<{ n: string }>(`${head} select count(*)::varchar as n from listed`, spec.params, opts);
    listed.total = Number(n[0]?.n ?? 0);
  }
  return listed;
}

/**
 * Compares two warehouse values exactly: decimal strings and bigints by their digits (never through
 * a double), numbers as numbers, text by code point. Nulls sort last in either direction.
 */
export function compareExact(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  const decimal = /^-?\d+(\.\d+)?$/;
  const sa = String(a);
  const sb = String(b);
  if (decimal.test(sa) && decimal.test(sb)) return compareDecimal(sa, sb);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function compareDecimal(a: string, b: string): number {
  const negA = a.startsWith('-');
  const negB = b.startsWith('-');
  const [ia = '', fa = ''] = a.replace('-', '').split('.');
  const [ib = '', fb = ''] = b.replace('-', '').split('.');
  const intA = ia.replace(/^0+(?=\d)/, '');
  const intB = ib.replace(/^0+(?=\d)/, '');
  const width = Math.max(fa.length, fb.length);
  const magA = intA.padStart(40, '0') + fa.padEnd(width, '0');
  const magB = intB.padStart(40, '0') + fb.padEnd(width, '0');
  const zeroA = /^0*$/.test(magA);
  const zeroB = /^0*$/.test(magB);
  const signA = zeroA ? 0 : negA ? -1 : 1;
  const signB = zeroB ? 0 : negB ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  const mag = magA < magB ? -1 : magA > magB ? 1 : 0;
  return signA < 0 ? -mag : mag;
}

/** Sorts and pages rows already read (a node's children: a few hundred at most). */
export function sortAndPage<T extends Record<string, unknown>>(rows: T[], paging: Paging, allowed: readonly string[], tiebreak: string): Listed<T> {
  if (!allowed.includes(paging.sort)) throw new Error(`sort column not allowed: ${paging.sort}`);
  const dir = paging.order === 'asc' ? 1 : -1;
  const sorted = [...rows].sort((x, y) => {
    const a = x[paging.sort];
    const b = y[paging.sort];
    const nullish = (v: unknown) => v === null || v === undefined;
    // Nulls last whichever the direction.
    if (nullish(a) || nullish(b)) return compareExact(a, b) || compareExact(x[tiebreak], y[tiebreak]);
    return dir * compareExact(a, b) || compareExact(x[tiebreak], y[tiebreak]);
  });
  const start = (paging.page - 1) * paging.limit;
  return { rows: sorted.slice(start, start + paging.limit), total: rows.length };
}
