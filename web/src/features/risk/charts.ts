// Risk charts: the five-category migration matrix as a heat map, vintage curves by cohort.
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { formatAmountIn, toChartNumber, unitForAll, unitLabel } from '../../lib/format.ts';
import { label, type Lang } from '../../lib/i18n.ts';
import type { Row } from '../../lib/api.ts';
import { FIVE_CLASSES } from '../client/history.ts';

export interface MatrixCell {
  from: string;
  to: string;
  x: number;
  y: number;
  value: number | null;
  text: string;
}

/** from_class × to_class cells (balance) in the five-class order; absent pairs are empty. */
export function migrationCells(rows: Row[], valueKey = 'balance'): { cells: MatrixCell[]; unit: ReturnType<typeof unitForAll> } {
  const unit = unitForAll(rows.map((r) => r[valueKey]));
  const cells: MatrixCell[] = [];
  FIVE_CLASSES.forEach((from, y) =>
    FIVE_CLASSES.forEach((to, x) => {
      const r = rows.find((row) => row.from_class === from && row.to_class === to);
      cells.push({ from, to, x, y, value: r ? toChartNumber(r[valueKey], unit) : null, text: r ? formatAmountIn(r[valueKey], unit) : '' });
    }),
  );
  return { cells, unit };
}

export function migrationOption(rows: Row[], lang: Lang, valueKey = 'balance'): EChartsCoreOption {
  const { cells, unit } = migrationCells(rows, valueKey);
  const max = Math.max(1, ...cells.filter((c) => c.from !== c.to).map((c) => c.value ?? 0));
  const names = FIVE_CLASSES.map((c) => label(c, lang));
  return {
    tooltip: { formatter: (p: { data: [number, number, number | null, string] }) => `${names[p.data[1]]} → ${names[p.data[0]]}: ${p.data[3]} ${unitLabel(unit, lang)}` },
    grid: { left: 8, right: 8, top: 24, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: names, name: '→', position: 'top' },
    yAxis: { type: 'category', data: names, inverse: true },
    // Off-diagonal cells (the moves) set the colour scale; the large diagonal (stayed put) would drown them.
    visualMap: { dimension: 2, min: 0, max, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f7f7f7', '#f4b183', '#c0392b'] }, text: [unitLabel(unit, lang), '0'] },
    series: [{ type: 'heatmap', data: cells.map((c) => [c.x, c.y, c.value, c.text]), label: { show: true, formatter: (p: { data: [number, number, number | null, string] }) => p.data[3], fontSize: 11 } }],
  };
}

/** One line per origination cohort: the NPL ratio by months on book. */
export function vintageOption(rows: Row[], lang: Lang, ratioKey = 'npl_ratio'): EChartsCoreOption {
  const cohorts = [...new Set(rows.map((r) => String(r.cohort ?? '')))].sort();
  const ages = [...new Set(rows.map((r) => Number(r.months_on_book ?? 0)))].sort((a, b) => a - b);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v?.toFixed(2)}%` },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: ages.map(String), name: lang === 'zh' ? '账龄(月)' : 'Months on book' },
    yAxis: { type: 'value', name: '%' },
    series: cohorts.map((c) => ({
      type: 'line',
      name: c,
      data: ages.map((a) => {
        const r = rows.find((row) => String(row.cohort) === c && Number(row.months_on_book) === a);
        return r ? toChartNumber(r[ratioKey], 'ratio') : null;
      }),
    })),
  };
}
