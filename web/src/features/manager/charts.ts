// Chart options of a manager's page: the scorecard waterfall, monthly trend, visits against the
// good level and the ceiling. Geometry only; every figure is the API's.
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { COLUMN_UNIT, toChartNumber, unitLabel } from '../../lib/format.ts';
import { label, t, type Lang } from '../../lib/i18n.ts';
import type { Row, Scorecard } from '../../lib/api.ts';

/** DOMAIN.md, process management: ~15 visits a month is good, ~44 is the most one can make. */
export const VISITS_GOOD = 15;
export const VISITS_CEILING = 44;

export interface WaterfallStep {
  name: string;
  /** Where the visible bar starts (the running total before it, or 0 for the total bar). */
  start: number;
  /** The step's own points (negative for deductions). */
  value: number;
  total: boolean;
}

/**
 * Waterfall of how the points add up: each indicator's points, then bonus and deductions, then
 * the card's total as the API gives it. Bars float on the running position (display geometry).
 */
export function waterfallSteps(card: Scorecard, lang: Lang): WaterfallStep[] {
  const steps: WaterfallStep[] = [];
  let at = 0;
  const push = (name: string, v: number) => {
    steps.push({ name, start: v >= 0 ? at : at + v, value: v, total: false });
    at += v;
  };
  for (const ind of card.indicators) push(indicatorLabel(ind, lang), toChartNumber(ind.points) ?? 0);
  const bonus = toChartNumber(card.card?.bonus_points);
  if (bonus) push(t('bonus', lang), bonus);
  const deduction = toChartNumber(card.card?.deduction_points);
  if (deduction) push(t('deduction', lang), deduction > 0 ? -deduction : deduction);
  steps.push({ name: t('total_points', lang), start: 0, value: toChartNumber(card.card?.total_score) ?? at, total: true });
  return steps;
}

/** An indicator's or item's label in the scheme's own words, else the glossary's. */
export function indicatorLabel(x: { label_zh: string | null; label_en: string | null; metric?: string; item_id?: string }, lang: Lang): string {
  return (lang === 'zh' ? x.label_zh : x.label_en) ?? label(x.metric ?? x.item_id ?? '', lang);
}

export function waterfallOption(steps: WaterfallStep[]): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number }[]) => {
      const s = steps[ps[0]?.dataIndex ?? 0];
      return s ? `${s.name}: ${s.value.toFixed(2)}` : '';
    } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: steps.map((s) => s.name), axisLabel: { interval: 0, rotate: 35 } },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: steps.map((s) => s.start) },
      {
        type: 'bar',
        stack: 'w',
        data: steps.map((s) => ({ value: Math.abs(s.value), itemStyle: { color: s.total ? '#12325e' : s.value < 0 ? '#c0392b' : '#1f5fbf' } })),
        label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => (steps[p.dataIndex]?.value ?? 0).toFixed(1) },
      },
    ],
  };
}

export function trendOption(rows: Row[], metrics: readonly string[], lang: Lang): EChartsCoreOption {
  const unit = COLUMN_UNIT;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => String(r.period ?? '')) },
    yAxis: { type: 'value', name: unitLabel(unit, lang) },
    series: metrics.map((m, i) => ({ type: i === 0 ? 'line' : 'bar', stack: i === 0 ? undefined : 'split', name: label(m, lang), data: rows.map((r) => toChartNumber(r[m], unit)) })),
  };
}

export function visitsOption(rows: Row[], lang: Lang, levels = { good: VISITS_GOOD, ceiling: VISITS_CEILING }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => String(r.period ?? r.month ?? '')) },
    yAxis: { type: 'value', max: levels.ceiling + 4 },
    series: [
      {
        type: 'bar',
        name: label('visits', lang),
        data: rows.map((r) => toChartNumber(r.visits)),
        markLine: {
          symbol: 'none',
          data: [
            { yAxis: levels.good, name: t('good_level', lang), label: { formatter: `${t('good_level', lang)} ${levels.good}`, position: 'insideEndTop' }, lineStyle: { color: '#1b8a4b' } },
            { yAxis: levels.ceiling, name: t('ceiling', lang), label: { formatter: `${t('ceiling', lang)} ${levels.ceiling}`, position: 'insideEndTop' }, lineStyle: { color: '#c0392b' } },
          ],
        },
      },
      { type: 'bar', name: label('development_visits', lang), data: rows.map((r) => toChartNumber(r.development_visits)) },
    ],
  };
}
