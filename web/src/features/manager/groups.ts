// Which of a manager's figures go in which section of the page.
import type { MetricFigure } from '../../lib/api.ts';

const PROCESS = /^(visits|development_visits|maintenance_coverage|new_clients|clients)$/;
const RISK = /^(npl_|turned_npl_|originated_turned_npl_|expected_loss|risk_adjusted)/;

export function processFigures(figures: MetricFigure[]): MetricFigure[] {
  return figures.filter((f) => PROCESS.test(f.metric));
}

export function riskFigures(figures: MetricFigure[]): MetricFigure[] {
  return figures.filter((f) => RISK.test(f.metric));
}
