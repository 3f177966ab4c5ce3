// The quarterly review cycle (issue 22) in the server's own store: `<db>.reviews.jsonl` (0600,
// beside the entries file; api/README.md "The server's own store"), one JSON line per event, never
// rewritten, appended like the entries (warehouse/append-log.ts). Three kinds of line:
//   transition: a card (manager × scoring period) moves (submit, score, approve, appeal, …), with
//     its texts (述职 summary and plans, a comment, a reason); the line that locks a card carries
//     the card as approved (`snapshot`), which is what the card shows while it stays locked;
//   pool: the department head's allocation of an org's public pool (公共绩效池) to a manager (the
//     last line per org × period × recipient is in force; amount 0 withdraws it);
//   talk: the record of the quarterly performance talk (绩效谈话) of a card.
// A card's state is the to_state of its last transition line (open while it has none). SQL reads
// the file with declared columns (sql/live/reviews_live.sql): the payable pay and the pool sums.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { appendLines, ensureLogFile } from './append-log.ts';
import { OPEN, type CardState, type ReviewAction, type ReviewState } from '../contract/review.ts';

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

export type NewReviewLine = Omit<ReviewLine, 'seq' | 'at' | 'batch'>;

/** A line's fields a kind does not use, all null. */
export const blankLine = {
  org_id: null, action: null, from_state: null, to_state: null, signed: null, summary: null, plans: null, comment: null,
  reason: null, snapshot: null, amount: null, talk_date: null, participants: null, notes: null, agreed_actions: null,
} as const;

export function reviewsPathFor(dbPath: string): string {
  if (dbPath === ':memory:') throw new Error('an in-memory warehouse has no reviews file; give --db FILE');
  return dbPath.replace(/\.duckdb$/i, '') + '.reviews.jsonl';
}

/** The last element satisfying `ok` (Array.prototype.findLast is past this project's ES2022 lib). */
function lastOf<T>(xs: T[], ok: (x: T) => boolean): T | undefined {
  for (let k = xs.length - 1; k >= 0; k--) if (ok(xs[k]!)) return xs[k];
  return undefined;
}

const cardKey = (managerId: string, period: string) => `${managerId}\u0000${period}`;

export class ReviewStore {
  private index: { size: number; cards: Map<string, ReviewLine[]>; pools: ReviewLine[] } | undefined;

  constructor(readonly path: string) {
    if (!existsSync(path)) ensureLogFile(path);
  }

  private read() {
    const size = this.generation();
    if (this.index?.size === size) return this.index;
    const cards = new Map<string, ReviewLine[]>();
    const pools: ReviewLine[] = [];
    readFileSync(this.path, 'utf8').split('\n').forEach((text, k) => {
      if (!text.trim()) return;
      let line: ReviewLine;
      try {
        line = JSON.parse(text) as ReviewLine;
      } catch {
        throw new Error(`${this.path}: line ${k + 1} is not JSON`);
      }
      if (line.kind === 'pool') pools.push(line);
      else {
        const key = cardKey(line.manager_id, line.period);
        cards.set(key, [...(cards.get(key) ?? []), line]);
      }
    });
    this.index = { size, cards, pools };
    return this.index;
  }

  /** Every line about the card (transitions and talks), oldest first. */
  linesOf(managerId: string, period: string): ReviewLine[] {
    return this.read().cards.get(cardKey(managerId, period)) ?? [];
  }

  /** Where the card stands: the state after its last transition (open when none). */
  stateOf(managerId: string, period: string): CardState {
    const last = lastOf(this.linesOf(managerId, period), (l) => l.kind === 'transition');
    return last ? { state: last.to_state!, signed: last.signed! } : OPEN;
  }

  /** The line that locked the card, while it is locked (or appealed); else undefined. */
  lockOf(managerId: string, period: string): ReviewLine | undefined {
    const { state } = this.stateOf(managerId, period);
    if (state !== 'locked' && state !== 'appealed') return undefined;
    return lastOf(this.linesOf(managerId, period), (l) => l.kind === 'transition' && l.snapshot !== null);
  }

  /** Cards with at least one transition, with their state: the review queue. */
  cards(): { manager_id: string; period: string; state: CardState }[] {
    return [...this.read().cards.values()].flatMap((lines) => {
      const last = lastOf(lines, (l) => l.kind === 'transition');
      return last ? [{ manager_id: last.manager_id, period: last.period, state: { state: last.to_state!, signed: last.signed! } }] : [];
    });
  }

  /** The pool allocation lines of an org and period, oldest first. */
  poolLines(orgId: string, period: string): ReviewLine[] {
    return this.read().pools.filter((l) => l.org_id === orgId && l.period === period);
  }

  /** Changes whenever a line is added. */
  generation(): number {
    return statSync(this.path).size;
  }

  append(at: Date, batch: string, prepare: () => NewReviewLine[]): ReviewLine[] {
    return appendLines(this.path, at, batch, prepare);
  }
}
