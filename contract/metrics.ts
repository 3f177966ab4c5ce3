// The metric catalog, once for every layer: each metric's name (the word used in SQL, API, UI and
// docs), its kind (how it is shown and rounded), its unit, its Chinese and English labels, and
// whether less of it is better. The labels are config/glossary.json's (`metrics`, and
// `sales_categories` for sales_<category>_units|amount); the figures themselves are defined in
// sql/ only. Pure: the glossary is data, imported as JSON.
import glossary from '../config/glossary.json' with { type: 'json' };

/** How a column is shown: money at the fen, ratios as percentages, counts whole, ids and text as is. */
export type ColumnKind = 'id' | 'text' | 'date' | 'money' | 'ratio' | 'count' | 'number';

/** Infers a column kind from a metric or field name, for tables whose columns come from a mart. */
export function kindOf(key: string): ColumnKind {
  if (/(_id|^period)$/.test(key)) return 'id';
  if (/_date$|_at$/.test(key)) return 'date';
  if (/^(year|quarter)$/.test(key)) return 'text'; // labels of a period, not quantities
  if (/^is_/.test(key)) return 'text'; // yes/no flags (is_gap), not the quantity their name ends in
  if (/ratio|achievement|share|rate|coverage|percentile|hhi|_to_|^(applied_)?weight$|^cap$|^floor$/.test(key)) return 'ratio';
  if (/^units$|_units$|_count$|clients$|^managers$|_managers$|visits$|^rank|_rank$|_days$|^days$|_months$|^months$|months_on_book|^depth$|_distance$|_held$|_quarters$|^warnings$|loans$|_size$|^ordinal$|^visit_(ceiling|good_level)$|_rows$/.test(key)) return 'count';
  if (/balance|principal|spread|income|contribution|increase|amount|loss|pay|growth|base$|target$|actual$|_gap$|^pool_|^paid_/.test(key)) return 'money';
  if (/points|score|span|^bonus|per_month|_per_manager$|quantity|_per_unit$/.test(key)) return 'number';
  return 'text';
}

/** What a metric's figures are counted in: yuan (DECIMAL(18,2)), a ratio (1 = 100 %), a count, or a plain number. */
export type MetricUnit = 'yuan' | 'ratio' | 'count' | 'number';

export interface Metric {
  name: string;
  kind: 'money' | 'ratio' | 'count' | 'number';
  unit: MetricUnit;
  label: { zh: string; en: string };
  /** A rise is bad news (risk and loss figures): tones and percentile colours flip. */
  lowerIsBetter: boolean;
}

/** Metrics where less is better. */
const LOWER_IS_BETTER: ReadonlySet<string> = new Set([
  'expected_loss', 'npl_balance', 'npl_ratio', 'turned_npl_count', 'turned_npl_balance', 'originated_turned_npl_count', 'originated_turned_npl_balance',
]);

function metric(name: string, label: { zh: string; en: string }): Metric {
  const k = kindOf(name);
  const kind = k === 'money' || k === 'ratio' || k === 'count' ? k : 'number';
  const unit: MetricUnit = kind === 'money' ? 'yuan' : kind;
  return { name, kind, unit, label: { zh: label.zh, en: label.en }, lowerIsBetter: LOWER_IS_BETTER.has(name) };
}

const SALES = /^sales_(.+)_(units|amount)$/;
type SalesCategory = keyof typeof glossary.sales_categories;

/**
 * The metrics of DOMAIN.md (the glossary's `metrics`), in the glossary's order. The entries named
 * `sales_{category}_…` give the sales family's place and kind to the SQL metric lists
 * (warehouse/metric-lists.ts); its metrics are found by metricOf.
 */
export const METRICS: readonly Metric[] = Object.entries(glossary.metrics)
  .filter(([name]) => !name.includes('{'))
  .map(([name, label]) => metric(name, label as { zh: string; en: string }));
const byName = new Map(METRICS.map((m) => [m.name, m]));

/** The product categories of sales_<category>_units|amount (EXTRACTS.md). */
export const SALES_CATEGORIES: readonly string[] = Object.keys(glossary.sales_categories);

/** A product category's own label (信用卡 / Credit cards); undefined for a name that is not one. */
export function salesCategoryLabel(category: string): { zh: string; en: string } | undefined {
  return (glossary.sales_categories as Record<string, { zh: string; en: string }>)[category];
}

/** A metric of the catalog, or a sales metric sales_<category>_units|amount; undefined for any other name. */
export function metricOf(name: string): Metric | undefined {
  const known = byName.get(name);
  if (known) return known;
  const sales = SALES.exec(name);
  const cat = sales ? glossary.sales_categories[sales[1] as SalesCategory] : undefined;
  if (!sales || !cat) return undefined;
  const units = sales[2] === 'units';
  return metric(name, {
    zh: `${cat.zh}${units ? '销量' : '销售额'}`,
    en: `${cat.en} ${units ? 'sold (units)' : 'sold (amount)'}`,
  });
}

export function isKnownMetric(name: string): boolean {
  return metricOf(name) !== undefined;
}

type CatalogEntry = { marts?: string[]; source?: string };

/**
 * Whether the build gives every manager a figure of the metric (mart_manager_metrics: the metrics of
 * the manager marts, and those whose `source` is a manager mart of its own), which is what a scheme
 * scores. An org-only figure (managers, span_of_management) has none: a scheme naming it would
 * score 0 "no_data" for everyone.
 */
export function isScoreableMetric(name: string): boolean {
  const sales = SALES.exec(name);
  const entry = (glossary.metrics as Record<string, CatalogEntry>)[sales ? `sales_{category}_${sales[2]}` : name];
  return isKnownMetric(name) && entry !== undefined && ((entry.marts ?? []).includes('manager') || entry.source !== undefined);
}

/** Whether less of a metric is better (false for names that are not metrics). */
export function lowerIsBetter(name: string): boolean {
  return metricOf(name)?.lowerIsBetter ?? false;
}

/** Counts of size (how many managers, clients): more is neither better nor worse. */
const NEUTRAL: ReadonlySet<string> = new Set(['managers', 'clients', 'span_of_management']);

/** Which way a metric is good news: up, down (risk and loss), or neither (size counts). */
export function direction(name: string): 'higher' | 'lower' | 'neutral' {
  if (NEUTRAL.has(name)) return 'neutral';
  return lowerIsBetter(name) ? 'lower' : 'higher';
}

/**
 * What a metric's figure is compared with (mart_*_metrics, beside `actual`): its base (the same
 * period a year earlier), its target, achievement (against target) and growth over base.
 */
export const MEASURES = ['base', 'target', 'achievement', 'growth'] as const;
export type Measure = (typeof MEASURES)[number];

const MEASURED = new RegExp(`^(.+)_(${MEASURES.join('|')})$`);

/**
 * The league's column of a scheme indicator's achievement as the league measures it
 * (mart_manager_league.achievement__<metric>: against target, in a month by elapsed time). Its own
 * name, not `<metric>_achievement`: that column is the metrics mart's achievement, null in a month.
 */
export const indicatorAchievement = (metric: string): string => `achievement__${metric}`;

/** The metric of an indicatorAchievement column, or null for any other key. */
export function indicatorAchievementMetric(key: string): string | null {
  return /^achievement__([a-z][a-z0-9_]*)$/.exec(key)?.[1] ?? null;
}

/** A `<metric>_<measure>` column's parts (`profit_contribution_target`), or null for any other key. */
export function measuredColumn(key: string): { metric: string; measure: Measure } | null {
  const m = MEASURED.exec(key);
  return m ? { metric: m[1]!, measure: m[2] as Measure } : null;
}
