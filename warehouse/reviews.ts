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
import { existsSync, statSync } from 'node:fs';
import { appendLines, ensureLogFile, readLines } from './append-log.ts';
import { OPEN, type CardState, type ReviewLine } from '../contract/review.ts';

export type { ReviewLine };

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
  /** The file as last read: its size and each card's lines (the pool's lines are read by SQL only). */
  private index: { size: number; cards: Map<string, ReviewLine[]> } | undefined;

  constructor(readonly path: string) {
    if (!existsSync(path)) ensureLogFile(path);
  }

  private read() {
    const size = this.generation();
    if (this.index?.size === size) return this.index;
    const cards = new Map<string, ReviewLine[]>();
    for (const line of readLines<ReviewLine>(this.path)) {
      if (line.kind === 'pool') continue;
      const key = cardKey(line.manager_id, line.period);
      cards.set(key, [...(cards.get(key) ?? []), line]);
    }
    this.index = { size, cards };
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

  /** Changes whenever a line is added. */
  generation(): number {
    return statSync(this.path).size;
  }

  append(at: Date, batch: string, prepare: () => NewReviewLine[]): ReviewLine[] {
    return appendLines(this.path, at, batch, prepare);
  }
}
