// The shape of an evaluation scheme file (config/schemes/*.json), validated with zod. A scheme is
// data, not code: indicators, bonus and deduction items, grade thresholds, forced distribution and
// pay parameters for one business line, one org subtree and one effective period. The scoring
// itself happens in SQL (sql/intermediate/scorecards/, sql/marts/scorecards/); this file only says
// what a well-formed scheme is, with messages that name the field and the reason.
import { z } from 'zod';
import { periodEndDate, periodStartDate, periodType } from '../../contract/periods.ts';
import { isKnownMetric, isScoreableMetric } from '../../contract/metrics.ts';
import { ORG_LEVELS } from '../../contract/codes.ts';
import { CHAIN_ROLES, DEFAULT_CHAIN } from '../../contract/review.ts';

export const lines = ['corporate', 'retail'] as const;
export const orgLevels = ORG_LEVELS;

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be lowercase letters, digits and _ (starting with a letter)' });
const label = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const metric = z
  .string()
  .refine(isKnownMetric, {
    error: (iss) =>
      `unknown metric '${String(iss.input)}' (use a metric name of DOMAIN.md, or sales_<category>_units|amount with a category of EXTRACTS.md)`,
    abort: true,
  })
  .refine(isScoreableMetric, {
    error: (iss) => `metric '${String(iss.input)}' cannot be scored: the build keeps no manager figure of it (only the metrics of mart_manager_metrics can be)`,
  });
/** Effective periods are months `YYYY-MM` or quarters `YYYY-Qn`; a quarter means its first (from) or last (to) month. */
const periodKey = z.string().refine((k) => ['month', 'quarter'].includes(periodType(k) ?? ''), { error: 'must be a month "YYYY-MM" or a quarter "YYYY-Qn"' });
const ratio = z.number().finite();
const points = z.number().finite();

// Where a card's row has no extract data of its own, `metric` names the closest measured figure and
// `mapping` says why, so the substitution is visible in the file and in every export.
/**
 * Where the targets file sets no target (or a non-positive one) for a manager and period, the
 * scheme may set one, tried in this order: the year's target pro rata to the months elapsed
 * (按时间进度), the base grown by a rate (0.08 = base × 1.08; lower_is_better: base × 0.92), a
 * target per month of the period (flows: units, amounts), a fixed value (ratios).
 */
const targetFallback = z
  .strictObject({
    annual_pro_rata: z.boolean().optional(),
    from_base_growth: z.number().gt(-1).optional(),
    per_month: z.number().positive().optional(),
    fixed: z.number().positive().optional(),
  })
  .refine((f) => f.annual_pro_rata || f.from_base_growth !== undefined || f.per_month !== undefined || f.fixed !== undefined, {
    error: 'give at least one of annual_pro_rata, from_base_growth, per_month, fixed',
  });

const indicatorCommon = {
  id,
  metric,
  label: label.optional(),
  weight: z.number().positive({ error: 'must be > 0' }),
  mapping: z.string().min(1).optional(),
  target_fallback: targetFallback.optional(),
};
const capFloor = {
  /** Achievement cap as a ratio (1.2 = 120%); default: the scheme's `defaults.cap`. */
  cap: ratio.positive({ error: 'must be > 0' }).optional(),
  /** Achievement floor as a ratio; default: the scheme's `defaults.floor`. */
  floor: ratio.optional(),
};
const basis = z.enum(['achievement', 'actual']).default('achievement');

/** Roles that may enter a manual indicator or a bonus/deduction item (api: POST …/scorecard/entries). */
export const enteringRoles = ['supervisor', 'branch_president', 'head_office'] as const;
export type EnteringRole = (typeof enteringRoles)[number];
const enteredBy = z
  .array(z.enum(enteringRoles, { error: `must be one of ${enteringRoles.join(', ')}` }))
  .min(1)
  .default(['supervisor', 'branch_president']);

/**
 * A qualitative indicator judged by people (客户服务, 综合素质, …): no metric; a supervisor enters
 * its points for each scoring period, from 0 to `weight`, or picks a rating of `scale` worth its
 * points. Not entered: 0 points, note `not_entered`.
 */
export const manualIndicatorSchema = z.strictObject({
  id,
  label,
  formula: z.literal('manual'),
  weight: z.number().positive({ error: 'must be > 0' }),
  scale: z
    .array(z.strictObject({ rating: id, label, points: points.nonnegative({ error: 'must be ≥ 0' }) }))
    .min(2, { error: 'a rating scale needs at least two ratings' })
    .optional(),
  entered_by: enteredBy,
  note: z.string().optional(),
});

export const indicatorSchema = z.discriminatedUnion(
  'formula',
  [
    // actual / target × weight, achievement capped and floored
    z.strictObject({ ...indicatorCommon, formula: z.literal('ratio_to_target'), ...capFloor }),
    // this quarter's figure / the previous quarter's × weight (e.g. the off-counter share)
    z.strictObject({ ...indicatorCommon, formula: z.literal('ratio_to_previous'), ...capFloor }),
    // target / actual × weight: for figures where less is better (npl_ratio)
    z.strictObject({ ...indicatorCommon, formula: z.literal('lower_is_better'), ...capFloor }),
    // 0 below band_floor, full weight at or above band_full, linear between
    z.strictObject({
      ...indicatorCommon,
      formula: z.literal('banded_linear'),
      basis,
      band_floor: ratio,
      band_full: ratio,
    }),
    // full weight when the figure meets the threshold, else 0
    z.strictObject({
      ...indicatorCommon,
      formula: z.literal('pass_fail'),
      basis,
      threshold: ratio,
      direction: z.enum(['at_least', 'at_most']).default('at_least'),
    }),
    manualIndicatorSchema,
  ],
  { error: 'formula must be one of ratio_to_target, ratio_to_previous, lower_is_better, banded_linear, pass_fail, manual' },
);

const itemCommon = { id, label: label.optional(), note: z.string().optional() };

/**
 * `item` values of the adjustments file counted by a scheme item: a bare name sums the points
 * entered in the file; `{ item, points_each }` counts each entry at a fixed value instead.
 */
const adjustmentItems = (sign: 'bonus' | 'deduction') =>
  z
    .array(
      z.union([
        z.string().min(1),
        z.strictObject({
          item: z.string().min(1),
          points_each:
            sign === 'bonus'
              ? points.positive({ error: 'a bonus entry must be worth > 0 points' })
              : points.negative({ error: 'a deduction entry must be worth < 0 points' }),
        }),
      ]),
    )
    .min(1);

const adjustmentBonus = z.strictObject({
  ...itemCommon,
  source: z.literal('adjustment'),
  adjustment_items: adjustmentItems('bonus'),
  max: points.nonnegative().optional(),
  /** Who may enter points for the item on the card (beside the adjustments file's rows). */
  entered_by: enteredBy,
});
const upkeepRule = z.strictObject({
  ...itemCommon,
  source: z.literal('rule'),
  rule: z.literal('premium_client_upkeep'),
  /** Points at full coverage; points = max × covered premium client-quarters / premium client-quarters. */
  max: points.positive(),
  /** A premium client: average daily deposits in the quarter at or above this (yuan) … */
  premium_min_deposit_avg: z.number().positive().optional(),
  /** … or among the bank's top share of clients by average daily deposits in the quarter (0.02 = top 2%). */
  premium_top_share: z.number().gt(0).max(1).optional(),
  /** Maintenance visits per premium client per quarter that count as upkeep. */
  min_visits_per_quarter: z.number().int().positive().default(1),
});
const metricBonus = z.strictObject({
  ...itemCommon,
  source: z.literal('metric'),
  metric,
  points_per_unit: points.positive({ error: 'a bonus rule must give > 0 points per unit' }),
  max: points.nonnegative().optional(),
});
export const bonusItem = z.discriminatedUnion('source', [adjustmentBonus, upkeepRule, metricBonus], {
  error: 'source must be adjustment, rule or metric',
});

const adjustmentDeduction = z.strictObject({
  ...itemCommon,
  source: z.literal('adjustment'),
  adjustment_items: adjustmentItems('deduction'),
  entered_by: enteredBy,
});
const metricDeduction = z.strictObject({
  ...itemCommon,
  source: z.literal('metric'),
  metric,
  points_per_unit: points.negative({ error: 'a deduction rule must give < 0 points per unit' }),
});
export const deductionItem = z.discriminatedUnion('source', [adjustmentDeduction, metricDeduction], {
  error: 'source must be adjustment or metric (deductions have no floor)',
});

const gradeRow = z.strictObject({
  grade: id,
  label: label.optional(),
  /** Lowest total that earns this grade; null for the last (lowest) grade. */
  min_score: z.number().finite().nullable(),
});

const share = z.number().min(0, { error: 'must be a share between 0 and 1 (0.05 = 5%)' }).max(1, { error: 'must be a share between 0 and 1 (0.05 = 5%)' });
const payRates = z.strictObject({
  /** Share of the actual up to the target's stock part (the base) paid as efficiency pay. */
  target: share,
  /** Share of the actual between the base and the target (the increment task). */
  increment: share,
  /** Share of the actual above the target. */
  above_increment: share,
});

export const schemeSchema = z
  .strictObject({
    scheme_version: z.literal(1, { error: 'must be 1' }),
    scheme_id: id,
    name: label,
    description: z.string().optional(),
    line: z.enum(lines, { error: `must be one of ${lines.join(', ')}` }),
    /** The org node whose subtree the scheme covers; null = head office (the root, whatever its id). */
    org_id: z.string().min(1).nullable(),
    effective_from: periodKey,
    effective_to: periodKey.nullable().default(null),
    defaults: z
      .strictObject({
        cap: ratio.positive().default(1.2),
        floor: ratio.default(0),
        /** For every indicator; an indicator's own target_fallback fields win. */
        target_fallback: targetFallback.optional(),
      })
      .default({ cap: 1.2, floor: 0 }),
    total_weight: z.number().positive().default(100),
    /**
     * An indicator whose metric rests on a ledger the bank did not deliver for the scoring period
     * (mart_ledger_coverage): `rescale` (default) leaves it out and scales the remaining weights up
     * to total_weight, as the card says; `zero` scores it 0 of its weight.
     */
    unavailable_indicators: z.enum(['rescale', 'zero']).default('rescale'),
    indicators: z.array(indicatorSchema).min(1, { error: 'a scheme needs at least one indicator' }),
    /**
     * An optional block of manual indicators (000's qualitative items, 002's traits). Enabled, they
     * join the card after `indicators`, and the weights of both together make total_weight.
     */
    qualitative: z
      .strictObject({
        enabled: z.boolean(),
        indicators: z.array(manualIndicatorSchema).min(1),
      })
      .optional(),
    bonus: z.strictObject({
      /** Cap of the whole bonus section (points). */
      cap: points.nonnegative(),
      items: z.array(bonusItem),
    }),
    deductions: z.strictObject({ items: z.array(deductionItem) }),
    grades: z.array(gradeRow).min(2, { error: 'at least two grades' }),
    /**
     * The quarterly review cycle (issue 22): the roles that sign a card in turn (the first scores
     * it, the last approval locks it) and the days after the lock within which a manager may appeal.
     */
    review: z
      .strictObject({
        chain: z
          .array(z.enum(CHAIN_ROLES, { error: `must be one of ${CHAIN_ROLES.join(', ')}` }))
          .min(1)
          .refine((c) => new Set(c).size === c.length, { error: 'a role signs once' }),
        appeal_days: z.number().int({ error: 'must be a whole number' }).min(0).max(366),
      })
      .default({ chain: [...DEFAULT_CHAIN] as (typeof CHAIN_ROLES)[number][], appeal_days: 10 }),
    forced_distribution: z
      .strictObject({
        grade: id,
        /** At most this share of an institution's managers on this scheme keep the grade (0.2 = 20%). */
        max_share: z.number().gt(0).max(1),
        /** The institution: the manager's ancestor at this level (or the manager's own org if none). */
        institution_level: z.enum(orgLevels).optional(),
      })
      .nullable()
      .default(null),
    pay: z.strictObject({
      metric: metric.default('profit_contribution'),
      rates: payRates,
      /** Monthly base pay by manager grade (A/B/C…), and `default` for any other grade. */
      base_pay_monthly: z
        .record(z.string().min(1), z.number().nonnegative())
        .refine((r) => 'default' in r, { error: "needs a 'default' entry" }),
      divisor: z.number().int({ error: 'must be a whole number' }).positive().default(1000),
      /** Management score = total score × score_scale (10 turns a 100-point card into the 1000 of the divisor). */
      score_scale: z.number().positive().default(10),
      /** Share of the earned efficiency pay put into the common pool (公共绩效池). */
      pool_share: z.number().min(0).lt(1),
    }),
  })
  .superRefine((s, ctx) => {
    // maintenance_coverage is the premium_client_upkeep rule's coverage (int_premium_client_upkeep): the
    // rule says which clients are premium, and the build fills it for the scoring period only
    const upkeep = s.bonus.items.some((i) => i.source === 'rule' && i.rule === 'premium_client_upkeep');
    s.indicators.forEach((i, k) => {
      if (i.formula === 'manual' || i.metric !== 'maintenance_coverage') return;
      if (!upkeep) ctx.addIssue({ code: 'custom', path: ['indicators', k, 'metric'], message: 'maintenance_coverage needs the premium_client_upkeep rule among the bonus items (it says which clients are premium)' });
      if (i.formula === 'ratio_to_previous') ctx.addIssue({ code: 'custom', path: ['indicators', k, 'formula'], message: 'maintenance_coverage is built for the scoring period only, not for a quarter on its own: ratio_to_previous cannot score it' });
    });
    checkCard(s, ctx);
  });

export type Scheme = z.infer<typeof schemeSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type ManualIndicator = z.infer<typeof manualIndicatorSchema>;

/** The indicators a card scores: `indicators`, then the qualitative block's when it is enabled. */
export function indicatorsInForce(s: { indicators: Indicator[]; qualitative?: Scheme['qualitative'] }): Indicator[] {
  return [...s.indicators, ...(s.qualitative?.enabled ? s.qualitative.indicators : [])];
}

/** What a manager's and an institution's scheme have in common, as checked by checkCard. */
export interface CardParts {
  indicators: Indicator[];
  defaults: Scheme['defaults'];
  total_weight: number;
  effective_from: string;
  effective_to: string | null;
  bonus: { items: z.infer<typeof bonusItem>[] };
  deductions: { items: z.infer<typeof deductionItem>[] };
  grades: Scheme['grades'];
  forced_distribution?: Scheme['forced_distribution'];
  /** The managers' qualitative block (institution schemes have none). */
  qualitative?: Scheme['qualitative'];
}

/**
 * The checks across fields of a scorecard (weights sum to the total, unique ids, cap above floor,
 * grades in order …), for managers' schemes and institutions' (org-schema.ts) alike.
 */
export function checkCard(s: CardParts, ctx: z.RefinementCtx): void {
  const inForce = indicatorsInForce(s);
  const sum = inForce.reduce((a, i) => a + i.weight, 0);
  if (Math.abs(sum - s.total_weight) > 1e-9) {
    const block = inForce.length > s.indicators.length ? ' (with the qualitative block)' : '';
    ctx.addIssue({ code: 'custom', path: ['indicators'], message: `weights${block} sum to ${round6(sum)}, expected total_weight ${s.total_weight}` });
  }
  duplicates(inForce.map((i) => i.id)).forEach((d) =>
    ctx.addIssue({
      code: 'custom',
      path: d.index < s.indicators.length ? ['indicators', d.index, 'id'] : ['qualitative', 'indicators', d.index - s.indicators.length, 'id'],
      message: `duplicate indicator id '${d.value}'`,
    }),
  );
  const manual = [...s.indicators.map((i, k) => [i, ['indicators', k]] as const), ...(s.qualitative?.indicators ?? []).map((i, k) => [i, ['qualitative', 'indicators', k]] as const)];
  for (const [ind, path] of manual) {
    if (ind.formula !== 'manual') continue;
    ind.scale?.forEach((r, j) => {
      if (r.points > ind.weight) ctx.addIssue({ code: 'custom', path: [...path, 'scale', j, 'points'], message: `${r.points} is above the indicator's weight ${ind.weight}` });
    });
    duplicates((ind.scale ?? []).map((r) => r.rating)).forEach((d) =>
      ctx.addIssue({ code: 'custom', path: [...path, 'scale', d.index, 'rating'], message: `duplicate rating '${d.value}'` }),
    );
  }
  const items = [...s.bonus.items.map((i) => i.id), ...s.deductions.items.map((i) => i.id)];
  duplicates(items).forEach((d) => {
    const inBonus = d.index < s.bonus.items.length;
    ctx.addIssue({
      code: 'custom',
      path: inBonus ? ['bonus', 'items', d.index, 'id'] : ['deductions', 'items', d.index - s.bonus.items.length, 'id'],
      message: `duplicate item id '${d.value}'`,
    });
  });
  s.bonus.items.forEach((it, k) => {
    if (it.source === 'rule' && (it.premium_min_deposit_avg === undefined) === (it.premium_top_share === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['bonus', 'items', k], message: 'give one of premium_min_deposit_avg or premium_top_share (who is a premium client)' });
    }
  });
  // An adjustments-file item counted by two scheme items would be counted twice.
  const named = new Map<string, string>();
  const sections = [
    ['bonus', s.bonus.items],
    ['deductions', s.deductions.items],
  ] as const;
  for (const [section, list] of sections) {
    list.forEach((it, k) => {
      if (it.source !== 'adjustment') return;
      it.adjustment_items.forEach((a, j) => {
        const name = typeof a === 'string' ? a : a.item;
        const other = named.get(name);
        if (other) {
          ctx.addIssue({ code: 'custom', path: [section, 'items', k, 'adjustment_items', j], message: `'${name}' is already counted by item '${other}'` });
        } else named.set(name, it.id);
      });
    });
  }
  s.indicators.forEach((ind, k) => {
    if (ind.formula === 'ratio_to_target' || ind.formula === 'ratio_to_previous' || ind.formula === 'lower_is_better') {
      const cap = ind.cap ?? s.defaults.cap;
      const floor = ind.floor ?? s.defaults.floor;
      if (floor > cap) ctx.addIssue({ code: 'custom', path: ['indicators', k, 'floor'], message: `floor ${floor} is above the cap ${cap}` });
    }
    if (ind.formula === 'banded_linear' && !(ind.band_full > ind.band_floor)) {
      ctx.addIssue({ code: 'custom', path: ['indicators', k, 'band_full'], message: `must be above band_floor (${ind.band_floor})` });
    }
  });
  if (s.defaults.floor > s.defaults.cap) {
    ctx.addIssue({ code: 'custom', path: ['defaults', 'floor'], message: `floor ${s.defaults.floor} is above the cap ${s.defaults.cap}` });
  }
  if (s.effective_to !== null && periodEndDate(s.effective_to)! < periodStartDate(s.effective_from)!) {
    ctx.addIssue({ code: 'custom', path: ['effective_to'], message: `ends before effective_from ${s.effective_from}` });
  }
  s.grades.forEach((g, k) => {
    const last = k === s.grades.length - 1;
    if (last && g.min_score !== null) {
      ctx.addIssue({ code: 'custom', path: ['grades', k, 'min_score'], message: 'must be null: the last grade takes every score below the others' });
    }
    if (!last && g.min_score === null) {
      ctx.addIssue({ code: 'custom', path: ['grades', k, 'min_score'], message: 'only the last grade may have no minimum' });
    }
    const prev = s.grades[k - 1];
    if (k > 0 && prev && prev.min_score !== null && g.min_score !== null && !(g.min_score < prev.min_score)) {
      ctx.addIssue({ code: 'custom', path: ['grades', k, 'min_score'], message: `must be below the grade before (${prev.grade} ≥ ${prev.min_score})` });
    }
  });
  duplicates(s.grades.map((g) => g.grade)).forEach((d) =>
    ctx.addIssue({ code: 'custom', path: ['grades', d.index, 'grade'], message: `duplicate grade '${d.value}'` }),
  );
  const fd = s.forced_distribution;
  if (fd) {
    const k = s.grades.findIndex((g) => g.grade === fd.grade);
    if (k < 0) ctx.addIssue({ code: 'custom', path: ['forced_distribution', 'grade'], message: `'${fd.grade}' is not one of the scheme's grades` });
    else if (k === s.grades.length - 1) {
      ctx.addIssue({ code: 'custom', path: ['forced_distribution', 'grade'], message: 'cannot limit the lowest grade (there is none below to move to)' });
    }
  }
}

function duplicates(values: string[]): { value: string; index: number }[] {
  const seen = new Set<string>();
  const out: { value: string; index: number }[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) out.push({ value, index });
    seen.add(value);
  });
  return out;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
