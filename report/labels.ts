// Column labels and the labels of coded values in Chinese and English, from the one glossary
// (config/glossary.json) that the web UI uses too.
import glossary from '../config/glossary.json' with { type: 'json' };
import { indicatorAchievementMetric, measuredColumn, metricOf } from '../contract/metrics.ts';

export type Lang = 'zh' | 'en';
type Entry = { zh: string; en: string };
type Section = Record<string, Entry>;

const sections = Object.entries(glossary).filter(([k]) => !k.startsWith('_')) as [string, Section][];
const sectionByName = new Map(sections);

function lookup(key: string): Entry | undefined {
  for (const [, section] of sections) if (section[key]) return section[key];
  return undefined;
}

/** The label of a column key: a glossary entry, a sales metric, or a metric with a measure suffix. */
export function labelOf(key: string, lang: Lang): string {
  const direct = lookup(key);
  if (direct) return direct[lang];
  const sales = metricOf(key);
  if (sales) return sales.label[lang];
  const indicator = indicatorAchievementMetric(key);
  if (indicator) return labelOf(`${indicator}_achievement`, lang);
  const measured = measuredColumn(key);
  if (measured) {
    // the metric a glossary entry or a sales metric (sales_wealth_units_achievement)
    const metric = lookup(measured.metric) ?? metricOf(measured.metric)?.label;
    const measure = lookup(measured.measure);
    if (metric && measure) return lang === 'zh' ? `${metric.zh}${measure.zh}` : `${metric.en} ${measure.en.toLowerCase()}`;
  }
  return key;
}

/**
 * Columns whose values are codes, and the glossary sections that label them, looked up in order
 * (a corporate client is labelled as the corporate line). Only the sections are named here: the
 * labels themselves live in the glossary alone. A manager's `grade` (A, B, C …) is the bank's own
 * code and reads the same in both languages, so it is not listed.
 */
const valueSections: Record<string, readonly string[]> = {
  line: ['lines'],
  level: ['levels'],
  size_tier_by_staff: ['size_tiers'],
  size_tier_by_book: ['size_tiers'],
  client_type: ['client_types', 'lines'],
  five_class: ['five_class'],
  previous_five_class: ['five_class'],
  from_class: ['five_class', 'risk_values'],
  to_class: ['five_class', 'risk_values'],
  score_grade: ['score_grades'],
  grade_by_threshold: ['score_grades'],
  warning: ['risk_values', 'five_class'],
  attribution: ['risk_values'],
  segment: ['segments'],
  value_tier: ['value_tiers'],
  trend: ['trends'],
  visit_level: ['visit_levels'],
  category: ['sales_categories'],
  section: ['scorecard_sections'],
  source: ['item_sources'],
  formula: ['scorecard_values'],
  target_source: ['scorecard_values'],
  note: ['scorecard_values'],
  forced_down: ['yes_no'],
  score_locked: ['yes_no'],
  is_year_end: ['yes_no'],
  target_derived: ['yes_no'],
  is_gap: ['yes_no'],
  institution_grade: ['score_grades'],
};

/** Columns whose codes join codes of several sections: a peer group is line:level ("corporate:sub_branch"). */
const compoundColumns: Record<string, readonly (readonly string[])[]> = {
  peer_group: [['lines'], ['levels']],
};
for (const [column, names] of [...Object.entries(valueSections), ...Object.entries(compoundColumns).flatMap(([c, parts]) => parts.map((p) => [c, p] as const))]) {
  for (const name of names) if (!sectionByName.has(name)) throw new Error(`report/labels.ts: ${column} names a glossary section '${name}' that does not exist`);
}

/** Columns whose values are metric names (long-form tables), labelled as the metric's column is. */
const metricColumns = new Set(['metric', 'pay_metric']);

/** The columns whose values are codes shown as their labels (on screen and in CSV/XLSX; JSON keeps codes). */
export const CODED_COLUMNS: ReadonlySet<string> = new Set([...Object.keys(valueSections), ...Object.keys(compoundColumns), ...metricColumns]);

function sectionLabel(names: readonly string[], code: string, lang: Lang): string | undefined {
  for (const name of names) {
    const entry = sectionByName.get(name)![code];
    if (entry) return entry[lang];
  }
  return undefined;
}

/**
 * The label of a coded value of a column (`client_type` `corporate` → 对公 / Corporate); any other
 * value, and any value of a column that is not coded, comes back unchanged.
 */
export function valueLabel(column: string, value: unknown, lang: Lang): unknown {
  if (typeof value === 'boolean' && valueSections[column]) return sectionLabel(valueSections[column], String(value), lang) ?? value;
  if (typeof value !== 'string') return value;
  if (metricColumns.has(column)) return labelOf(value, lang);
  const parts = compoundColumns[column];
  if (parts) {
    const codes = value.split(':');
    if (codes.length !== parts.length) return value;
    const labels = codes.map((code, i) => sectionLabel(parts[i]!, code, lang));
    return labels.every((l) => l !== undefined) ? labels.join(lang === 'zh' ? '·' : ', ') : value;
  }
  return sectionLabel(valueSections[column] ?? [], value, lang) ?? value;
}

/** Columns of long-form metric tables (one row per metric) whose kind is the row's metric's. */
export const LONG_FORM_KEYS: ReadonlySet<string> = new Set(['metric', 'actual', 'base', 'target', 'growth']);
