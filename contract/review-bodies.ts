// Request bodies of the review routes (api/routes/reviews.ts), validated field by field. Apart from
// contract/review.ts (the state machine), which the web imports at run time: zod is not loaded
// in the browser (its eval probe would break the Content-Security-Policy).
import { z } from 'zod';
import { idString, periodKey } from './api.ts';
import { ACTION_TEXTS, REVIEW_ACTIONS } from './review.ts';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** POST /api/managers/{manager_id}/review: one action on the card. */
export const reviewActionBody = z
  .strictObject({
    period: periodKey.meta({ description: 'The scoring period of the card, e.g. 2026-06-ytd' }),
    action: z.enum(REVIEW_ACTIONS, { error: `must be one of ${REVIEW_ACTIONS.join(', ')}` }),
    summary: text(4000).optional().meta({ description: '述职: summary of the period (submit)' }),
    plans: text(4000).optional().meta({ description: '述职: plans for the next period (submit)' }),
    comment: text(2000).optional().meta({ description: "The scorer's or approver's comment (score: required)" }),
    reason: text(2000).optional().meta({ description: 'Why (appeal, reject_appeal: required)' }),
  })
  .superRefine((b, ctx) => {
    const takes = ACTION_TEXTS[b.action];
    for (const field of ['summary', 'plans', 'comment', 'reason'] as const) {
      if (takes[field] === true && b[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required to ${b.action}` });
      if (takes[field] === undefined && b[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${b.action} takes no ${field}` });
    }
  });

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD');

/** POST /api/managers/{manager_id}/review/talk: the record of the performance talk (绩效谈话). */
export const talkBody = z.strictObject({
  period: periodKey.meta({ description: 'The scoring period of the card' }),
  talk_date: isoDate,
  participants: text(500),
  notes: text(4000),
  agreed_actions: text(4000),
});

/** Money of an allocation: yuan with at most two decimals, not negative (0 withdraws). */
const amount = z
  .union([z.number(), z.string()])
  .transform((x) => String(x).trim())
  .refine((x) => /^\d{1,13}(\.\d{1,2})?$/.test(x), 'must be an amount in yuan, at least 0, with at most two decimals');

/** POST /api/orgs/{org_id}/pool: allocations of the org's public pool (all or none). */
export const poolBody = z.strictObject({
  period: periodKey.meta({ description: 'The scoring period whose pool is allocated' }),
  allocations: z
    .array(z.strictObject({ manager_id: idString, amount, reason: text(500) }))
    .min(1, 'at least one allocation')
    .max(500, 'at most 500 allocations a request'),
});
