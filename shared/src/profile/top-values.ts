import { KIND, NULL, type TypedColumn } from '../data/typed-column';
import { hash, hashString } from '../hashing/hash64';

/**
 * Frequent values with counts: the Misra-Gries summary with TOP_CAPACITY counters, fed value by value (addHashed)
 * or a batch's exact counts at a time (mergeBatch, the profile's hot path). While a column has at most
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

/** The most values a {@link BatchCounts} counts before it must be merged into a summary. */
export const TOP_BATCH = 2048;
const BATCH_SLOTS = 2 * TOP_BATCH;
/** BatchCounts' tags step past any entry index + 1. */
const TAG_STEP = 4096;

/**
 * The exact counts of one batch of one column's values, keyed by their 64-bit hashes, with the row where each
 * value was first seen (its text is read back from the row only if it is kept: no string is copied or even
 * referenced per value). {@link TopValues.mergeBatch} merges them into a summary and empties the table.
 *
 * Why count a batch first: one value at a time, a column of mostly distinct values (ids, emails, timestamps) makes
 * Misra-Gries store (and copy) each new value's text only to drop it with the next 1,000; the merge of a batch's
 * exact counts into the summary is the same summary's merge (Agarwal et al.) and keeps its bound, and past
 * capacity the values counted once per batch are dropped by hash, unread. There is one table for all columns,
 * shared: a column's batch is counted and merged before the next column's begins.
 */
export class BatchCounts {
  /** Distinct values counted since the last merge (entries 0 … size − 1, in the order first seen). */
  size = 0;
  /**
   * Entry i is entries[4i … 4i + 3]: its hash's high and low halves (unsigned), its count and the row where it
   * was first seen. One array, not four: the hot loop checks and addresses one typed array rather than four, and
   * an entry's hash and count share a cache line. Read (never written) by the merge and the distinct sketch.
   */
  readonly entries = new Uint32Array(4 * TOP_BATCH);
  /**
   * The hash table, one int32 a slot: the run's tag plus the index + 1 of the entry in the slot (whose hash is
   * compared). A slot is taken only if its tag is the current run's, so emptying the table is a new tag, not a
   * pass over it; and the table is 16 KB, small enough to stay in cache.
   */
  private readonly table = new Int32Array(BATCH_SLOTS);
  private tag = TAG_STEP;

  /**
   * Counts the non-null values [start … end) of `column` by their hashes, each new one under its row (at most
   * TOP_BATCH values between merges). The profile's hottest loop: the whole run in one call, with the table, the
   * entries, the tag and the size in locals (registers), not a call and a reload of the fields per value.
   * `hasNulls` false (the caller knows from its count) skips the kind test.
   */
  addRun(column: TypedColumn, start: number, end: number, hasNulls: boolean): void {
    const { highs: valueHighs, lows: valueLows, kinds } = column;
    const { table, entries, tag } = this;
    // Module constants in locals: bundled (esbuild makes them `var`s), each use in the loop would be a load and a check.
    const mask = BATCH_SLOTS - 1;
    const kindMask = KIND;
    const nullKind = NULL;
    let size = this.size;
    values: for (let i = start; i < end; i++) {
      if (hasNulls && ((kinds[i] as number) & kindMask) === nullKind) continue;
      const high = valueHighs[i] as number;
      const low = valueLows[i] as number;
      let slot = (low ^ (high >>> 11)) & mask;
      for (;;) {
        // The slot's entry, if its tag is this run's: marks of earlier runs (or 0) give a negative number here.
        const entry = (table[slot] as number) - tag - 1;
        if (entry >= size || entry < 0) break;
        const at = entry << 2;
        if (entries[at + 1] === low && entries[at] === high) {
          entries[at + 2]! += 1;
          continue values;
        }
        slot = (slot + 1) & mask;
      }
      table[slot] = tag + size + 1;
      const at = size << 2;
      entries[at] = high;
      entries[at + 1] = low;
      entries[at + 2] = 1;
      entries[at + 3] = i;
      size++;
    }
    this.size = size;
  }

  clear(): void {
    this.size = 0;
    this.tag += TAG_STEP;
    // Tags run up in steps of TAG_STEP; before they overflow an int32, wipe the table and start again.
    if (this.tag > 0x7fffffff - TAG_STEP) {
      this.table.fill(0);
      this.tag = TAG_STEP;
    }
  }
}

/** The one batch table (see {@link BatchCounts}). */
export const batchCounts = new BatchCounts();

const thresholdHistogram = new Float64Array(64);
/** Scratch for TopValues.mergeBatch: the batch's values the summary does not hold. */
const novelScratch = new Int32Array(TOP_BATCH);

/**
 * The counters live in an open-addressing table keyed by the value's 64-bit hash (the one the distinct sketch
 * computes anyway), so the hot path does no string hashing, no Map churn and no allocation but for a kept value's
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
    const slot = this.find(high, low);
    if (slot >= 0) this.counts[slot]! += 1;
    else if (this.size < this.capacity) this.insert(key, high, low, 1);
    // Full: the new value and every counter lose one.
    else this.subtract(1);
  }

  /**
   * Merges the batch's counts (see {@link BatchCounts}) and empties it; `keyOf(row)` gives the text of the value
   * first seen at `row`, read only for values the summary keeps. While the summary and the batch hold at most
   * `capacity` distinct values together, every count stays exact (as value by value); past it, the
   * (capacity + 1)-th largest count is taken from every counter and added to `error`: Misra-Gries' merge, whose
   * bound holds for any split of the stream into batches.
   */
  mergeBatch(batch: BatchCounts, keyOf: (row: number) => string): void {
    const entries = batch.entries;
    const novel = novelScratch;
    let fresh = 0;
    for (let i = 0; i < batch.size; i++) {
      const slot = this.find(entries[4 * i] as number, entries[4 * i + 1] as number);
      if (slot >= 0) this.counts[slot]! += entries[4 * i + 2] as number;
      else novel[fresh++] = i;
    }
    let threshold = 0;
    if (this.size + fresh > this.capacity) {
      threshold = this.threshold(entries, fresh);
      this.subtract(threshold);
    }
    for (let k = 0; k < fresh; k++) {
      const i = novel[k] as number;
      const count = (entries[4 * i + 2] as number) - threshold;
      if (count > 0) this.insert(keyOf(entries[4 * i + 3] as number), entries[4 * i] as number, entries[4 * i + 1] as number, count);
    }
    batch.clear();
  }

  /** The slot holding the hash (high, low), or -1. */
  private find(high: number, low: number): number {
    // The arrays in locals: read once a call, not once a probe.
    const { counts, high: highs, low: lows } = this;
    const mask = this.slots - 1;
    let slot = (low ^ (high >>> 11)) & mask;
    while (counts[slot] !== 0) {
      if (lows[slot] === low && highs[slot] === high) return slot;
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** Adds a value the table does not hold, with `count`; the caller keeps the size within capacity. */
  private insert(key: string, high: number, low: number, count: number): void {
    if (2 * (this.size + 1) > this.slots && this.slots < MAX_SLOTS) this.resize(this.slots * 2);
    const counts = this.counts;
    const mask = this.slots - 1;
    let slot = (low ^ (high >>> 11)) & mask;
    while (counts[slot] !== 0) slot = (slot + 1) & mask;
    counts[slot] = count;
    this.high[slot] = high;
    this.low[slot] = low;
    this.keys[slot] = ownString(key);
    this.size++;
  }

  /**
   * The (capacity + 1)-th largest of the summary's counts and the batch's `fresh` new ones (novelScratch[0 … fresh)).
   * Counts are integers and the threshold is small unless the column is heavily skewed, so a histogram of the
   * counts under 64 finds it in one pass; a sort only when 64 or more counts reach 64.
   */
  private threshold(entries: Uint32Array, fresh: number): number {
    const rank = this.capacity + 1;
    const histogram = thresholdHistogram.fill(0);
    let large = 0;
    let integral = true;
    const tally = (count: number): void => {
      if (count < 64) histogram[count]! += 1;
      else large++;
      if (count !== Math.floor(count)) integral = false;
    };
    const counts = this.counts;
    for (let slot = 0; slot < this.slots; slot++) if ((counts[slot] as number) !== 0) tally(counts[slot] as number);
    // The batch's counts are integers, most often 1 (values seen once in the run): those are counted in a register,
    // not one by one in the histogram (whose increments of one cell would each wait for the last).
    let ones = 0;
    for (let k = 0; k < fresh; k++) {
      const count = entries[4 * (novelScratch[k] as number) + 2] as number;
      if (count === 1) ones++;
      else tally(count);
    }
    histogram[1]! += ones;
    if (large < rank && integral) {
      let atLeast = large;
      for (let count = 63; count >= 1; count--) {
        atLeast += histogram[count] as number;
        if (atLeast >= rank) return count;
      }
    }
    const all: number[] = [];
    for (let slot = 0; slot < this.slots; slot++) if ((counts[slot] as number) !== 0) all.push(counts[slot] as number);
    for (let k = 0; k < fresh; k++) all.push(entries[4 * (novelScratch[k] as number) + 2] as number);
    return all.sort((a, b) => b - a)[this.capacity] as number;
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
