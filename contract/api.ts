// The API's contract: the zod schemas of its requests, shared by the routes (the same schemas
// validate requests and generate the OpenAPI document, api/openapi.ts, so the document cannot
// drift from what the server accepts), and the shapes of its answers, which the server's handlers
// return and the web's client (web/src/lib/api.ts) is typed with.
import { z } from 'zod';
import { PERIOD_KEY, PERIOD_TYPES } from './periods.ts';
import type { ColumnKind } from './metrics.ts';

// ---------------------------------------------------------------------------------------------
// Requests

/** Period keys of DOMAIN.md: 2026-03, 2026-Q1, 2026-H1, 2026, 2026-05-ytd. */
export const periodKey = z
  .string()
  .regex(PERIOD_KEY, 'must be a period key: 2026-03, 2026-Q1, 2026-H1, 2026 or 2026-05-ytd')
  .meta({ description: 'Period key; default: the latest month loaded', example: '2026-03' });

/** Ids are strings from the bank's systems: letters (any script), digits, _ . - ; at most 64. */
export const idString = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'may contain only letters, digits, _ . -');

export const langParam = z.enum(['zh', 'en']).default('zh').meta({ description: 'Language of export headers' });
export const formatParam = z.enum(['json', 'csv', 'xlsx']).default('json').meta({ description: 'json, or a download' });

export const MAX_PAGE_SIZE = 500;
/** Exports ignore paging and return every matching row, up to this many. */
export const MAX_EXPORT_ROWS = 200_000;

const intString = (name: string, min: number, max: number, def: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .optional()
    .transform((n) => n ?? def)
    .meta({ description: `${name} (${min}–${max}, default ${def})` });

/** Sort, order, paging and download options of every list endpoint; `sorts` is its allow-list. */
export function listParams(sorts: readonly [string, ...string[]], defaultSort: string, defaultOrder: 'asc' | 'desc' = 'desc') {
  return {
    sort: z.enum(sorts).default(defaultSort as never).meta({ description: 'Column to sort by (allow-listed)' }),
    order: z.enum(['asc', 'desc']).default(defaultOrder),
    page: intString('page', 1, 100_000, 1),
    page_size: intString('page_size', 1, MAX_PAGE_SIZE, 50),
    format: formatParam,
    lang: langParam,
  };
}

export const exportOnly = { format: formatParam, lang: langParam };

export type ListQuery = {
  sort: string;
  order: 'asc' | 'desc';
  page: number;
  page_size: number;
  format: 'json' | 'csv' | 'xlsx';
  lang: 'zh' | 'en';
};

export const lineParam = z.enum(['corporate', 'retail']).meta({ description: 'Business line filter' });
export const searchParam = z.string().min(1).max(64, 'must be at most 64 characters').meta({ description: 'Name or id contains (case-insensitive)' });

// ---------------------------------------------------------------------------------------------
// Answers

/** A period the build produced (int_periods): its key, type and dates, as GET /api/periods lists it. */
export const periodRow = z.object({
  period: z.string(),
  period_type: z.enum(PERIOD_TYPES),
  year: z.number(),
  start_date: z.string(),
  end_date: z.string(),
  days: z.number(),
});
export type PeriodRow = z.infer<typeof periodRow>;

/** GET /api/periods: every built period, newest first, and the latest month (every endpoint's default period). */
export const periodsAnswer = z.object({ latest_month: z.string().nullable(), rows: z.array(periodRow) });
export type PeriodsAnswer = z.infer<typeof periodsAnswer>;

/** A column of a list answer: its key, its kind (contract/metrics.ts) and its header in both languages. */
export interface ListColumn {
  key: string;
  kind: ColumnKind;
  label: { zh: string; en: string };
}

/** Every list endpoint's JSON answer (api/respond.ts): a page of rows, the total, and how they were asked for. */
export interface ListBody<R> {
  /** Request context echoed back: period, node, filters. */
  meta: Record<string, unknown>;
  columns: ListColumn[];
  rows: R[];
  total: number;
  page: number;
  page_size: number;
  sort: string;
  order: 'asc' | 'desc';
}
