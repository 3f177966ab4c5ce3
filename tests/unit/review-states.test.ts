// The review cycle's state machine (contract/review.ts, issue 22): every state × action × caller,
// with the default chain (supervisor scores, branch president approves and so locks) and a chain
// of three (supervisor, branch president, head office) for the intermediate 'approving' state.
// The legal moves are listed here by hand; everything else is refused: 409 when the card's state
// does not allow the action at all, 403 when it does but not by this caller.
import { describe, expect, it } from 'vitest';
import { REVIEW_ACTIONS, REVIEW_STATES, transition, waitingFor, type Actor, type CardState, type ReviewAction, type ReviewState } from '../../contract/review.ts';
import type { Role } from '../../contract/api.ts';

const callers: Record<string, Actor> = {
  own_manager: { role: 'manager', own: true },
  other_manager: { role: 'manager', own: false },
  supervisor: { role: 'supervisor', own: false },
  branch_president: { role: 'branch_president', own: false },
  head_office: { role: 'head_office', own: false },
  risk_officer: { role: 'risk_officer', own: false },
  admin: { role: 'admin', own: false },
};

/** Which actions each state admits at all (else 409). */
const admits: Record<ReviewState, ReviewAction[]> = {
  open: ['submit'],
  submitted: ['score'],
  scored: ['approve'],
  approving: ['approve'],
  locked: ['appeal'],
  appealed: ['accept_appeal', 'reject_appeal'],
};

function cases(chain: Role[], states: CardState[], legal: [ReviewState, number, ReviewAction, string, CardState][]) {
  for (const s of states) {
    for (const action of REVIEW_ACTIONS) {
      for (const [name, actor] of Object.entries(callers)) {
        const move = legal.find(([st, signed, a, who]) => st === s.state && signed === s.signed && a === action && who === name);
        const expected = move ? { ok: true, next: move[4] } : admits[s.state].includes(action) ? { status: 403 } : { status: 409 };
        it(`${s.state}${s.signed ? `/${s.signed}` : ''} × ${action} × ${name} → ${move ? `${move[4].state}/${move[4].signed}` : expected.status}`, () => {
          const got = transition(s, action, actor, chain, true);
          if (move) expect(got).toEqual(expected);
          else expect(got).toMatchObject({ ok: false, ...expected });
        });
      }
    }
  }
}

describe('default chain: supervisor, branch president', () => {
  const chain: Role[] = ['supervisor', 'branch_president'];
  cases(
    chain,
    [{ state: 'open', signed: 0 }, { state: 'submitted', signed: 0 }, { state: 'scored', signed: 1 }, { state: 'locked', signed: 2 }, { state: 'appealed', signed: 2 }],
    [
      ['open', 0, 'submit', 'own_manager', { state: 'submitted', signed: 0 }],
      ['submitted', 0, 'score', 'supervisor', { state: 'scored', signed: 1 }],
      ['scored', 1, 'approve', 'branch_president', { state: 'locked', signed: 2 }],
      ['locked', 2, 'appeal', 'own_manager', { state: 'appealed', signed: 2 }],
      ['appealed', 2, 'accept_appeal', 'branch_president', { state: 'scored', signed: 1 }],
      ['appealed', 2, 'reject_appeal', 'branch_president', { state: 'locked', signed: 2 }],
    ],
  );

  it('says who the card waits for in each state', () => {
    // ('approving' does not occur on a chain of two: the second signature locks)
    const reached = REVIEW_STATES.filter((s) => s !== 'approving');
    expect(reached.map((state) => waitingFor({ state, signed: state === 'scored' ? 1 : state === 'locked' || state === 'appealed' ? 2 : 0 }, chain))).toEqual([
      { who: 'manager', action: 'submit' },
      { who: 'supervisor', action: 'score' },
      { who: 'branch_president', action: 'approve' },
      null,
      { who: 'branch_president', action: 'accept_appeal' },
    ]);
  });

  it('refuses an appeal once the window has closed (409), whoever asks first', () => {
    expect(transition({ state: 'locked', signed: 2 }, 'appeal', callers.own_manager!, chain, false)).toMatchObject({ ok: false, status: 409 });
  });
});

describe('a chain of three: supervisor, branch president, head office', () => {
  cases(
    ['supervisor', 'branch_president', 'head_office'],
    [{ state: 'scored', signed: 1 }, { state: 'approving', signed: 2 }, { state: 'appealed', signed: 3 }],
    [
      ['scored', 1, 'approve', 'branch_president', { state: 'approving', signed: 2 }],
      ['approving', 2, 'approve', 'head_office', { state: 'locked', signed: 3 }],
      ['appealed', 3, 'accept_appeal', 'head_office', { state: 'scored', signed: 1 }],
      ['appealed', 3, 'reject_appeal', 'head_office', { state: 'locked', signed: 3 }],
    ],
  );
});

describe('a chain of one: the scoring locks', () => {
  it('supervisor scores → locked; an accepted appeal goes back to submitted', () => {
    expect(transition({ state: 'submitted', signed: 0 }, 'score', callers.supervisor!, ['supervisor'])).toEqual({ ok: true, next: { state: 'locked', signed: 1 } });
    expect(transition({ state: 'appealed', signed: 1 }, 'accept_appeal', callers.supervisor!, ['supervisor'])).toEqual({ ok: true, next: { state: 'submitted', signed: 0 } });
  });
});
