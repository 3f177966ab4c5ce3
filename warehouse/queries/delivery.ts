// What the figures of a build rest on: the ledgers delivered per period (mart_ledger_coverage), the
// build's warnings (build_warnings, sql/warnings/) and the bank's reporting currency
// (cfg_reporting_currency, config/currency.json). No client or manager figures.
import type { Reader } from './reader.ts';
import type { BuildWarningItem, LedgerCoverageRow } from '../../contract/api.ts';
import { unavailableColumns, type Unavailable } from '../../contract/unavailable.ts';
import type { TableNotes } from '../../report/table.ts';
import { periodType } from '../../contract/periods.ts';


/** The five ledgers of one period, in the contract's order. */
export async function ledgerCoverage(reader: Reader, period: string): Promise<LedgerCoverageRow[]> {
  return reader.query<LedgerCoverageRow>(
    `select ledger, ledger_kind, months, delivered_months, ledger_rows::varchar as ledger_rows, coverage
     from mart_ledger_coverage where period = $period
     order by list_position(['deposits', 'loans', 'fees', 'sales', 'visits'], ledger)`,
    { period },
  );
}

/**
 * Per reader (one published, read-only results file), the ledgers not delivered per period: every
 * list, page and download asks, and the answer cannot change while the file is open.
 */
const notDeliveredByReader = new WeakMap<Reader, Map<string, Promise<string[]>>>();

/** The ledgers not delivered in any month of a period (coverage 'none'): what makes a figure unavailable. */
export function ledgersNotDelivered(reader: Reader, period: string): Promise<string[]> {
  let byPeriod = notDeliveredByReader.get(reader);
  if (!byPeriod) notDeliveredByReader.set(reader, (byPeriod = new Map()));
  let hit = byPeriod.get(period);
  if (!hit) {
    hit = reader
      .query<{ ledger: string }>(`select ledger from mart_ledger_coverage where period = $period and coverage = 'none' order by ledger`, { period })
      .then((rows) => rows.map((r) => r.ledger));
    hit.catch(() => byPeriod.delete(period)); // a failed read is not kept
    byPeriod.set(period, hit);
  }
  return hit;
}

/**
 * The columns among `keys` whose figures are unavailable in `period` (none without a period); for
 * several periods (a client's months), those unavailable in every one of them.
 */
export async function unavailableIn(reader: Reader, keys: readonly string[], period: unknown): Promise<Unavailable> {
  const periods = typeof period === 'string' ? [period] : Array.isArray(period) ? period.filter((p): p is string => typeof p === 'string') : [];
  if (periods.length === 0) return {};
  const each = await Promise.all(periods.map((p) => ledgersNotDelivered(reader, p)));
  const inEvery = each.reduce((common, lacking) => common.filter((l) => lacking.includes(l)));
  return unavailableColumns(keys, inEvery);
}

/**
 * What a download's headers state (report/table.ts headerOf): the reporting currency's unit for
 * money and the columns unavailable in the period — for the API's downloads and `jixiao export` alike.
 */
export async function downloadNotes(reader: Reader, keys: readonly string[], period: unknown): Promise<TableNotes> {
  const [currency, unavailable] = await Promise.all([reportingCurrency(reader), unavailableIn(reader, keys, period)]);
  return { money: currency.units.yuan, unavailable, ...(typeof period === 'string' ? { month: periodType(period) === 'month' } : {}) };
}

/** Every item the build's warnings flagged, warning by warning. */
export async function buildWarnings(reader: Reader): Promise<BuildWarningItem[]> {
  return reader.query<BuildWarningItem>(
    `select warning, path, title_zh, title_en, item, detail from build_warnings order by warning, item`,
  );
}

export interface ReportingCurrency {
  code: string;
  name: { zh: string; en: string };
  units: Record<'yuan' | 'wan' | 'yi', { zh: string; en: string }>;
}

export async function reportingCurrency(reader: Reader): Promise<ReportingCurrency> {
  const [r] = await reader.query<Record<string, string>>(`select * from cfg_reporting_currency`);
  if (!r) throw new Error('cfg_reporting_currency is empty: run jixiao build');
  return {
    code: r.code!,
    name: { zh: r.name_zh!, en: r.name_en! },
    units: {
      yuan: { zh: r.unit_yuan_zh!, en: r.unit_yuan_en! },
      wan: { zh: r.unit_wan_zh!, en: r.unit_wan_en! },
      yi: { zh: r.unit_yi_zh!, en: r.unit_yi_en! },
    },
  };
}
