// The main indicators of an evaluation scheme: which of a card's indicators a page shows beside
// the profit figures (the manager page's tiles, the league's columns, the institution page's
// tiles). One rule for every page, so a bank's own scheme brings its own columns and tiles; the
// figures themselves come from the marts. Pure: the indicators are the scheme's, as the API reads
// them (cfg_scheme_indicators, mart_scorecard_indicators).

/** The profit split every manager page and league shows first, with figures of its own. */
export const PROFIT_SPLIT = ['profit_contribution', 'loan_spread', 'deposit_spread', 'fee_income'] as const;

/** What the rule reads of an indicator: the metric it names (null: a manual one) and its weight. */
export interface WeightedIndicator {
  metric: string | null;
  weight: string | number | null;
}

/**
 * A scheme's main indicators: its indicators by weight, largest first (the card's order among
 * equal weights), one per metric, leaving out the metrics already shown (`shown`) and those the
 * page has no figure for (`has`), at most `limit`.
 */
export function mainIndicators<T extends WeightedIndicator>(
  indicators: readonly T[],
  opts: { shown?: Iterable<string>; has?: (metric: string) => boolean; limit: number },
): (T & { metric: string })[] {
  const seen = new Set<string>(opts.shown ?? []);
  const ranked = indicators.map((ind, i) => ({ ind, i })).sort((a, b) => Number(b.ind.weight ?? 0) - Number(a.ind.weight ?? 0) || a.i - b.i);
  const out: (T & { metric: string })[] = [];
  for (const { ind } of ranked) {
    if (out.length >= opts.limit) break;
    const metric = ind.metric;
    if (metric === null || seen.has(metric) || (opts.has && !opts.has(metric))) continue;
    seen.add(metric);
    out.push(ind as T & { metric: string });
  }
  return out;
}

/**
 * The main indicators of several schemes in force side by side (the managers of a league's node,
 * of both lines): each scheme's main indicators by the rule above, the scheme scoring the most
 * managers first, one per metric. `schemes` in that order.
 */
export function mainIndicatorsOfSchemes<T extends WeightedIndicator>(
  schemes: readonly (readonly T[])[],
  opts: { shown?: Iterable<string>; has?: (metric: string) => boolean; limit: number },
): (T & { metric: string })[] {
  const out: (T & { metric: string })[] = [];
  const taken = new Set<string>(opts.shown ?? []);
  for (const indicators of schemes) {
    for (const ind of mainIndicators(indicators, { ...opts, shown: taken })) {
      taken.add(ind.metric);
      out.push(ind);
    }
  }
  return out;
}
