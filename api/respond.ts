// One list response, three forms: JSON (a page, with its total), or the whole filtered, sorted
// table as CSV or XLSX with headers in Chinese or English from the glossary (report/).
import type { Context } from 'hono';
import { toCsv } from '../report/csv.ts';
import { toXlsx } from '../report/xlsx.ts';
import { kindOf, pacedLabel, pacedList, type Column, type ColumnKind, type Table } from '../report/table.ts';
import { labelOf, type Lang } from '../report/labels.ts';
import { MAX_EXPORT_ROWS, type ListBody, type ListColumn, type ListQuery } from '../contract/api.ts';
import { periodType } from '../contract/periods.ts';
import type { Paging } from '../warehouse/queries/listing.ts';
import { downloadNotes, unavailableIn } from '../warehouse/queries/delivery.ts';
import type { TableNotes } from '../report/table.ts';
import type { AppEnv } from './env.ts';

/** The paging a query needs: a page for JSON, every row (capped) for a download. */
export function pagingOf(q: ListQuery): Paging {
  const download = q.format !== 'json';
  return { sort: q.sort, order: q.order, page: download ? 1 : q.page, limit: download ? MAX_EXPORT_ROWS : q.page_size };
}

/** Kinds for the API's own derived columns, which report/table.ts cannot guess from the name. */
function kindFor(key: string): ColumnKind {
  if (key === 'score_grade') return 'text';
  if (key === 'peer_rank') return 'count';
  if (key === 'total_score') return 'number';
  if (key.endsWith('_percentile')) return 'ratio';
  const perManager = /^(.+)_per_manager$/.exec(key);
  if (perManager) return kindOf(perManager[1]!) === 'money' ? 'money' : 'number';
  return kindOf(key);
}

function labelFor(key: string, lang: Lang): string {
  const derived = /^(.+)_(per_manager|percentile)$/.exec(key);
  if (derived && labelOf(key, lang) === key) {
    const metric = labelOf(derived[1]!, lang);
    const measure = labelOf(derived[2]!, lang);
    return lang === 'zh' ? `${metric}${measure}` : `${metric} ${measure.toLowerCase()}`;
  }
  return labelOf(key, lang);
}

export function columnsFor(keys: string[]): Column[] {
  return keys.map((key) => ({ key, kind: kindFor(key) }));
}

type Labelled = ListColumn[];
/** Column lists repeat on every request of an endpoint; their labels are worked out once. */
const labelledCache = new Map<string, Labelled>();

export function labelled(keys: string[]): Labelled {
  const key = keys.join(',');
  let hit = labelledCache.get(key);
  if (!hit) {
    hit = columnsFor(keys).map((c) => ({ ...c, label: { zh: labelFor(c.key, 'zh'), en: labelFor(c.key, 'en') } }));
    if (labelledCache.size < 1000) labelledCache.set(key, hit);
  }
  return hit;
}

/**
 * The table handed to report/csv.ts and report/xlsx.ts: the rows as they are, each column with the
 * header the JSON shows in `columns[].label` (labelOf does not know the API's derived columns,
 * <metric>_per_manager and <metric>_percentile); a header two columns share gets its key added.
 */
function downloadTable(keys: string[], rows: Record<string, unknown>[], lang: Lang, notes: TableNotes): Table {
  const used = new Set<string>();
  const columns = columnsFor(keys).map((c) => {
    let label = labelFor(c.key, lang);
    if (used.has(label)) label = `${label} (${c.key})`;
    used.add(label);
    return { ...c, header: label };
  });
  return { columns, rows, notes };
}

/** What a download's headers state: the reporting currency's unit and the unavailable columns. */
const notesFor = (c: Context<AppEnv>, keys: readonly string[], period: unknown): Promise<TableNotes> => downloadNotes(c.var.deps.reader, keys, period);

function safeFileName(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 100);
}

export async function sendList<R extends Record<string, unknown>>(
  c: Context<AppEnv>,
  q: ListQuery,
  name: string,
  body: Omit<ListBody<R>, 'columns' | 'unavailable' | 'page' | 'page_size' | 'sort' | 'order'> & { keys: string[] },
) {
  const { keys, ...rest } = body;
  // The download table and its labels are built only for a download (a JSON page never needs them).
  const table = async () => downloadTable(keys, rest.rows, q.lang, await notesFor(c, keys, rest.meta.period));
  const stem = safeFileName([name, rest.meta.period, rest.meta.org_id ?? rest.meta.manager_id].filter(Boolean).join('-'));
  if (q.format === 'csv') {
    return c.body(toCsv(await table(), q.lang), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${stem}.csv"`,
    });
  }
  if (q.format === 'xlsx') {
    const buf = await toXlsx(await table(), q.lang, name.slice(0, 31));
    return c.body(new Uint8Array(buf), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${stem}.xlsx"`,
    });
  }
  const json: ListBody<R> = {
    ...rest,
    columns: pacedList(keys, typeof rest.meta.period === 'string' ? periodType(rest.meta.period) === 'month' : undefined, rest.rows) ? labelled(keys).map((col) => ({ ...col, label: { zh: pacedLabel(col.key, 'zh') ?? col.label.zh, en: pacedLabel(col.key, 'en') ?? col.label.en } })) : labelled(keys),
    unavailable: await unavailableIn(c.var.deps.reader, keys, rest.meta.period),
    page: q.page,
    page_size: q.page_size,
    sort: q.sort,
    order: q.order,
  };
  return c.json(json, 200);
}

/** The columns of rows read whole (a sub-table of a non-list endpoint), in first-seen order. */
export function keysOf(rows: Record<string, unknown>[], drop: readonly string[] = []): string[] {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k) && !drop.includes(k)) keys.push(k);
  return keys;
}

/**
 * A sub-table of a non-list endpoint (a scorecard's indicators, a client's ledgers) as CSV or XLSX:
 * the same writers, headers and file naming as the list exports.
 */
export async function sendTable(
  c: Context<AppEnv>,
  q: { format: 'csv' | 'xlsx'; lang: Lang },
  name: string,
  meta: { period?: unknown; org_id?: unknown; manager_id?: unknown; client_id?: unknown; periods?: string[] },
  keys: string[],
  rows: Record<string, unknown>[],
) {
  // `periods`: the periods of a table over time (a client's months), for the unavailable columns
  const table = downloadTable(keys, rows, q.lang, await notesFor(c, keys, meta.periods ?? meta.period));
  const stem = safeFileName([name, meta.manager_id ?? meta.client_id ?? meta.org_id, meta.period].filter(Boolean).join('-'));
  if (q.format === 'csv') {
    return c.body(toCsv(table, q.lang), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${stem}.csv"` });
  }
  const buf = await toXlsx(table, q.lang, name.slice(0, 31));
  return c.body(new Uint8Array(buf), 200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${stem}.xlsx"`,
  });
}
