// The quarterly review cycle of a scorecard (issue 22), as a pure state machine shared by the
// server (which refuses what it does not allow) and the web (which offers only what it allows).
// A card is a manager × scoring period. Its states:
//   open → submitted (the manager's 述职: summary, plans) → scored (the first role of the scheme's
//   approval chain enters the manual items and comments) → approving (each later role of the chain
//   approves in turn) → locked (the last approval; the card is frozen as approved)
//   locked → appealed (the manager, within the scheme's appeal days) → scored (accepted: the card
//   reopens) or locked (rejected, with a reason).
// Default chain: supervisor, then branch president (config/schemes/README.md, "review").
import type { Role } from './api.ts';

export const REVIEW_STATES = ['open', 'submitted', 'scored', 'approving', 'locked', 'appealed'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_ACTIONS = ['submit', 'score', 'approve', 'appeal', 'accept_appeal', 'reject_appeal'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
/** Roles that may stand in an approval chain. */
export const CHAIN_ROLES = ['supervisor', 'branch_president', 'head_office'] as const satisfies readonly Role[];
export const DEFAULT_CHAIN: readonly Role[] = ['supervisor', 'branch_president'];

/** Where a card stands: its state and, while approving, how many roles of the chain have signed (scoring is the first). */
export interface CardState {
  state: ReviewState;
  /** Roles of the chain that have signed: 1 after scoring, chain.length once locked. */
  signed: number;
}

export const OPEN: CardState = { state: 'open', signed: 0 };

/** Who asks: their role, and whether the card is their own. */
export interface Actor {
  role: Role;
  own: boolean;
}

export type Verdict = { ok: true; next: CardState } | { ok: false; status: 403 | 409; reason: string };

/** Which role acts next on a card in this state (null: the manager, or nobody). */
export function waitingFor(s: CardState, chain: readonly Role[]): { who: 'manager' | Role; action: ReviewAction } | null {
  switch (s.state) {
    case 'open':
      return { who: 'manager', action: 'submit' };
    case 'submitted':
      return { who: chain[0]!, action: 'score' };
    case 'scored':
    case 'approving':
      return { who: chain[s.signed]!, action: 'approve' };
    case 'appealed':
      return { who: chain.at(-1)!, action: 'accept_appeal' };
    case 'locked':
      return null;
  }
}

/**
 * The state after `action` by `actor`, or why not: 409 when the card's state does not allow the
 * action at all, 403 when it does but not by this caller. `appealOpen`: the appeal window of a
 * locked card has not closed.
 */
export function transition(s: CardState, action: ReviewAction, actor: Actor, chain: readonly Role[], appealOpen = true): Verdict {
  const refuse = (status: 403 | 409, reason: string): Verdict => ({ ok: false, status, reason });
  const needs: Record<ReviewAction, ReviewState[]> = {
    submit: ['open'],
    score: ['submitted'],
    approve: ['scored', 'approving'],
    appeal: ['locked'],
    accept_appeal: ['appealed'],
    reject_appeal: ['appealed'],
  };
  if (!needs[action].includes(s.state)) return refuse(409, `${action}: the card is ${s.state} (${action} needs a card that is ${needs[action].join(' or ')})`);
  const last = chain.length;
  switch (action) {
    case 'submit':
    case 'appeal':
      if (actor.role !== 'manager' || !actor.own) return refuse(403, `only the manager of the card may ${action === 'submit' ? 'submit the self-review' : 'appeal'}`);
      if (action === 'appeal' && !appealOpen) return refuse(409, 'the appeal window of this card has closed');
      return { ok: true, next: action === 'submit' ? { state: 'submitted', signed: 0 } : { state: 'appealed', signed: last } };
    case 'score':
      if (actor.own || actor.role !== chain[0]) return refuse(403, `the card is scored by the ${chain[0]} (the first role of the approval chain), not by the ${actor.own ? 'manager of the card' : actor.role}`);
      return { ok: true, next: last === 1 ? { state: 'locked', signed: 1 } : { state: 'scored', signed: 1 } };
    case 'approve': {
      const role = chain[s.signed]!;
      if (actor.own || actor.role !== role) return refuse(403, `the card waits for the ${role}'s approval (step ${s.signed + 1} of ${last}), not the ${actor.own ? 'manager of the card' : actor.role}'s`);
      const signed = s.signed + 1;
      return { ok: true, next: signed === last ? { state: 'locked', signed } : { state: 'approving', signed } };
    }
    case 'accept_appeal':
    case 'reject_appeal':
      if (actor.own || actor.role !== chain.at(-1)) return refuse(403, `an appeal is decided by the ${chain.at(-1)} (the last role of the approval chain), not the ${actor.own ? 'manager of the card' : actor.role}`);
      // accepted: back to scored (a one-role chain, whose scoring locks, back to submitted)
      if (action === 'reject_appeal') return { ok: true, next: { state: 'locked', signed: last } };
      return { ok: true, next: last === 1 ? { state: 'submitted', signed: 0 } : { state: 'scored', signed: 1 } };
  }
}

/**
 * Whether the card's entries (manual items, bonus and deduction, issue 21) are frozen: from
 * scoring on, the points are what the chain signs; an accepted appeal reopens the card to scored
 * for the approvers, not for entries. The server refuses entries on a frozen card (409) and the
 * page shows why instead of the form.
 */
export function entriesFrozen(state: ReviewState): boolean {
  return state !== 'open' && state !== 'submitted';
}

/** One line of the review file `<db>.reviews.jsonl` (warehouse/reviews.ts), as the API shows it. */
export type ReviewLineKind = 'transition' | 'pool' | 'talk';

export interface ReviewLine {
  seq: number;
  at: string;
  by_user: string;
  by_name: string;
  by_role: string;
  kind: ReviewLineKind;
  /** The card's manager (transition, talk) or the pool's recipient (pool). */
  manager_id: string;
  /** The scoring period (2026-06-ytd). */
  period: string;
  /** pool: the org whose pool is allocated; else null. */
  org_id: string | null;
  action: ReviewAction | null;
  from_state: ReviewState | null;
  to_state: ReviewState | null;
  /** Roles of the approval chain that have signed after this transition. */
  signed: number | null;
  summary: string | null;
  plans: string | null;
  comment: string | null;
  reason: string | null;
  /** The card as approved (the locking line only): { period, card, indicators, items, pay }. */
  snapshot: unknown;
  /** pool: the amount allocated, exact decimal text with two places. */
  amount: string | null;
  talk_date: string | null;
  participants: string | null;
  notes: string | null;
  agreed_actions: string | null;
  batch: string;
}

/** Which texts each action takes: required (true) or optional (false); any other text is refused. */
export const ACTION_TEXTS: Record<ReviewAction, Partial<Record<'summary' | 'plans' | 'comment' | 'reason', boolean>>> = {
  submit: { summary: true, plans: true },
  score: { comment: true },
  approve: { comment: false },
  appeal: { reason: true },
  accept_appeal: { reason: false },
  reject_appeal: { reason: true },
};
