// Shaping of the managers' league table: the profit split as stacked bars, the comparison of the
// selected managers, and the selection kept in the URL (?compare=M1,M2).
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { COLUMN_UNIT, formatPercent, toChartNumber, unitLabel } from '../../lib/format.ts';
import { label, t, type Lang } from '../../lib/i18n.ts';
import type { MainIndicator, Row } from '../../lib/api.ts';
import { kindOf, type ColumnDef } from '../../lib/table.ts';
import { salesColumns } from '../sales/sales.ts';
import { indicatorAchievement } from '../../../../contract/metrics.ts';

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
  const unit = COLUMN_UNIT;
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
  const unit = COLUMN_UNIT;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: metrics.map((m) => label(m, lang)) },
    yAxis: { type: 'value', name: unitLabel(unit, lang) },
    series: rows.map((r) => ({ type: 'bar', name: String(r.manager_name ?? r.manager_id), data: metrics.map((m) => toChartNumber(r[m], unit)) })),
  };
}

/** The share of the year gone when the rows are a month's (序时进度, as the API gives it), formatted; else null. */
export function paceShare(rows: Row[]): string | null {
  const share = rows.find((r) => r.elapsed_share !== null && r.elapsed_share !== undefined)?.elapsed_share;
  return share === undefined ? null : formatPercent(share);
}

/** A main indicator's name as its scheme gives it, else the metric's. */
const indicatorName = (ind: MainIndicator, lang: Lang) => (lang === 'en' ? ind.label_en : ind.label_zh) ?? label(ind.metric, lang);

/**
 * The columns of the main indicators of the schemes in force (the API's meta.indicators, chosen by
 * contract/main-indicators.ts): each one's figure, then its achievement (a month view: by elapsed
 * time) when some row has one (a metric without a target in the targets file has none). A
 * manager's units are share-weighted, so they show two decimals, as the sales columns do.
 */
export function indicatorColumns(rows: Row[], indicators: readonly MainIndicator[], lang: Lang, paced: boolean): ColumnDef[] {
  return indicators.flatMap((ind) => {
    const name = indicatorName(ind, lang);
    const key = indicatorAchievement(ind.metric);
    const measure = label(paced ? 'pace_achievement' : 'achievement', lang);
    const achievement: ColumnDef[] = rows.some((r) => r[key] !== null && r[key] !== undefined)
      ? [{ key, kind: 'ratio', label: lang === 'zh' ? `${name}${measure}` : `${name}: ${measure.toLowerCase()}` }]
      : [];
    return [{ key: ind.metric, kind: ind.metric.endsWith('_units') ? 'number' : kindOf(ind.metric), label: name }, ...achievement];
  });
}

/**
 * The league's columns: who, then profit contribution against base and target (a month view: the
 * year-to-date figure against the annual target by elapsed time, headed so), the scorecard when
 * the list carries it, the schemes' main indicators (`indicators`), and the split. `has` says
 * whether the list has a column. With `sales` (the optional columns, ?sales=1): products sold,
 * units and amount of each category any row sold (those an indicator already shows left out).
 */
export function leagueColumns(rows: Row[], has: (key: string) => boolean, lang: Lang, opts: { sales?: boolean; indicators?: readonly MainIndicator[] } = {}): ColumnDef[] {
  const paced = paceShare(rows) !== null;
  const target: ColumnDef[] = [
    ...(paced ? [{ key: 'profit_contribution_ytd', kind: 'money' as const }] : []),
    { key: 'profit_contribution_base', kind: 'money', ...(paced ? { label: label('pace_base', lang) } : {}) },
    { key: 'profit_contribution_target', kind: 'money', ...(paced ? { label: label('pace_target', lang) } : {}) },
    { key: 'profit_contribution_achievement', kind: 'ratio', bar: true, ...(paced ? { label: label('pace_achievement', lang) } : {}) },
    { key: 'profit_contribution_growth', kind: 'money', ...(paced ? { label: label('pace_growth', lang) } : {}) },
  ];
  // Who, then the profit against base and target and the score (what a president looks for
  // first, in view at 1024 px), the schemes' main indicators, then where the manager sits, the
  // split, and the compare box.
  const orgs = new Set(rows.map((r) => r.org_id));
  const indicators = indicatorColumns(rows, opts.indicators ?? [], lang, paced);
  const shown = new Set(indicators.map((c) => c.key));
  return [
    { key: 'manager_name', kind: 'text' },
    // 已调离: only in a past period's league that lists a manager who has left the node since
    ...(rows.some((r) => r.moved === true) ? [{ key: 'moved', kind: 'text' as const, custom: true }] : []),
    { key: 'profit_contribution', kind: 'money', bar: true },
    ...target.filter((c) => has(c.key)),
    // score columns only when some row has a score (none when no scheme was in force: said above)
    ...(has('total_score') && rows.some((r) => r.total_score != null)
      ? [
          { key: 'total_score', kind: 'number' as const, bar: true },
          { key: 'score_grade', kind: 'text' as const, custom: true },
          { key: 'peer_rank', kind: 'count' as const },
        ]
      : []),
    ...indicators,
    // The org only when the league spans several (a sub-branch's league is all one org).
    ...(orgs.size > 1 ? [{ key: 'org_name', kind: 'text' as const }] : []),
    { key: 'line', kind: 'text', custom: true },
    { key: 'grade', kind: 'text' },
    ...SPLIT.map((m) => ({ key: m, kind: 'money' as const })),
    ...(opts.sales ? salesColumns(rows).filter((c) => !shown.has(c.key)) : []),
    { key: 'select', kind: 'text', label: t('compare', lang), custom: true },
  ];
}
