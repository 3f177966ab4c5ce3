// Shaping for the card's review section (issue 22): which text fields an action's form shows, and
// the history lines as the 述职 sheet lists them. Pure: tested in tests/web-unit/review.test.ts.
import { ACTION_TEXTS, type ReviewAction } from '../../../../contract/review.ts';
import type { ReviewLine } from '../../lib/api.ts';

export type TextField = 'summary' | 'plans' | 'comment' | 'reason';

/** The fields of an action's form, in order, each with whether it is required. */
export function fieldsOf(action: ReviewAction): { field: TextField; required: boolean }[] {
  const takes = ACTION_TEXTS[action];
  return (['summary', 'plans', 'comment', 'reason'] as const).flatMap((field) => (takes[field] === undefined ? [] : [{ field, required: takes[field]! }]));
}

/** The body of an action from the form's drafts: the action's fields, blanks left out. */
export function actionBody(period: string, action: ReviewAction, drafts: Partial<Record<TextField, string>>) {
  const body: { period: string; action: ReviewAction } & Partial<Record<TextField, string>> = { period, action };
  for (const { field } of fieldsOf(action)) {
    const v = drafts[field]?.trim();
    if (v) body[field] = v;
  }
  return body;
}

/** The texts of a line, labelled by field, in the sheet's order. */
export function lineTexts(l: ReviewLine): { field: TextField | 'talk_date' | 'participants' | 'notes' | 'agreed_actions'; text: string }[] {
  const fields = ['summary', 'plans', 'comment', 'reason', 'talk_date', 'participants', 'notes', 'agreed_actions'] as const;
  return fields.flatMap((field) => (l[field] ? [{ field, text: l[field]! }] : []));
}
