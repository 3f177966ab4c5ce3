// Which of a manager's figures go in which section of the page: from the API's `process` and
// `risk` groups, the ones a reviewer reads first; each with its base and target from `metrics`
// where the marts have them.
import type { Dec, MetricFigure, Row } from '../../lib/api.ts';

export const PROCESS_SHOWN = ['visits', 'visits_per_month', 'development_share', 'new_or_prospect_share', 'conversion_rate', 'maintenance_coverage'] as const;
export const RISK_SHOWN = ['npl_balance', 'npl_ratio', 'special_mention_balance', 'turned_npl_count', 'turned_npl_balance', 'originated_turned_npl_count', 'originated_turned_npl_balance', 'warnings'] as const;

export function figuresOf(group: Row | null, metrics: MetricFigure[], shown: readonly string[]): MetricFigure[] {
  if (!group) return [];
  return shown
    .filter((k) => k in group)
    .map((metric) => metrics.find((x) => x.metric === metric) ?? { metric, actual: (group[metric] ?? null) as Dec, base: null, target: null, achievement: null, growth: null });
}

/**
 * Monthly good level and ceiling of visits (DOMAIN.md: ~15 good, ~44 at most a month), for the
 * monthly bars. The API states them for the whole period (`visit_good_level`, `visit_ceiling`
 * over `months`), so they are brought back to one month here.
 */
export function visitLevels(group: Row | null): { good: number; ceiling: number } {
  const months = Number(group?.months) > 0 ? Number(group?.months) : 1;
  const good = Number(group?.visit_good_level) / months;
  const ceiling = Number(group?.visit_ceiling) / months;
  return { good: Number.isFinite(good) && good > 0 ? good : 15, ceiling: Number.isFinite(ceiling) && ceiling > 0 ? ceiling : 44 };
}

/** Concentration figures shown beside the portfolio, in this order. */
export const CONCENTRATION_SHOWN = ['portfolio_clients', 'top10_share', 'hhi', 'top10_contribution', 'positive_contribution'] as const;

/**
 * The segment mix from the concentration row: its `<segment>_clients` counts, as
 * { segment, clients } in the row's order ('new_segment_clients' counts segment 'new').
 */
export function segmentsOf(concentration: Row | null | undefined): { segment: string; clients: string }[] {
  if (!concentration) return [];
  return Object.entries(concentration)
    .filter(([k]) => k.endsWith('_clients') && k !== 'portfolio_clients')
    .map(([k, v]) => ({ segment: k.replace(/_clients$/, '').replace(/_segment$/, ''), clients: String(v ?? '0') }));
}
