// The manager page's tiles: profit contribution and its split, then the main indicators of the
// evaluation scheme in force for the manager (contract/main-indicators.ts: its indicators by
// weight, largest first), read from the card the API sends, so a bank's own scheme brings its own
// tiles (no fixed list here).
import type { MetricFigure, ScorecardIndicator } from '../../lib/api.ts';
import { label, type Lang } from '../../lib/i18n.ts';
import { mainIndicators, PROFIT_SPLIT } from '../../../../contract/main-indicators.ts';

/** The profit split every manager page shows first. */
export const PROFIT_TILES = PROFIT_SPLIT;

export interface HeadlineTile {
  figure: MetricFigure;
  /** The scheme's own name of the indicator when it has one, else the metric's. */
  name: string;
}

/**
 * The tiles: the profit split, then up to `limit` of the scheme's main indicators (distinct
 * metrics not already shown, largest weight first, the card's order among equal weights) that
 * have a figure.
 */
export function headlineTiles(metrics: readonly MetricFigure[], indicators: readonly ScorecardIndicator[] | null | undefined, lang: Lang, limit = 4): HeadlineTile[] {
  const byMetric = new Map(metrics.map((f) => [f.metric, f]));
  const tiles: HeadlineTile[] = PROFIT_TILES.flatMap((m) => {
    const f = byMetric.get(m);
    return f ? [{ figure: f, name: label(m, lang) }] : [];
  });
  const main = mainIndicators(indicators ?? [], { shown: PROFIT_TILES, has: (m) => byMetric.has(m), limit });
  return [...tiles, ...main.map((ind) => ({ figure: byMetric.get(ind.metric)!, name: (lang === 'en' ? ind.label_en : ind.label_zh) ?? label(ind.metric, lang) }))];
}
