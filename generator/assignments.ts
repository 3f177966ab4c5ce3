// Who looks after which client, and when. Rows are appended as the timeline is played (initial
// portfolios, then reassignments and leavers' hand-overs in date order) and indexed by client.
// A row that ends gets valid_to = the day before its successor's valid_from, so intervals
// (inclusive at both ends) never overlap and the shares of a client sum to 1 on every day.
import { NEVER } from './calendar.ts';

export class Assignments {
  client: number[] = [];
  manager: number[] = [];
  /** Share in thousandths (1000 = 1). */
  share: number[] = [];
  from: number[] = [];
  to: number[] = [];
  private start = new Int32Array(0);
  private order = new Int32Array(0);

  add(client: number, manager: number, share: number, from: number): number {
    this.client.push(client);
    this.manager.push(manager);
    this.share.push(share);
    this.from.push(from);
    this.to.push(NEVER);
    return this.client.length - 1;
  }

  get size(): number {
    return this.client.length;
  }

  /** Builds the by-client index (call once all rows are in). */
  index(clients: number): void {
    const start = new Int32Array(clients + 1);
    for (const c of this.client) start[c + 1]!++;
    for (let i = 0; i < clients; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, clients);
    const order = new Int32Array(this.client.length);
    for (let r = 0; r < this.client.length; r++) order[fill[this.client[r]!]!++] = r;
    this.start = start;
    this.order = order;
  }

  /** The manager with the largest share on `day` (−1 when nobody looks after the client). */
  primaryAt(client: number, day: number): number {
    let best = -1;
    let bestShare = 0;
    for (let k = this.start[client]!; k < this.start[client + 1]!; k++) {
      const r = this.order[k]!;
      if (this.from[r]! <= day && day <= this.to[r]! && this.share[r]! > bestShare) {
        best = this.manager[r]!;
        bestShare = this.share[r]!;
      }
    }
    return best;
  }

  /** Whether `manager` holds a share of the client on `day`. */
  holds(client: number, manager: number, day: number): boolean {
    for (let k = this.start[client]!; k < this.start[client + 1]!; k++) {
      const r = this.order[k]!;
      if (this.manager[r] === manager && this.from[r]! <= day && day <= this.to[r]!) return true;
    }
    return false;
  }

  /** Row indexes of one client, in the order they were added. */
  rowsOf(client: number): number[] {
    const out: number[] = [];
    for (let k = this.start[client]!; k < this.start[client + 1]!; k++) out.push(this.order[k]!);
    return out.sort((a, b) => a - b);
  }
}
