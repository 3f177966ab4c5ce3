// Shaping of a metric figure (actual, base, target, achievement, growth as the API computed them)
// for display: which unit, which sign, which tone. No arithmetic on the figures themselves.
import type { MetricFigure } from './api.ts';
import { lowerIsBetter } from '../../../contract/metrics.ts';
import { kindOf } from './table.ts';
import { formatAmount, formatCount, formatNumber, formatPercent, formatPointChange, parseDecimal, unitForAll, withSign } from './format.ts';
import type { Lang } from './i18n.ts';

export type Tone = 'pos' | 'neg' | '';


/** Formats one value of a metric the way its kind asks (money with a unit shared by the tile). */
export function formatMetricValue(metric: string, value: unknown, lang: Lang, unitFrom: unknown[] = [value]): string {
  const kind = kindOf(metric);
  if (kind === 'money') return formatAmount(value, lang, unitForAll(unitFrom));
  if (kind === 'ratio') return formatPercent(value);
  if (kind === 'count' || /^\d+$/.test(String(value ?? '').trim())) return formatCount(value);
  return formatNumber(value, 2);
}

function toneOf(value: unknown, metric: string): Tone {
  const d = parseDecimal(value);
  if (!d || /^0*$/.test(d.int + d.frac)) return '';
  const up = !d.neg;
  return up !== lowerIsBetter(metric) ? 'pos' : 'neg';
}

/** Achievement at or above 100% is good (for lower-is-better metrics, at or below). */
function achievementTone(value: unknown, metric: string): Tone {
  const d = parseDecimal(value);
  if (!d) return '';
  const reached = !d.neg && (Number(d.int) >= 1);
  return reached !== lowerIsBetter(metric) ? 'pos' : 'neg';
}

export interface TileView {
  actual: string;
  base: string;
  /** The period's target; in a month, the year's target by elapsed time (序时任务, `paced`). */
  target: string;
  /** Actual / target; in a month, the year to date against the target by elapsed time. */
  achievement: string;
  /** A month measured by elapsed time: target and achievement are the year to date's (mart_month_pace). */
  paced: boolean;
  /** The year-to-date figure the paced achievement is measured on ('' when not paced). */
  ytd: string;
  growth: string;
  achievementTone: Tone;
  growthTone: Tone;
  /** Whether there is a base or target to compare with (else the tile shows the figure alone). */
  compared: boolean;
}

export function tileView(f: MetricFigure, lang: Lang): TileView {
  // A month has no target of its own: the API's pace (序时进度) stands in for target and achievement.
  const paced = f.target === null && f.pace_target !== null && f.pace_target !== undefined;
  const target = paced ? f.pace_target : f.target;
  const achievement = paced ? (f.pace_achievement ?? null) : f.achievement;
  const same = [f.actual, f.base, target, ...(paced ? [f.ytd_actual] : [])];
  const kind = kindOf(f.metric);
  // Growth of a ratio is in percentage points; of money, in the tile's unit.
  const growth = f.growth === null ? '—' : kind === 'ratio' ? formatPointChange(f.growth, lang) : withSign(formatMetricValue(f.metric, f.growth, lang, same));
  return {
    actual: formatMetricValue(f.metric, f.actual, lang, same),
    base: formatMetricValue(f.metric, f.base, lang, same),
    target: formatMetricValue(f.metric, target, lang, same),
    achievement: formatPercent(achievement, 1),
    paced,
    ytd: paced ? formatMetricValue(f.metric, f.ytd_actual, lang, same) : '',
    growth,
    achievementTone: achievementTone(achievement, f.metric),
    growthTone: toneOf(f.growth, f.metric),
    compared: f.base !== null || target !== null,
  };
}
