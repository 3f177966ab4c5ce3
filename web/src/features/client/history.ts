// Shaping of a client's history: loans × months with their five-category class, and the
// balances chart.
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { COLUMN_UNIT, toChartNumber, unitLabel } from '../../lib/format.ts';
import { label, type Lang } from '../../lib/i18n.ts';
import type { Row } from '../../lib/api.ts';

export interface ClassGrid {
  months: string[];
  loans: { loan_id: string; cells: (string | null)[] }[];
}

/** Pivots (loan_id, month, five_class) rows into loans × months; missing months stay empty. */
export function classGrid(rows: Row[], monthKey = rows[0] && 'as_of_date' in rows[0] && !('month' in rows[0]) ? 'as_of_date' : 'month'): ClassGrid {
  // Latest month first: the current class is in view without scrolling past two years of history.
  const months = [...new Set(rows.map((r) => String(r[monthKey] ?? '')))].filter(Boolean).sort().reverse();
  const byLoan = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const id = String(r.loan_id ?? '');
    if (!byLoan.has(id)) byLoan.set(id, new Map());
    byLoan.get(id)!.set(String(r[monthKey] ?? ''), String(r.five_class ?? ''));
  }
  return {
    months,
    loans: [...byLoan.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([loan_id, m]) => ({ loan_id, cells: months.map((mo) => m.get(mo) ?? null) })),
  };
}

export function balancesOption(rows: Row[], metrics: readonly string[], lang: Lang, periodKey = 'period'): EChartsCoreOption {
  const unit = COLUMN_UNIT;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => String(r[periodKey] ?? '')) },
    yAxis: { type: 'value', name: unitLabel(unit, lang) },
    series: metrics.map((m) => ({ type: 'line', name: label(m, lang), data: rows.map((r) => toChartNumber(r[m], unit)) })),
  };
}

/** Rows with a synthetic `_key` (their position) for tables whose rows have no single id. */
export function keyed(rows: Row[]): Row[] {
  return rows.map((r, i) => ({ _key: i, ...r }));
}

/** The ledger rows of the latest snapshot date: what the client holds now. */
export function latestSnapshot(rows: Row[], dateKey = 'as_of_date'): Row[] {
  let latest = '';
  for (const r of rows) if (String(r[dateKey] ?? '') > latest) latest = String(r[dateKey]);
  return rows.filter((r) => String(r[dateKey] ?? '') === latest);
}
