// The shape of an institution scheme (config/schemes/org/*.json, `subject: "org"`): the scorecard
// of org nodes (支行, 二级分行 …) rather than of managers. It shares the managers' indicators,
// bonus and deduction items, grades and cross-field checks (schema.ts); what differs: the levels
// it scores instead of a business line, indicators may be read per manager, no pay, no forced
// distribution, and whether a target-cascade gap fails the build. Scored in SQL with the managers'
// cards (sql/intermediate/scorecards/int_scorecard_lines_scored.sql), shown in
// sql/marts/scorecards/mart_org_scorecard*.sql.
import { z } from 'zod';
import { periodType } from '../../contract/periods.ts';
import { bonusItem, checkCard, deductionItem, indicatorSchema, orgLevels, schemeSchema } from './schema.ts';

const id = schemeSchema.shape.scheme_id;
const periodKey = z.string().refine((k) => ['month', 'quarter'].includes(periodType(k) ?? ''), { error: 'must be a month "YYYY-MM" or a quarter "YYYY-Qn"' });

/**
 * An indicator of the managers' kinds, plus `per_manager`: the figure divided by the node's
 * managers (actual and target: employed at the period's end; base: at the base period's end), for
 * productivity (人均). A per-manager target never comes from the targets file (its targets are the
 * node's, not per head): it comes from the indicator's target_fallback.
 */
const orgIndicator = z.looseObject({ per_manager: z.boolean().optional() }).transform((value, ctx) => {
  const { per_manager, ...rest } = value;
  const parsed = indicatorSchema.safeParse(rest);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  }
  if (parsed.data.formula === 'manual') {
    // entries (warehouse/entries) are made on managers' cards; an institution card scores figures only
    ctx.addIssue({ code: 'custom', path: ['formula'], message: 'an institution scheme cannot have manual indicators (points are entered on managers\' cards only)' });
    return z.NEVER;
  }
  return { ...parsed.data, per_manager: per_manager === true };
});

/** Institution items read the node's own figures: metric items only (the adjustments file is per manager). */
const metricOnly = (what: string) => ({ error: `${what} of an institution scheme must have source "metric"` });

export const orgSchemeSchema = z
  .strictObject({
    scheme_version: z.literal(1, { error: 'must be 1' }),
    subject: z.literal('org', { error: 'must be "org" (an institution scheme; managers\' schemes are the files of config/schemes/)' }),
    scheme_id: id,
    name: schemeSchema.shape.name,
    description: z.string().optional(),
    /** The org levels scored (a node of another level in the subtree is not scored by this scheme). */
    levels: z.array(z.enum(orgLevels, { error: `must be one of ${orgLevels.join(', ')}` })).min(1, { error: 'score at least one level' }),
    /** The org node whose subtree the scheme covers; null = head office (the root). */
    org_id: z.string().min(1).nullable(),
    effective_from: periodKey,
    effective_to: periodKey.nullable().default(null),
    defaults: schemeSchema.shape.defaults,
    total_weight: schemeSchema.shape.total_weight,
    indicators: z.array(orgIndicator).min(1, { error: 'a scheme needs at least one indicator' }),
    bonus: z.strictObject({
      cap: z.number().finite().nonnegative(),
      items: z.array(bonusItem.refine((it) => it.source === 'metric', metricOnly('a bonus item'))),
    }),
    deductions: z.strictObject({ items: z.array(deductionItem.refine((it) => it.source === 'metric', metricOnly('a deduction item'))) }),
    grades: schemeSchema.shape.grades,
    /** Target cascade: fail the build when a node this scheme scores has a cascade gap (else a warning). */
    cascade: z.strictObject({ fail_on_gap: z.boolean() }).default({ fail_on_gap: false }),
  })
  .superRefine(checkCard);

export type OrgScheme = z.infer<typeof orgSchemeSchema>;
