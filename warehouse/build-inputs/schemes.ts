// Build input: validates the evaluation schemes (<configDir>/schemes/*.json; opts.schemesDir
// overrides the folder) and loads them into cfg_scheme* tables, which the scorecard models under
// sql/intermediate/scorecards/ and sql/marts/scorecards/ read. Nothing is scored here: this only
// turns the files into rows. An invalid scheme stops the build with every problem listed.
import { join } from 'node:path';
import type { Warehouse } from '../db.ts';
import type { BuildInputResult } from './_input.ts';
import { defaultSchemesDir, formatProblem, readSchemesDir, type LoadedScheme } from '../schemes/load.ts';
import { indicatorsInForce } from '../schemes/schema.ts';
import { periodEndDate, periodStartDate } from '../../contract/periods.ts';
import type { CardParts } from '../schemes/schema.ts';
import { loadOrgSchemes, orgCfgTables } from './_org-schemes.ts';

export interface SchemeInputOptions {
  /** The configuration folder; schemes are read from its schemes/ subfolder. */
  configDir?: string;
  /** The schemes folder itself (wins over configDir). */
  schemesDir?: string;
}

export const cfgTables = [
  'cfg_schemes',
  'cfg_scheme_indicators',
  'cfg_scheme_items',
  'cfg_scheme_adjustment_items',
  'cfg_scheme_grades',
  'cfg_scheme_base_pay',
  'cfg_scheme_ratings',
] as const;

const ddl = `
create or replace table cfg_schemes (
  scheme_id            varchar not null primary key,
  file                 varchar not null,
  name_zh              varchar not null,
  name_en              varchar not null,
  line                 varchar not null,
  org_id               varchar,            -- null: head office (the root of the org tree)
  effective_from       date not null,      -- first day of the first month in force
  effective_to         date,               -- last day of the last month in force; null: open
  default_cap          decimal(9,6) not null,
  default_floor        decimal(9,6) not null,
  total_weight         decimal(9,4) not null,
  unavailable_indicators varchar not null, -- rescale | zero: an indicator whose ledger was not delivered
  bonus_cap            decimal(9,2) not null,
  fd_grade             varchar,            -- forced distribution: the grade limited, or null
  fd_max_share         decimal(9,6),
  fd_institution_level varchar,            -- null: the manager's own org node
  pay_metric           varchar not null,
  rate_target          decimal(9,6) not null,
  rate_increment       decimal(9,6) not null,
  rate_above_increment decimal(9,6) not null,
  pay_divisor          integer not null,
  score_scale          decimal(9,4) not null,
  pool_share           decimal(9,6) not null,
  review_chain         varchar not null,   -- roles signing a card in turn, comma-separated (issue 22)
  appeal_days          integer not null,   -- days after the lock within which a manager may appeal
);
create or replace table cfg_scheme_indicators (
  scheme_id    varchar not null,
  indicator_id varchar not null,
  ordinal      integer not null,
  metric       varchar,           -- null for a manual indicator
  label_zh     varchar,
  label_en     varchar,
  weight       decimal(9,4) not null,
  formula      varchar not null,  -- ratio_to_target | ratio_to_previous | lower_is_better | banded_linear | pass_fail | manual
  entered_by   varchar,           -- manual: the roles that enter it, comma-separated
  cap          decimal(9,6),      -- ratio formulas: the indicator's cap, else the scheme default
  floor        decimal(9,6),
  basis        varchar,           -- banded_linear, pass_fail: achievement | actual
  band_floor   decimal(24,6),
  band_full    decimal(24,6),
  threshold    decimal(24,6),
  direction    varchar,           -- pass_fail: at_least | at_most
  mapping      varchar,           -- why this metric stands for the card's row, when they differ
  fallback_annual_pro_rata boolean,   -- no target in the targets file: the year's × months / 12 …
  fallback_base_growth decimal(9,6),  -- … else base × (1 + this) …
  fallback_per_month   decimal(24,6), -- … else this × months in the period …
  fallback_fixed       decimal(24,6), -- … else this
  primary key (scheme_id, indicator_id),
);
create or replace table cfg_scheme_items (
  scheme_id               varchar not null,
  section                 varchar not null, -- bonus | deduction
  item_id                 varchar not null,
  ordinal                 integer not null,
  label_zh                varchar,
  label_en                varchar,
  source                  varchar not null, -- adjustment | rule | metric
  rule                    varchar,          -- premium_client_upkeep
  metric                  varchar,
  points_per_unit         decimal(9,2),
  max_points              decimal(9,2),     -- bonus items only; deductions have no floor
  premium_min_deposit_avg decimal(18,2),   -- premium: quarter's avg deposits at least this …
  premium_top_share       decimal(9,6),    -- … or among the bank's top share of clients by them
  min_visits_per_quarter  integer,
  note                    varchar,
  entered_by              varchar,          -- adjustment items: the roles that enter them on the card
  primary key (scheme_id, item_id),
);
create or replace table cfg_scheme_ratings (
  scheme_id    varchar not null,
  indicator_id varchar not null,      -- a manual indicator with a rating scale
  rating       varchar not null,
  ordinal      integer not null,
  label_zh     varchar not null,
  label_en     varchar not null,
  points       decimal(9,2) not null,
  primary key (scheme_id, indicator_id, rating),
);
create or replace table cfg_scheme_adjustment_items (
  scheme_id       varchar not null,
  item_id         varchar not null,
  adjustment_item varchar not null, -- the adjustments file's item value
  points_each     decimal(9,2),     -- null: the points entered in the file
  primary key (scheme_id, adjustment_item),
);
create or replace table cfg_scheme_grades (
  scheme_id varchar not null,
  grade     varchar not null,
  ordinal   integer not null,       -- 1 = best
  min_score decimal(9,2),           -- null for the lowest grade
  label_zh  varchar,
  label_en  varchar,
  primary key (scheme_id, grade),
);
create or replace table cfg_scheme_base_pay (
  scheme_id     varchar not null,
  manager_grade varchar not null,   -- 'default' for grades not listed
  monthly       decimal(18,2) not null,
  primary key (scheme_id, manager_grade),
);
`;

type Value = string | number | null;

export async function insert(wh: Warehouse, table: string, rows: Record<string, Value>[]): Promise<void> {
  for (const row of rows) {
    const cols = Object.keys(row);
    const params = Object.fromEntries(cols.map((c) => [c, row[c] === undefined ? null : row[c]!]));
    // Decimal columns receive JS numbers through varchar params cast by the table's column type.
    await wh.run(
      `insert into ${table} (${cols.join(', ')}) values (${cols.map((c) => `$${c}`).join(', ')})`,
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === null ? null : String(v)])),
    );
  }
}

export function schemeRows({ file, scheme: s }: LoadedScheme) {
  const scheme = {
    scheme_id: s.scheme_id,
    file,
    name_zh: s.name.zh,
    name_en: s.name.en,
    line: s.line,
    org_id: s.org_id,
    effective_from: periodStartDate(s.effective_from),
    effective_to: s.effective_to === null ? null : periodEndDate(s.effective_to),
    default_cap: s.defaults.cap,
    default_floor: s.defaults.floor,
    total_weight: s.total_weight,
    unavailable_indicators: s.unavailable_indicators,
    bonus_cap: s.bonus.cap,
    fd_grade: s.forced_distribution?.grade ?? null,
    fd_max_share: s.forced_distribution?.max_share ?? null,
    fd_institution_level: s.forced_distribution?.institution_level ?? null,
    pay_metric: s.pay.metric,
    rate_target: s.pay.rates.target,
    rate_increment: s.pay.rates.increment,
    rate_above_increment: s.pay.rates.above_increment,
    pay_divisor: s.pay.divisor,
    score_scale: s.pay.score_scale,
    pool_share: s.pay.pool_share,
    review_chain: s.review.chain.join(','),
    appeal_days: s.review.appeal_days,
  };
  const basePay = Object.entries(s.pay.base_pay_monthly).map(([grade, monthly]) => ({
    scheme_id: s.scheme_id,
    manager_grade: grade,
    monthly,
  }));
  return { scheme, ...cardRows(s), basePay };
}

/** The rows of a scorecard's indicators (manual ones with their rating scales), items and grades (managers' and institutions' schemes alike). */
export function cardRows(s: CardParts & { scheme_id: string }) {
  const ratings: Record<string, Value>[] = [];
  const indicators = indicatorsInForce(s).map((i, k): Record<string, Value> => {
    if (i.formula === 'manual') {
      i.scale?.forEach((r, j) =>
        ratings.push({ scheme_id: s.scheme_id, indicator_id: i.id, rating: r.rating, ordinal: j + 1, label_zh: r.label.zh, label_en: r.label.en, points: r.points }),
      );
      return { scheme_id: s.scheme_id, indicator_id: i.id, ordinal: k + 1, metric: null, label_zh: i.label.zh, label_en: i.label.en, weight: i.weight, formula: i.formula, entered_by: i.entered_by.join(','), mapping: i.note ?? null };
    }
    const fallback = { ...s.defaults.target_fallback, ...i.target_fallback };
    const ratioFormula = i.formula === 'ratio_to_target' || i.formula === 'ratio_to_previous' || i.formula === 'lower_is_better';
    return {
      scheme_id: s.scheme_id,
      indicator_id: i.id,
      ordinal: k + 1,
      metric: i.metric,
      label_zh: i.label?.zh ?? null,
      label_en: i.label?.en ?? null,
      weight: i.weight,
      formula: i.formula,
      cap: ratioFormula ? (i.cap ?? s.defaults.cap) : null,
      floor: ratioFormula ? (i.floor ?? s.defaults.floor) : null,
      basis: i.formula === 'banded_linear' || i.formula === 'pass_fail' ? i.basis : null,
      band_floor: i.formula === 'banded_linear' ? i.band_floor : null,
      band_full: i.formula === 'banded_linear' ? i.band_full : null,
      threshold: i.formula === 'pass_fail' ? i.threshold : null,
      direction: i.formula === 'pass_fail' ? i.direction : null,
      mapping: i.mapping ?? null,
      fallback_annual_pro_rata: fallback.annual_pro_rata === true ? 'true' : null,
      fallback_base_growth: fallback.from_base_growth ?? null,
      fallback_per_month: fallback.per_month ?? null,
      fallback_fixed: fallback.fixed ?? null,
    };
  });
  const items: Record<string, Value>[] = [];
  const adjustmentItems: Record<string, Value>[] = [];
  const sections = [
    ['bonus', s.bonus.items],
    ['deduction', s.deductions.items],
  ] as const;
  for (const [section, list] of sections) {
    list.forEach((it, k) => {
      items.push({
        scheme_id: s.scheme_id,
        section,
        item_id: it.id,
        ordinal: k + 1,
        label_zh: it.label?.zh ?? null,
        label_en: it.label?.en ?? null,
        source: it.source,
        rule: it.source === 'rule' ? it.rule : null,
        metric: it.source === 'metric' ? it.metric : null,
        points_per_unit: it.source === 'metric' ? it.points_per_unit : null,
        max_points: 'max' in it && it.max !== undefined ? it.max : null,
        premium_min_deposit_avg: it.source === 'rule' ? (it.premium_min_deposit_avg ?? null) : null,
        premium_top_share: it.source === 'rule' ? (it.premium_top_share ?? null) : null,
        min_visits_per_quarter: it.source === 'rule' ? it.min_visits_per_quarter : null,
        note: it.note ?? null,
        entered_by: it.source === 'adjustment' ? it.entered_by.join(',') : null,
      });
      if (it.source === 'adjustment') {
        for (const a of it.adjustment_items) {
          adjustmentItems.push({
            scheme_id: s.scheme_id,
            item_id: it.id,
            adjustment_item: typeof a === 'string' ? a : a.item,
            points_each: typeof a === 'string' ? null : a.points_each,
          });
        }
      }
    });
  }
  const grades = s.grades.map((g, k) => ({
    scheme_id: s.scheme_id,
    grade: g.grade,
    ordinal: k + 1,
    min_score: g.min_score,
    label_zh: g.label?.zh ?? null,
    label_en: g.label?.en ?? null,
  }));
  return { indicators, items, adjustmentItems, grades, ratings };
}

export async function load(wh: Warehouse, opts: SchemeInputOptions = {}): Promise<BuildInputResult[]> {
  const dir = opts.schemesDir ?? (opts.configDir ? join(opts.configDir, 'schemes') : defaultSchemesDir);
  const { schemes, problems } = readSchemesDir(dir);
  if (problems.length) {
    throw new Error(`invalid evaluation schemes:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  }
  if (!schemes.length) throw new Error(`no evaluation schemes in ${dir}`);
  await wh.run(ddl);
  for (const loaded of schemes) {
    const r = schemeRows(loaded);
    await insert(wh, 'cfg_schemes', [r.scheme]);
    await insert(wh, 'cfg_scheme_indicators', r.indicators);
    await insert(wh, 'cfg_scheme_items', r.items);
    await insert(wh, 'cfg_scheme_adjustment_items', r.adjustmentItems);
    await insert(wh, 'cfg_scheme_grades', r.grades);
    await insert(wh, 'cfg_scheme_base_pay', r.basePay);
    await insert(wh, 'cfg_scheme_ratings', r.ratings);
  }
  await loadOrgSchemes(wh, dir, schemes.map((s) => s.scheme.scheme_id));
  const results: BuildInputResult[] = [];
  for (const table of [...cfgTables, ...orgCfgTables]) {
    const n = await wh.query<{ n: string }>(`select count(*)::varchar as n from ${table}`);
    results.push({ table, rows: Number(n[0]?.n ?? 0), source: dir });
  }
  return results;
}
