// What the figures of a build rest on: the ledgers delivered per period (mart_ledger_coverage), the
// build's warnings (build_warnings, sql/warnings/) and the bank's reporting currency
// (cfg_reporting_currency, config/currency.json). No client or manager figures.
import type { Reader } from './reader.ts';
import type { BuildWarningItem, LedgerCoverageRow } from '../../contract/api.ts';


/** The five ledgers of one period, in the contract's order. */
export async function ledgerCoverage(reader: Reader, period: string): Promise<LedgerCoverageRow[]> {
  return reader.query<LedgerCoverageRow>(
    `select ledger, ledger_kind, months, delivered_months, ledger_rows::varchar as ledger_rows, coverage
     from mart_ledger_coverage where period = $period
     order by list_position(['deposits', 'loans', 'fees', 'sales', 'visits'], ledger)`,
    { period },
  );
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
