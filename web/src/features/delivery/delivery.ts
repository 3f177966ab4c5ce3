// What the figures rest on, from the API: the ledgers delivered in a period, the build's warnings
// (head office and admins), and the reporting currency whose unit labels every amount takes.
// Reading only: nothing is computed here.
import { get, type BuildWarningItem, type LedgerCoverageRow } from '../../lib/api.ts';
import { setUnitLabels, type AmountUnit } from '../../lib/format.ts';
import type { Lang } from '../../lib/i18n.ts';

export type LedgerCoverage = LedgerCoverageRow;
export type LedgerName = LedgerCoverageRow['ledger'];
export type WarningItem = BuildWarningItem;

export interface Currency {
  code: string;
  name: Record<Lang, string>;
  units: Record<AmountUnit, Record<Lang, string>>;
}

export const ledgers = (period: string | null) =>
  get<{ period: string; rows: LedgerCoverage[] }>('ledgers', period ? { period } : {});

export const warnings = () => get<{ build_id: number | null; rows: WarningItem[] }>('warnings');

/** Loads the reporting currency and makes every amount label follow it; returns its code. */
export async function loadCurrency(): Promise<string> {
  const c = await get<Currency>('currency');
  setUnitLabels(c.units);
  return c.code;
}

export const LEDGER_LABEL: Record<LedgerName, Record<Lang, string>> = {
  deposits: { zh: '存款', en: 'Deposits' },
  loans: { zh: '贷款', en: 'Loans' },
  fees: { zh: '中间业务收入', en: 'Fees' },
  sales: { zh: '产品销售', en: 'Sales' },
  visits: { zh: '客户拜访', en: 'Visits' },
};

export const COVERAGE_LABEL: Record<LedgerCoverage['coverage'], Record<Lang, string>> = {
  full: { zh: '已提供', en: 'delivered' },
  partial: { zh: '部分月份', en: 'some months' },
  none: { zh: '未提供', en: 'not delivered' },
};

/** One warning per entry, its items in order: what the banner lists. */
export function groupWarnings(rows: WarningItem[]): { warning: string; title: Record<Lang, string>; details: string[] }[] {
  const out = new Map<string, { warning: string; title: Record<Lang, string>; details: string[] }>();
  for (const r of rows) {
    let w = out.get(r.warning);
    if (!w) out.set(r.warning, (w = { warning: r.warning, title: { zh: r.title_zh, en: r.title_en }, details: [] }));
    if (r.detail) w.details.push(r.detail);
  }
  return [...out.values()];
}
