// One list response, three forms: JSON (a page, with its total), or the whole filtered, sorted
// table as CSV or XLSX with headers in Chinese or English from the glossary (report/).
import type { Context } from 'hono';
import { toCsv } from '../report/csv.ts';
import { toXlsx } from '../report/xlsx.ts';
import { columnsOf, type Column } from '../report/table.ts';
import { labelOf } from '../report/labels.ts';
import { MAX_EXPORT_ROWS, type ListQuery } from './params.ts';
import type { Paging } from '../warehouse/queries/listing.ts';

export interface ListBody<R> {
  /** Request context echoed back: period, node, filters. */
  meta: Record<string, unknown>;
  columns: (Column & { label: { zh: string; en: string } })[];
  rows: R[];
  total: number;
  page: number;
  page_size: number;
  sort: string;
  order: 'asc' | 'desc';
}

/** The paging a query needs: a page for JSON, every row (capped) for a download. */
export function pagingOf(q: ListQuery): Paging {
  const download = q.format !== 'json';
  return { sort: q.sort, order: q.order, page: download ? 1 : q.page, limit: download ? MAX_EXPORT_ROWS : q.page_size };
}

export function labelled(keys: string[]) {
  return columnsOf(keys).map((c) => ({ ...c, label: { zh: labelOf(c.key, 'zh'), en: labelOf(c.key, 'en') } }));
}

function safeFileName(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 100);
}

export async function sendList<R extends Record<string, unknown>>(
  c: Context,
  q: ListQuery,
  name: string,
  body: Omit<ListBody<R>, 'columns' | 'page' | 'page_size' | 'sort' | 'order'> & { keys: string[] },
) {
  const { keys, ...rest } = body;
  const table = { columns: columnsOf(keys), rows: rest.rows };
  const stem = safeFileName([name, rest.meta.period, rest.meta.org_id ?? rest.meta.manager_id].filter(Boolean).join('-'));
  if (q.format === 'csv') {
    return c.body(toCsv(table, q.lang), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${stem}.csv"`,
    });
  }
  if (q.format === 'xlsx') {
    const buf = await toXlsx(table, q.lang, name.slice(0, 31));
    return c.body(new Uint8Array(buf), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${stem}.xlsx"`,
    });
  }
  const json: ListBody<R> = {
    ...rest,
    columns: labelled(keys),
    page: q.page,
    page_size: q.page_size,
    sort: q.sort,
    order: q.order,
  };
  return c.json(json, 200);
}
