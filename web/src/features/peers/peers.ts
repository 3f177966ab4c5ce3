// Shaping of the benchmarking page: its columns, the scatter of profit per manager against NPL
// ratio (each point a node; a click opens it), and the filters kept in the URL.
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { COLUMN_UNIT, formatPercent, toChartNumber, unitLabel } from '../../lib/format.ts';
import { label, type Lang } from '../../lib/i18n.ts';
import type { ColumnDef } from '../../lib/table.ts';
import type { Row } from '../../lib/api.ts';
import { ORG_LEVELS, SIZE_BASES, SIZE_TIERS } from '../../../../contract/codes.ts';
import { PERIOD_KEY_OF } from '../../../../contract/periods.ts';
import { INSTITUTION_CARD_COLUMNS } from '../institution/cards.ts';

export interface PeerQuery {
  level: (typeof ORG_LEVELS)[number];
  parent_id: string | null;
  size_by: (typeof SIZE_BASES)[number];
  size: (typeof SIZE_TIERS)[number] | null;
}

const isOf = <T extends string>(list: readonly T[], v: string | undefined): v is T => v !== undefined && (list as readonly string[]).includes(v);

/** The filters from the URL's query (unknown values fall back to the defaults: sub-branches, by staff). */
export function peerQuery(q: Record<string, string>): PeerQuery {
  return {
    level: isOf(ORG_LEVELS, q.level) ? q.level : 'sub_branch',
    parent_id: q.parent ?? null,
    size_by: isOf(SIZE_BASES, q.size_by) ? q.size_by : 'staff',
    size: isOf(SIZE_TIERS, q.size) ? q.size : null,
  };
}

/**
 * Who, their group, profit against target, per manager and its percentile, the institution card
 * (score, grade, rank in the level: sort by score to rank the nodes), then risk and size. A
 * month's target and achievement are the year to date's by elapsed time (序时), and say so.
 */
export function peerColumns(sizeBy: PeerQuery['size_by'], period: string, lang: Lang): ColumnDef[] {
  const paced = PERIOD_KEY_OF.month.test(period);
  return [
    { key: 'org_name', kind: 'text' },
    { key: 'parent_name', kind: 'text' },
    { key: sizeBy === 'book' ? 'size_tier_by_book' : 'size_tier_by_staff', kind: 'text' },
    { key: 'profit_contribution', kind: 'money', bar: true },
    { key: 'profit_contribution_target', kind: 'money', ...(paced ? { label: label('pace_target', lang) } : {}) },
    { key: 'profit_contribution_achievement', kind: 'ratio', bar: true, ...(paced ? { label: label('pace_achievement', lang) } : {}) },
    { key: 'profit_contribution_per_manager', kind: 'money', bar: true },
    { key: 'profit_contribution_per_manager_percentile', kind: 'ratio' },
    ...INSTITUTION_CARD_COLUMNS,
    { key: 'npl_ratio', kind: 'ratio' },
    { key: 'npl_ratio_growth', kind: 'ratio' },
    { key: 'managers', kind: 'count' },
    { key: 'clients', kind: 'count' },
    { key: 'deposit_avg_balance', kind: 'money' },
    { key: 'loan_avg_balance', kind: 'money' },
  ];
}

/** Each node a point: x profit per manager (万元), y NPL ratio (%); nodes without managers are left out. */
export function scatterOption(rows: Row[], lang: Lang): EChartsCoreOption {
  const points = rows
    .map((r, i) => ({ i, x: toChartNumber(r.profit_contribution_per_manager, COLUMN_UNIT), y: toChartNumber(r.npl_ratio, 'ratio'), r }))
    .filter((p) => p.x !== null && p.y !== null);
  return {
    tooltip: {
      formatter: (p: { data: [number, number, number] }) => {
        const r = rows[p.data[2]];
        return r ? `${String(r.org_name)}<br/>${label('profit_contribution_per_manager', lang)}: ${p.data[0].toFixed(2)} ${unitLabel(COLUMN_UNIT, lang)}<br/>${label('npl_ratio', lang)}: ${formatPercent(r.npl_ratio)}` : '';
      },
    },
    grid: { left: 8, right: 24, top: 32, bottom: 32, containLabel: true },
    xAxis: { type: 'value', name: `${label('profit_contribution_per_manager', lang)} (${unitLabel(COLUMN_UNIT, lang)})`, nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: { type: 'value', name: `${label('npl_ratio', lang)} (%)`, scale: true },
    series: [{ type: 'scatter', symbolSize: 10, data: points.map((p) => [p.x, p.y, p.i]) }],
  };
}

/** The row a scatter point stands for (its third value is the row's index). */
export function scatterPick(rows: Row[], data: unknown): Row | null {
  const i = Array.isArray(data) ? Number(data[2]) : NaN;
  return Number.isInteger(i) ? (rows[i] ?? null) : null;
}
