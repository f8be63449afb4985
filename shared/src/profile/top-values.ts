import { hash, hashString } from '../hashing/hash64';

/**
 * Frequent values with counts: the Misra-Gries summary with TOP_CAPACITY counters. While a column has at most
 * that many distinct values no counter is ever decremented and the counts are exact. Beyond, each estimate f̂ of a
 * value with true count f satisfies f − error ≤ f̂ ≤ f, where `error` (kept in the summary) is at most
 * (n − Σ f̂) / (capacity + 1) ≤ n / (capacity + 1). Merging (Agarwal et al., "Mergeable Summaries", 2012) adds
 * the counters and, past the capacity, subtracts the (capacity + 1)-th largest count from all: the same bound
 * holds for the merged stream, in any grouping.
 */
export const TOP_CAPACITY = 1000;

export interface TopValuesJson {
  capacity: number;
  /** Largest undercount of any value's count (0: every count is exact). */
  error: number;
  /** [value, count], by count descending, then value. */
  items: Array<[string, number]>;
}

/** A copy of `text` that does not keep a larger string alive (V8 shares the parent of a slice of 13+ chars). */
function ownString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

const MAX_SLOTS = 2048;
const FIRST_SLOTS = 32;

/**
 * The counters live in an open-addressing table keyed by the value's 64-bit hash (the one the distinct sketch
 * computes anyway), so the hot path does no string hashing, no Map churn and no allocation but for a new value's
 * text. Two different values with the same 64-bit hash would share a counter (probability about n² / 2^65).
 */
export class TopValues {
  error = 0;
  private size = 0;
  // The table starts small (a wide dataset has many columns) and doubles while under half full, up to MAX_SLOTS.
  private slots = FIRST_SLOTS;
  private high = new Uint32Array(FIRST_SLOTS);
  private low = new Uint32Array(FIRST_SLOTS);
  private counts = new Float64Array(FIRST_SLOTS);
  private keys: Array<string | undefined> = new Array<string | undefined>(FIRST_SLOTS).fill(undefined);
  // The other half of a double buffer that a purge rebuilds the table into (made at the first purge).
  private spareHigh = new Uint32Array(0);
  private spareLow = new Uint32Array(0);
  private spareCounts = new Float64Array(0);
  private spareKeys: Array<string | undefined> = [];

  constructor(readonly capacity: number = TOP_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_SLOTS / 2) throw new Error(`top values need a capacity from 1 to ${MAX_SLOTS / 2}, not ${capacity}`);
  }

  /** Counts `key`, whose 64-bit hash (hashString) is (high, low). */
  addHashed(key: string, high: number, low: number): void {
    const counts = this.counts;
    const highs = this.high;
    const lows = this.low;
    const mask = this.slots - 1;
    let slot = (low ^ (high >>> 11)) & mask;
    while (counts[slot] !== 0) {
      if (lows[slot] === low && highs[slot] === high) {
        counts[slot]! += 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size < this.capacity) {
      if (2 * (this.size + 1) > this.slots && this.slots < MAX_SLOTS) {
        this.resize(this.slots * 2);
        this.addHashed(key, high, low);
        return;
      }
      counts[slot] = 1;
      highs[slot] = high;
      lows[slot] = low;
      this.keys[slot] = ownString(key);
      this.size++;
      return;
    }
    // Full: the new value and every counter lose one.
    this.subtract(1);
  }

  add(key: string): void {
    hashString(key);
    this.addHashed(key, hash.high, hash.low);
  }

  merge(other: TopValues): this {
    if (other.capacity !== this.capacity) throw new Error(`cannot merge top-value summaries of capacity ${this.capacity} and ${other.capacity}`);
    const combined = new Map<string, number>(this.entries());
    for (const [key, count] of other.entries()) combined.set(key, (combined.get(key) ?? 0) + count);
    let error = this.error + other.error;
    let kept = [...combined];
    if (kept.length > this.capacity) {
      const threshold = kept.map(([, count]) => count).sort((a, b) => b - a)[this.capacity] as number;
      kept = kept.filter(([, count]) => count > threshold).map(([key, count]) => [key, count - threshold]);
      error += threshold;
    }
    this.load(kept);
    this.error = error;
    return this;
  }

  /** Whether every count is exact. */
  get exact(): boolean {
    return this.error === 0;
  }

  /** Values tracked. */
  get tracked(): number {
    return this.size;
  }

  /** The tracked values with their (under)estimated counts, by count descending, then value. */
  items(): Array<[string, number]> {
    return [...this.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  toJSON(): TopValuesJson {
    return { capacity: this.capacity, error: this.error, items: this.items() };
  }

  static fromJSON(json: TopValuesJson): TopValues {
    const top = new TopValues(json.capacity);
    if (json.items.length > json.capacity) throw new Error(`the top values hold ${json.items.length} items, more than their capacity ${json.capacity}`);
    top.load(json.items);
    top.error = json.error;
    return top;
  }

  private *entries(): Generator<[string, number]> {
    for (let slot = 0; slot < this.slots; slot++) if (this.counts[slot] !== 0) yield [this.keys[slot] as string, this.counts[slot] as number];
  }

  private load(items: ReadonlyArray<readonly [string, number]>): void {
    let slots = FIRST_SLOTS;
    while (2 * items.length > slots && slots < MAX_SLOTS) slots *= 2;
    this.allocate(slots);
    this.size = 0;
    const mask = slots - 1;
    for (const [key, count] of items) {
      if (!(count > 0)) throw new Error(`the top values count ${JSON.stringify(key)} ${count} times`);
      hashString(key);
      let slot = (hash.low ^ (hash.high >>> 11)) & mask;
      while (this.counts[slot] !== 0) {
        if (this.keys[slot] === key) throw new Error(`the top values list ${JSON.stringify(key)} twice`);
        slot = (slot + 1) & mask;
      }
      this.counts[slot] = count;
      this.high[slot] = hash.high;
      this.low[slot] = hash.low;
      this.keys[slot] = key;
      this.size++;
    }
  }

  private allocate(slots: number): void {
    this.slots = slots;
    this.high = new Uint32Array(slots);
    this.low = new Uint32Array(slots);
    this.counts = new Float64Array(slots);
    this.keys = new Array<string | undefined>(slots).fill(undefined);
    this.spareHigh = new Uint32Array(0);
    this.spareLow = new Uint32Array(0);
    this.spareCounts = new Float64Array(0);
    this.spareKeys = [];
  }

  /** Moves the counters into a table of `slots` slots, by the hashes they were stored under. */
  private resize(slots: number): void {
    const { high, low, counts, keys } = this;
    const previous = this.slots;
    this.allocate(slots);
    const mask = slots - 1;
    for (let slot = 0; slot < previous; slot++) {
      if (counts[slot] === 0) continue;
      const h = high[slot] as number;
      const l = low[slot] as number;
      let target = (l ^ (h >>> 11)) & mask;
      while (this.counts[target] !== 0) target = (target + 1) & mask;
      this.counts[target] = counts[slot] as number;
      this.high[target] = h;
      this.low[target] = l;
      this.keys[target] = keys[slot];
    }
  }

  /** Subtracts `amount` from every counter and rebuilds the table from the ones left positive. */
  private subtract(amount: number): void {
    this.error += amount;
    if (this.spareCounts.length !== this.slots) {
      this.spareHigh = new Uint32Array(this.slots);
      this.spareLow = new Uint32Array(this.slots);
      this.spareCounts = new Float64Array(this.slots);
      this.spareKeys = new Array<string | undefined>(this.slots).fill(undefined);
    }
    const { high, low, counts, keys, spareHigh, spareLow, spareCounts, spareKeys } = this;
    const mask = this.slots - 1;
    spareCounts.fill(0);
    let size = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      const left = (counts[slot] as number) - amount;
      if (left > 0) {
        const h = high[slot] as number;
        const l = low[slot] as number;
        let target = (l ^ (h >>> 11)) & mask;
        while (spareCounts[target] !== 0) target = (target + 1) & mask;
        spareCounts[target] = left;
        spareHigh[target] = h;
        spareLow[target] = l;
        spareKeys[target] = keys[slot];
        size++;
      }
      keys[slot] = undefined;
    }
    this.high = spareHigh;
    this.low = spareLow;
    this.counts = spareCounts;
    this.keys = spareKeys;
    this.spareHigh = high;
    this.spareLow = low;
    this.spareCounts = counts;
    this.spareKeys = keys;
    this.size = size;
  }
}
