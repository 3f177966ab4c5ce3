// A map that keeps its most recently used entries within two bounds: how many, and how much in all
// (each value weighed by the caller: the rows of a query result, the characters of an answer).
// Used by the pool's result cache (warehouse/queries/reader.ts) and the API's answer cache
// (api/answers.ts). Map order is recency: the first entry is the one to drop next.
export class BoundedLru<V> {
  private readonly kept = new Map<string, V>();
  private total = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
    /** A value weighing more is not kept (so one never crowds out the rest); default maxWeight. */
    readonly maxEntryWeight = maxWeight,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`entries: ${maxEntries} is not a whole number ≥ 1`);
    if (!Number.isInteger(maxWeight) || maxWeight < 1) throw new Error(`weight: ${maxWeight} is not a whole number ≥ 1`);
  }

  /** The value, now the most recently used; undefined when not kept. */
  get(key: string): V | undefined {
    const value = this.kept.get(key);
    if (value === undefined) return undefined;
    this.kept.delete(key);
    this.kept.set(key, value);
    return value;
  }

  /** Keeps the value as the most recently used, dropping the least recently used beyond the bounds. */
  set(key: string, value: V): void {
    const w = this.weigh(value);
    if (w > this.maxEntryWeight) return;
    const old = this.kept.get(key);
    if (old !== undefined) this.total -= this.weigh(old);
    this.kept.delete(key);
    this.kept.set(key, value);
    this.total += w;
    for (const [k, v] of this.kept) {
      if (this.kept.size <= this.maxEntries && this.total <= this.maxWeight) break;
      this.kept.delete(k);
      this.total -= this.weigh(v);
    }
  }

  get size(): number {
    return this.kept.size;
  }

  get weight(): number {
    return this.total;
  }
}
