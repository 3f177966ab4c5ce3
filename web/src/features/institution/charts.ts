// Chart options of the institution page, from API rows. Shaping only: values are the API's,
// converted to the display unit; the heat map colours each cell by the child's percentile among
// its siblings for that metric (the API's `<metric>_percentile` when given, else its rank), in the
// metric's direction, and neutral where there is nothing to judge.
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { COLUMN_UNIT, formatAmountIn, toChartNumber, unitLabel, type AmountUnit } from '../../lib/format.ts';
import { label, t, type Lang } from '../../lib/i18n.ts';
import { kindOf } from '../../lib/table.ts';
import { formatMetricValue } from '../../lib/figures.ts';
import { direction } from '../../../../contract/metrics.ts';
import type { Row } from '../../lib/api.ts';

/** Percentile rank (0–100) of each value among the others; ties share the mean rank; null stays null. */
export function percentileRanks(values: (number | null)[]): (number | null)[] {
  const present = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null).sort((a, b) => a.v - b.v);
  const out: (number | null)[] = values.map(() => null);
  const n = present.length;
  if (n === 0) return out;
  if (n === 1) {
    out[present[0]!.i] = 50;
    return out;
  }
  let k = 0;
  while (k < n) {
    let j = k;
    while (j + 1 < n && present[j + 1]!.v === present[k]!.v) j++;
    const rank = (k + j) / 2; // 0-based mean rank of the tie group
    for (let m = k; m <= j; m++) out[present[m]!.i] = (rank / (n - 1)) * 100;
    k = j + 1;
  }
  return out;
}

export interface HeatCell {
  x: number;
  y: number;
  /** Good news 100 … bad news 0 (flipped for lower-is-better metrics); null = the neutral colour. */
  percentile: number | null;
  text: string;
}

/** The colour of a cell that says neither good nor bad: a size count, a missing value, a column of one value. */
export const NEUTRAL_COLOUR = '#e5e7eb';

/**
 * Rows × metrics cells, coloured the same way at every level (children with the API's percentile,
 * a leaf's managers ranked here): by the percentile, flipped where less is better (NPL ratio,
 * expected loss); neutral for size counts (managers, clients), for a missing value and for a
 * column whose values are all equal (nothing to tell apart). The label is the value.
 */
export function heatCells(rows: Row[], metrics: string[], lang: Lang): HeatCell[] {
  const cells: HeatCell[] = [];
  metrics.forEach((m, x) => {
    const values = rows.map((r) => toChartNumber(r[m]));
    const present = values.filter((v): v is number => v !== null);
    const flat = present.length === 0 || present.every((v) => v === present[0]);
    const given = rows.map((r) => toChartNumber(r[`${m}_percentile`], 'raw'));
    const ranks = given.every((g, i) => g !== null || values[i] === null) ? given.map((g) => (g === null ? null : g <= 1 ? g * 100 : g)) : percentileRanks(values);
    const dir = direction(m);
    const column = rows.map((r) => r[m]);
    rows.forEach((r, y) => {
      const p = ranks[y] ?? null;
      const neutral = dir === 'neutral' || flat || values[y] === null || p === null;
      // Money in the product's one unit (万元, as the table beside it), whole: a cell is small.
      const text = kindOf(m) === 'money' ? formatAmountIn(r[m], COLUMN_UNIT, 0) : formatMetricValue(m, r[m], lang, column).replace(/ .*$/, '');
      cells.push({ x, y, percentile: neutral ? null : dir === 'lower' ? 100 - p : p, text });
    });
  });
  return cells;
}

/** Rough drawn width of a label in px at 12 px type: CJK and full-width characters 12, others 7. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 12 : 7;
  return w;
}

/** How far below the axis line the metric labels, rotated by `deg`, reach (px): where the axis name can go. */
export function rotatedLabelDepth(labels: string[], deg: number): number {
  const a = (deg * Math.PI) / 180;
  const widest = Math.max(0, ...labels.map(textWidth));
  return Math.ceil(widest * Math.sin(a) + 12 * Math.cos(a)) + 8; // + the axis label margin
}

export function heatmapOption(rows: Row[], metrics: string[], nameKey: string, lang: Lang): EChartsCoreOption {
  const cells = heatCells(rows, metrics, lang);
  const names = metrics.map((m) => label(m, lang));
  const rotate = 30;
  const label_ = { show: true, formatter: (p: { data: [number, number, number, string] }) => p.data[3], fontSize: 11 };
  return {
    tooltip: {
      formatter: (p: { data: [number, number, number, string] }) =>
        `${String(rows[p.data[1]]?.[nameKey] ?? '')}<br/>${label(metrics[p.data[0]] ?? '', lang)}: ${p.data[3]}${p.data[2] < 0 ? '' : ` (P${Math.round(p.data[2])})`}`,
    },
    // The colour legend above the cells, the unit of the money cells below the metric labels: apart
    // at every width (side by side at the bottom they met in a narrow chart).
    grid: { left: 8, right: 8, top: 36, bottom: 24, containLabel: true },
    xAxis: {
      type: 'category',
      data: names,
      axisLabel: { interval: 0, rotate },
      name: t('amounts_in', lang, { unit: unitLabel(COLUMN_UNIT, lang) }),
      nameLocation: 'middle',
      nameGap: rotatedLabelDepth(names, rotate) + 6,
      nameTextStyle: { color: '#6b7280' },
    },
    yAxis: { type: 'category', data: rows.map((r) => String(r[nameKey] ?? '')), inverse: true },
    // One series (ECharts draws a heatmap only under a visualMap): a neutral cell carries -1, below
    // the selected range [0, 100], and takes the out-of-range colour.
    visualMap: { dimension: 2, min: -1, max: 100, range: [0, 100], calculable: false, orient: 'horizontal', right: 8, top: 0, itemHeight: 120, itemWidth: 14, inRange: { color: ['#c0392b', '#f4e3b1', '#1b8a4b'] }, outOfRange: { color: NEUTRAL_COLOUR }, text: ['P100', 'P0'] },
    series: [{ type: 'heatmap', data: cells.map((c) => [c.x, c.y, c.percentile ?? -1, c.text]), label: label_ }],
  };
}

/** Monthly trend lines of money metrics, in one unit for the chart. */
export function trendOption(rows: Row[], metrics: string[], lang: Lang): EChartsCoreOption {
  const money = metrics.filter((m) => kindOf(m) === 'money');
  const unit: AmountUnit = COLUMN_UNIT;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => String(r.period ?? '')) },
    yAxis: { type: 'value', name: unitLabel(unit, lang) },
    series: money.map((m) => ({ type: 'line', name: label(m, lang), data: rows.map((r) => toChartNumber(r[m], unit)), smooth: false })),
  };
}
