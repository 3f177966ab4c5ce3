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

export function migrationOption(rows: Row[], lang: Lang): EChartsCoreOption {
  const { cells, unit } = migrationCells(rows);
  // Off-diagonal cells (the moves) set the colour scale; the large diagonal (stayed put) would drown them.
  const max = Math.max(1, ...cells.filter((c) => c.from !== c.to).map((c) => c.value ?? 0));
  const ys = MIGRATION_FROM.map((c) => label(c, lang));
  const xs = MIGRATION_TO.map((c) => label(c, lang));
  return {
    tooltip: { formatter: (p: { data: [number, number, number | null, string] }) => `${ys[p.data[1]]} → ${xs[p.data[0]]}: ${p.data[3]} ${unitLabel(unit, lang)}` },
    grid: { left: 8, right: 8, top: 24, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: xs, position: 'top' },
    yAxis: { type: 'category', data: ys, inverse: true },
    visualMap: { dimension: 2, min: 0, max, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f7f7f7', '#f4b183', '#c0392b'] }, text: [unitLabel(unit, lang), '0'] },
    series: [{ type: 'heatmap', data: cells.map((c) => [c.x, c.y, c.value, c.text]), label: { show: true, formatter: (p: { data: [number, number, number | null, string] }) => p.data[3], fontSize: 11 } }],
  };
}

/** One line per origination cohort (the latest `recent` quarters): the NPL ratio by months on book. */
export function vintageOption(rows: Row[], lang: Lang, ratioKey = 'npl_ratio', recent = 8): EChartsCoreOption {
  const cohorts = [...new Set(rows.map((r) => String(r.origination_quarter ?? '')))].sort().slice(-recent);
  const ages = [...new Set(rows.map((r) => Number(r.months_on_book ?? 0)))].sort((a, b) => a - b);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v?.toFixed(2)}%` },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: ages.map(String), name: label('months_on_book', lang), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'value', name: '%' },
    series: cohorts.map((c) => ({
      type: 'line',
      name: c,
      // Points stay visible so each can be clicked through to its loans.
      symbolSize: 5,
      connectNulls: false,
      data: ages.map((a) => {
        const r = rows.find((row) => String(row.origination_quarter) === c && Number(row.months_on_book) === a);
        return r ? toChartNumber(r[ratioKey], 'ratio') : null;
      }),
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

/** The vintage point a click picked: the series is the origination quarter, the category the age. */
export function vintagePick(p: { name: string; seriesName?: string }): CellDrill | null {
  if (!p.seriesName || periodType(p.seriesName) !== 'quarter' || !/^\d+$/.test(p.name)) return null;
  return { kind: 'vintage', origination_quarter: p.seriesName, months_on_book: Number(p.name) };
}
