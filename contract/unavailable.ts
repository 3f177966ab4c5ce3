// Why a figure is null, said once for every layer. A figure whose ledger (deposits, loans, fees,
// sales, visits: config/glossary.json "ledger") was not delivered in the period is *unavailable*:
// null in the marts, and named here with its reason so that the API's answers (`unavailable`), the
// exports (a note in the column's header) and the screen ("未提供 / not delivered") say so. A null
// without a reason is an undefined ratio (0/0), shown "—". Pure: the glossary is data.
import glossary from '../config/glossary.json' with { type: 'json' };

/** The ledgers whose delivery the build records (mart_ledger_coverage.ledger). */
export const LEDGERS = ['deposits', 'loans', 'fees', 'sales', 'visits'] as const;
export type LedgerName = (typeof LEDGERS)[number];

/** Why a column's figures are null: its ledger was not delivered in the period. */
export type UnavailableReason = 'not_delivered';

/** The columns of an answer or export whose figures are unavailable, each with its reason. */
export type Unavailable = Record<string, UnavailableReason>;

export const UNAVAILABLE_LABEL: Record<UnavailableReason, { zh: string; en: string }> = {
  not_delivered: { zh: '未提供', en: 'not delivered' },
};

type Entry = { ledger?: string };
const metrics = glossary.metrics as Record<string, Entry>;

/**
 * The ledger a column's figure is computed from: the metric's own (`<metric>`), or that of the
 * metric an actual-based derived column stands on (`_achievement`, `_growth`, `_ytd`,
 * `_per_manager`, `_percentile`: none of them exists without the actual); 'business' for figures
 * adding deposits, loans and fees; undefined for columns that need no ledger (ids, names, targets,
 * bases: a base or a target is there whatever the period delivered).
 */
export function ledgerOf(column: string): string | undefined {
  const direct = metrics[column]?.ledger;
  if (direct) return direct;
  if (/^sales_.+_(units|amount)$/.test(column)) return metrics['sales_{category}_units']?.ledger;
  const derived = /^(.+)_(achievement|growth|ytd|per_manager|percentile)$/.exec(column) ?? /^achievement__(.+)$/.exec(column);
  return derived ? ledgerOf(derived[1]!) : undefined;
}

/**
 * The unavailable columns among `columns`, given the ledgers not delivered in the period
 * (mart_ledger_coverage.coverage = 'none'): a column of a ledger not delivered, and a 'business'
 * figure when none of deposits, loans and fees was (int_period_ledgers.business).
 */
export function unavailableColumns(columns: readonly string[], notDelivered: readonly string[]): Unavailable {
  const missing = new Set(notDelivered);
  const gone = (ledger: string | undefined) =>
    ledger === 'business' ? ['deposits', 'loans', 'fees'].every((l) => missing.has(l)) : ledger !== undefined && missing.has(ledger);
  const out: Unavailable = {};
  for (const c of columns) if (gone(ledgerOf(c))) out[c] = 'not_delivered';
  return out;
}
