// The metric catalog of contract/metrics.ts: every glossary metric with its kind, unit, labels and
// direction; sales metrics by category; measure columns.
import { describe, expect, it } from 'vitest';
import glossary from '../../config/glossary.json' with { type: 'json' };
import { isKnownMetric, lowerIsBetter, measuredColumn, metricOf, METRICS } from '../../contract/metrics.ts';

describe('the metric catalog', () => {
  it('holds every metric of the glossary, in its order, with its labels', () => {
    // the sales family's entries (sales_{category}_…) stand for the sales metrics: see below
    expect(METRICS.map((m) => m.name)).toEqual(Object.keys(glossary.metrics).filter((k) => !k.includes('{')));
    expect(metricOf('profit_contribution')).toEqual({ name: 'profit_contribution', kind: 'money', unit: 'yuan', label: { zh: '模拟利润', en: 'Profit contribution' }, lowerIsBetter: false });
    expect(metricOf('npl_ratio')).toMatchObject({ kind: 'ratio', unit: 'ratio', lowerIsBetter: true });
    expect(metricOf('turned_npl_count')).toMatchObject({ kind: 'count', unit: 'count', lowerIsBetter: true });
  });
  it('says which metrics are better lower: the risk and loss figures, nothing else', () => {
    expect(METRICS.filter((m) => m.lowerIsBetter).map((m) => m.name).sort()).toEqual([
      'expected_loss', 'npl_balance', 'npl_ratio', 'originated_turned_npl_balance', 'originated_turned_npl_count', 'turned_npl_balance', 'turned_npl_count',
    ]);
    expect(lowerIsBetter('not_a_metric')).toBe(false);
  });
  it('knows sales metrics by product category, and nothing else', () => {
    expect(metricOf('sales_fund_units')).toMatchObject({ kind: 'count', unit: 'count', label: { zh: '基金销量', en: 'Funds sold (units)' } });
    expect(metricOf('sales_fund_amount')).toMatchObject({ kind: 'money', unit: 'yuan' });
    expect(['sales_gold_units', 'profit', 'sales_fund_total'].map(isKnownMetric)).toEqual([false, false, false]);
  });
  it('splits a measure column into its metric and measure', () => {
    expect(measuredColumn('profit_contribution_achievement')).toEqual({ metric: 'profit_contribution', measure: 'achievement' });
    expect(measuredColumn('profit_contribution')).toBeNull();
  });
});
