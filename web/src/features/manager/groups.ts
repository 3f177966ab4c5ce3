// Which of a manager's figures go in which section of the page: the API's `process` and `risk`
// groups, each figure with its base and target from `metrics` where the mart has them.
import type { Dec, MetricFigure, Row } from '../../lib/api.ts';

function figuresOf(group: Row | null, metrics: MetricFigure[]): MetricFigure[] {
  if (!group) return [];
  return Object.entries(group).map(([metric, actual]) => {
    const m = metrics.find((x) => x.metric === metric);
    return m ?? { metric, actual: (actual ?? null) as Dec, base: null, target: null, achievement: null, growth: null };
  });
}

export function processFigures(metrics: MetricFigure[], group: Row | null): MetricFigure[] {
  return figuresOf(group, metrics);
}

export function riskFigures(metrics: MetricFigure[], group: Row | null): MetricFigure[] {
  return figuresOf(group, metrics);
}
