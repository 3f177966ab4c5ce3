// The manager page's tiles: profit contribution and its split, then the main indicators of the
// evaluation scheme in force for the manager — its indicators by weight, largest first — read from
// the card the API sends, so a bank's own scheme brings its own tiles (no fixed list here).
import type { MetricFigure, ScorecardIndicator } from '../../lib/api.ts';
import { label, type Lang } from '../../lib/i18n.ts';

/** The profit split every manager page shows first. */
export const PROFIT_TILES = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income'] as const;

export interface HeadlineTile {
  figure: MetricFigure;
  /** The scheme's own name of the indicator when it has one, else the metric's. */
  name: string;
}

/**
 * The tiles: the profit split, then up to `limit` of the scheme's indicators (distinct metrics not
 * already shown, largest weight first, the card's order among equal weights) that have a figure.
 */
export function headlineTiles(metrics: readonly MetricFigure[], indicators: readonly ScorecardIndicator[] | null | undefined, lang: Lang, limit = 4): HeadlineTile[] {
  const byMetric = new Map(metrics.map((f) => [f.metric, f]));
  const tiles: HeadlineTile[] = PROFIT_TILES.flatMap((m) => {
    const f = byMetric.get(m);
    return f ? [{ figure: f, name: label(m, lang) }] : [];
  });
  const shown = new Set<string>(PROFIT_TILES);
  const ranked = (indicators ?? []).map((ind, i) => ({ ind, i })).sort((a, b) => Number(b.ind.weight ?? 0) - Number(a.ind.weight ?? 0) || a.i - b.i);
  for (const { ind } of ranked) {
    if (tiles.length >= PROFIT_TILES.length + limit) break;
    const f = byMetric.get(ind.metric);
    if (!f || shown.has(ind.metric)) continue;
    shown.add(ind.metric);
    tiles.push({ figure: f, name: (lang === 'en' ? ind.label_en : ind.label_zh) ?? label(ind.metric, lang) });
  }
  return tiles;
}
