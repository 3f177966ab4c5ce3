// Risk charts: the five-category migration matrix as a heat map, vintage curves by cohort.
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { COLUMN_UNIT, formatAmountIn, toChartNumber, unitLabel, type AmountUnit } from '../../lib/format.ts';
import { label, type Lang } from '../../lib/i18n.ts';
import type { Row } from '../../lib/api.ts';
import type { CellDrill } from './drill.ts';
import { MIGRATION_FROM, MIGRATION_TO } from '../../../../contract/codes.ts';
import { periodType } from '../../../../contract/periods.ts';

export interface MatrixCell {
  from: string;
  to: string;
  x: number;
  y: number;
  value: number | null;
  text: string;
}

/** The balance that moved: at the start for loans that existed then, at the end for new ones. */
function movedBalance(r: Row): unknown {
  return r.from_class === 'new' ? r.closing_balance : r.opening_balance;
}

/** from × to cells of the migration matrix (rows: MIGRATION_FROM, a loan new in the period then the classes; columns: MIGRATION_TO); absent pairs are empty. */
export function migrationCells(rows: Row[]): { cells: MatrixCell[]; unit: AmountUnit } {
  const unit = COLUMN_UNIT;
  const cells: MatrixCell[] = [];
  MIGRATION_FROM.forEach((from, y) =>
    MIGRATION_TO.forEach((to, x) => {
      const r = rows.find((row) => row.from_class === from && row.to_class === to);
      const v = r ? movedBalance(r) : null;
      cells.push({ from, to, x, y, value: r ? toChartNumber(v, unit) : null, text: r ? formatAmountIn(v, unit) : '' });
    }),
  );
  return { cells, unit };
}

/** A move between classes of loans that existed at the start: the cells the colour scale is for. */
export function isClassMove(c: { from: string; to: string }): boolean {
  return c.from !== 'new' && c.to !== 'closed' && c.from !== c.to;
}

export function migrationOption(rows: Row[], lang: Lang): EChartsCoreOption {
  const { cells, unit } = migrationCells(rows);
  // Only the moves between classes of existing loans set the red scale (series 0); loans that stayed
  // in their class, new lending and loans gone by the end are shaded neutral (series 1), so the
  // large "stayed normal" cell does not drown the deterioration.
  const max = Math.max(1, ...cells.filter(isClassMove).map((c) => c.value ?? 0));
  const ys = MIGRATION_FROM.map((c) => label(c, lang));
  const xs = MIGRATION_TO.map((c) => label(c, lang));
  const cellLabel = { show: true, formatter: (p: { data: [number, number, number | null, string] }) => p.data[3], fontSize: 11 };
  const data = (pick: (c: MatrixCell) => boolean) => cells.filter(pick).map((c) => [c.x, c.y, c.value, c.text]);
  return {
    tooltip: { formatter: (p: { data: [number, number, number | null, string] }) => `${ys[p.data[1]]} → ${xs[p.data[0]]}: ${p.data[3]} ${unitLabel(unit, lang)}` },
    grid: { left: 8, right: 8, top: 40, bottom: 48, containLabel: true },
    // every class named in both languages: no label hidden for overlapping (long English names wrap)
    xAxis: { type: 'category', data: xs, position: 'top', axisLabel: { interval: 0, hideOverlap: false, width: 64, overflow: 'break', fontSize: 11 } },
    yAxis: { type: 'category', data: ys, inverse: true, axisLabel: { interval: 0, hideOverlap: false, fontSize: 11 } },
    // a heat map takes its colours from a visual map: the neutral cells get one of a single colour
    visualMap: [
      { seriesIndex: 0, dimension: 2, min: 0, max, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f7f7f7', '#f4b183', '#c0392b'] }, text: [unitLabel(unit, lang), '0'] },
      { seriesIndex: 1, dimension: 2, min: 0, max: 1, show: false, inRange: { color: ['#e6ecf3', '#e6ecf3'] }, outOfRange: { color: ['#e6ecf3'] } },
    ],
    series: [
      { type: 'heatmap', data: data(isClassMove), label: cellLabel },
      { type: 'heatmap', data: data((c) => !isClassMove(c)), label: cellLabel },
    ],
  };
}

/**
 * One line per origination cohort: the cumulative share of its original principal turned
 * non-performing by months on book (mart_*_risk_vintage, a curve that never falls). Every cohort
 * is in the legend and can be switched on; the latest `recent` are shown at first. Thin cohorts
 * (fewer than 10 loans) are dashed and starred; the tooltip gives each cohort's loan count. Ages
 * are a value axis, so it runs to the oldest age of the cohorts switched on.
 */
export function vintageOption(rows: Row[], lang: Lang, ratioKey = 'cumulative_npl_principal_share', recent = 8): EChartsCoreOption {
  const cohorts = [...new Set(rows.map((r) => String(r.origination_quarter ?? '')))].sort();
  const shown = new Set(cohorts.slice(-recent));
  const first = (c: string) => rows.find((row) => String(row.origination_quarter) === c);
  const size = new Map(cohorts.map((c) => [c, String(first(c)?.cohort_loans ?? first(c)?.loans ?? '')]));
  const thin = new Set(cohorts.filter((c) => first(c)?.thin_cohort === true));
  const loans = lang === 'zh' ? '笔' : ' loans';
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { seriesName: string; value: [number, number | null]; marker: string; axisValue: number }[]) =>
        [`${label('months_on_book', lang)} ${ps[0]?.axisValue ?? ''}`, ...ps.filter((p) => p.value[1] != null).map((p) => `${p.marker}${p.seriesName} (${size.get(p.seriesName)}${loans}${thin.has(p.seriesName) ? (lang === 'zh' ? '，样本少' : ', thin') : ''}): ${p.value[1]!.toFixed(2)}%`)].join('<br/>'),
    },
    legend: {
      top: 0,
      type: 'scroll',
      selected: Object.fromEntries(cohorts.map((c) => [c, shown.has(c)])),
      formatter: (name: string) => (thin.has(name) ? `${name}*` : name),
    },
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 'dataMax', minInterval: 1, name: label('months_on_book', lang), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', name: '%', min: 0, max: 'dataMax' },
    series: cohorts.map((c) => ({
      type: 'line',
      name: c,
      // Points stay visible so each can be clicked through to its loans.
      symbolSize: 5,
      connectNulls: false,
      lineStyle: thin.has(c) ? { type: 'dashed' } : undefined,
      data: rows
        .filter((row) => String(row.origination_quarter) === c)
        .map((row) => [Number(row.months_on_book), toChartNumber(row[ratioKey], 'ratio')])
        .sort((a, b) => a[0]! - b[0]!),
    })),
  };
}

/** The migration cell a click on the heat map picked: its data is [x, y, value, text]. */
export function migrationPick(data: unknown): CellDrill | null {
  if (!Array.isArray(data)) return null;
  const from = MIGRATION_FROM[data[1] as number];
  const to = MIGRATION_TO[data[0] as number];
  return from && to ? { kind: 'migration', from_class: from, to_class: to } : null;
}

/** The vintage point a click picked: the series is the origination quarter, the age its x value (or category name). */
export function vintagePick(p: { name: string; seriesName?: string; value?: unknown }): CellDrill | null {
  const age = Array.isArray(p.value) ? String(p.value[0]) : p.name;
  if (!p.seriesName || periodType(p.seriesName) !== 'quarter' || !/^\d+$/.test(age)) return null;
  return { kind: 'vintage', origination_quarter: p.seriesName, months_on_book: Number(age) };
}
