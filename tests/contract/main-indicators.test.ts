// The one rule that picks a scheme's main indicators (contract/main-indicators.ts), on hand-made
// cards: by weight, largest first, the card's order among equal weights, one per metric, leaving
// out what is shown already, manual indicators and metrics without a figure.
import { describe, expect, it } from 'vitest';
import { mainIndicators, mainIndicatorsOfSchemes } from '../../contract/main-indicators.ts';

const card = (...rows: [string | null, number][]) => rows.map(([metric, weight]) => ({ metric, weight: String(weight) }));

describe('main indicators of a scheme', () => {
  it('takes the largest weights first, the card order among equals, one per metric', () => {
    // b 15 first; then the 10s in card order: a, c (c's second line, 10, is the same metric); d 5 last
    const got = mainIndicators(card(['a', 10], ['b', 15], ['c', 10], ['c', 10], ['d', 5]), { limit: 3 });
    expect(got.map((i) => i.metric)).toEqual(['b', 'a', 'c']);
  });

  it('leaves out what is shown, manual indicators and metrics without a figure', () => {
    const got = mainIndicators(card(['profit_contribution', 30], [null, 20], ['x', 15], ['y', 10], ['z', 5]), {
      shown: ['profit_contribution'],
      has: (m) => m !== 'x',
      limit: 4,
    });
    expect(got.map((i) => i.metric)).toEqual(['y', 'z']);
  });

  it('of several schemes: each one\'s main indicators in the schemes\' order, a metric once', () => {
    // first scheme: p 15, q 10 → p, q; second: q 20 (taken already), r 10, s 5 → r, s
    const got = mainIndicatorsOfSchemes([card(['p', 15], ['q', 10], ['t', 5]), card(['q', 20], ['r', 10], ['s', 5])], { limit: 2 });
    expect(got.map((i) => i.metric)).toEqual(['p', 'q', 'r', 's']);
  });
});
