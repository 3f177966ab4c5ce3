// Shaping of the managers' league table: the profit split as stacked bars, the comparison of the
// selected managers, and the selection kept in the URL (?compare=M1,M2).
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { toChartNumber, unitForAll, unitLabel } from '../../lib/format.ts';
import { label, type Lang } from '../../lib/i18n.ts';
import type { Row } from '../../lib/api.ts';

export const SPLIT = ['loan_spread', 'deposit_spread', 'fee_income'] as const;

export function parseSelection(param: string | undefined): string[] {
  return param ? [...new Set(param.split(',').filter(Boolean))] : [];
}

export function toggleSelection(selected: string[], id: string): string[] {
  return selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id];
}

/** Stacked bars of the split for the top `limit` rows in their current order. */
export function splitOption(rows: Row[], lang: Lang, limit = 20): EChartsCoreOption {
  const top = rows.slice(0, limit);
  const unit = unitForAll(top.flatMap((r) => SPLIT.map((m) => r[m])));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: unitLabel(unit, lang) },
    yAxis: { type: 'category', inverse: true, data: top.map((r) => String(r.manager_name ?? r.manager_id)) },
    series: SPLIT.map((m) => ({ type: 'bar', stack: 'split', name: label(m, lang), data: top.map((r) => toChartNumber(r[m], unit)) })),
  };
}

/** Side-by-side bars of the selected managers over a few metrics (one unit for the chart). */
export function compareOption(rows: Row[], metrics: readonly string[], lang: Lang): EChartsCoreOption {
  const unit = unitForAll(rows.flatMap((r) => metrics.map((m) => r[m])));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: metrics.map((m) => label(m, lang)) },
    yAxis: { type: 'value', name: unitLabel(unit, lang) },
    series: rows.map((r) => ({ type: 'bar', name: String(r.manager_name ?? r.manager_id), data: metrics.map((m) => toChartNumber(r[m], unit)) })),
  };
}
