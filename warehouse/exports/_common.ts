// Helpers shared by the export kinds: period and org validation, the metric columns of a mart in
// reading order, each measured metric beside its base, target, achievement and growth.
import type { Warehouse } from '../db.ts';
import { ExportRequestError, type ExportKind, type ExportRequest } from './_kind.ts';
import { isPeriodKey, PERIOD_KEY_EXAMPLES } from '../../contract/periods.ts';
import { MEASURES } from '../../contract/metrics.ts';
import { builtSchemaVersion, codeSchema, staleReason } from '../schema-version.ts';
import { usedParams, type Reader } from '../queries/reader.ts';
import type { Catalog } from '../queries/catalog.ts';

/** The warehouse as the queries' Reader: binds only the parameters a statement names, as the API's pool does. */
export function readerOf(wh: Warehouse): Reader {
  return { query: <T extends object>(sql: string, params?: Parameters<Reader['query']>[1]) => wh.query(sql, params && usedParams(sql, params)) as Promise<T[]> };
}

export async function checkRequest(wh: Warehouse, req: ExportRequest, kind?: Pick<ExportKind, 'periods'>): Promise<void> {
  if (!isPeriodKey(req.period)) {
    throw new ExportRequestError(`bad --period '${req.period}': use ${PERIOD_KEY_EXAMPLES}`);
  }
  // Only a warehouse this version built: the kinds read its marts as they are made now.
  const stale = staleReason(await builtSchemaVersion(wh), (await codeSchema()).version);
  if (stale) throw new ExportRequestError(stale);
  const own = kind?.periods ? await kind.periods(wh) : undefined;
  if (own && !own.includes(req.period)) {
    throw new ExportRequestError(`no rows for period ${req.period}` + (own.length ? ` (periods: ${own.slice(0, 8).join(', ')})` : ' (none built)'));
  }
  const found = own ? [req.period] : await wh.query('select period from mart_periods where period = $p', { p: req.period });
  if (found.length === 0) {
    const avail = await wh.query<{ period: string }>(
      `select period from mart_periods order by end_date desc, days limit 8`,
    );
    throw new ExportRequestError(
      `period ${req.period} is not covered by the loaded months` +
        (avail.length ? ` (latest: ${avail.map((r) => r.period).join(', ')})` : ' (no periods built)'),
    );
  }
  if (req.org !== undefined) {
    const org = await wh.query('select org_id from stg_extract__orgs where org_id = $o', { o: req.org });
    if (org.length === 0) throw new ExportRequestError(`unknown org '${req.org}'`);
  }
}

/** Columns of a mart this code builds, in order, except those given. */
export function martColumnsExcept(catalog: Catalog, table: string, except: readonly string[]): string[] {
  return catalog.columns(table).map((c) => ident(c.name)).filter((c) => !except.includes(c));
}

/** The metrics a mart shows with their measures: those with a `<metric>_base` … column beside them. */
export function measuredMetrics(catalog: Catalog, table: string): string[] {
  const names = new Set(catalog.columns(table).map((c) => c.name));
  return [...names].filter((m) => MEASURES.every((x) => names.has(`${m}_${x}`)));
}

/** What a branch president reads first: profit and its parts, then balances and risk. */
const readingOrder = [
  'profit_contribution',
  'loan_spread',
  'deposit_spread',
  'fee_income',
  'risk_adjusted_contribution',
  'expected_loss',
  'deposit_avg_balance',
  'deposit_end_balance',
  'net_deposit_increase',
  'loan_avg_balance',
  'loan_end_balance',
  'npl_balance',
  'npl_ratio',
  'turned_npl_count',
  'turned_npl_balance',
];

/**
 * Metric columns in reading order: the reading order's first, then every other metric in the
 * mart's own order; each of `measured` followed by its measure columns.
 */
export function readingColumns(metrics: string[], measured: readonly string[] = []): string[] {
  const first = readingOrder.filter((m) => metrics.includes(m));
  const rest = metrics.filter((m) => !first.includes(m));
  const out: string[] = [];
  for (const m of [...first, ...rest]) {
    out.push(m);
    if (measured.includes(m)) out.push(...MEASURES.map((x) => `${m}_${x}`));
  }
  return out;
}

/** Identifiers used in SQL text are column names read from the catalog; this guards them anyway. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected column name ${name}`);
  return name;
}
