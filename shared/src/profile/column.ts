import { BOOLEAN, DECIMAL, INTEGER, KIND, NULL, TIMESTAMP, type TypedColumn, typedColumnOf } from '../data/typed-column';
import type { Value } from '../data/types';
import { DistinctSketch, type DistinctSketchJson } from './distinct';
import { NumericSummary, type NumericSummaryJson, type TimestampSummaryJson } from './summary';
import { batchCounts, TOP_BATCH, TopValues, type TopValuesJson } from './top-values';

export type ColumnType = 'integer' | 'number' | 'boolean' | 'timestamp' | 'string';

/** How many non-null values read as each kind. The column's type is a function of these counts alone. */
export interface KindCounts {
  /** Integral numbers written without a decimal point or exponent (JSON numbers that are integers). */
  integer: number;
  /** Other finite numbers. */
  decimal: number;
  /** true / false, in any letter case. */
  boolean: number;
  /** ISO 8601 dates and timestamps. */
  timestamp: number;
  /** Anything else. */
  text: number;
}

/**
 * The share of non-null values that may fail to fit a type and still leave the column that type (they are
 * counted as `invalid`): a few `N/A` in a numeric column keep it numeric. Past it, the column is a string.
 */
export const INVALID_TOLERANCE = 0.01;

/**
 * The type of a column from its kind counts. Without stray values this is the join in the lattice
 * integer ⊑ number ⊑ string, boolean ⊑ string, timestamp ⊑ string (no values at all: string). The first of
 * integer (no decimals at all), number, boolean, timestamp that fits all but INVALID_TOLERANCE of the non-null
 * values wins; the rest of them are that type's `invalid` count. As counts add up exactly across shards, the type
 * of merged profiles is the type of the whole, whatever the grouping.
 */
export function inferType(kinds: KindCounts): { type: ColumnType; invalid: number } {
  const total = kinds.integer + kinds.decimal + kinds.boolean + kinds.timestamp + kinds.text;
  const allowed = INVALID_TOLERANCE * total;
  const numbers = kinds.integer + kinds.decimal;
  if (total > 0) {
    if (kinds.decimal === 0 && total - kinds.integer <= allowed) return { type: 'integer', invalid: total - kinds.integer };
    if (total - numbers <= allowed) return { type: 'number', invalid: total - numbers };
    if (total - kinds.boolean <= allowed) return { type: 'boolean', invalid: total - kinds.boolean };
    if (total - kinds.timestamp <= allowed) return { type: 'timestamp', invalid: total - kinds.timestamp };
  }
  return { type: 'string', invalid: 0 };
}

export interface ProfileColumn {
  name: string;
  type: ColumnType;
  /** Rows that had this column (nulls included). */
  count: number;
  nulls: number;
  /** Non-null values that do not fit `type` (0 for string). */
  invalid: number;
  kinds: KindCounts;
  /** Length in UTF-16 code units of the non-null values as text; null when there are none. */
  length: { min: number; max: number } | null;
  /** The values that read as numbers (whatever the type); null when there are none. */
  numeric: NumericSummaryJson | null;
  /** The values that read as ISO 8601 timestamps, in epoch milliseconds; null when there are none. */
  timestamps: TimestampSummaryJson | null;
  distinct: { estimate: number; exact: boolean; sketch: DistinctSketchJson };
  top: TopValuesJson;
}

/** Scratch for one run's numbers and timestamps (shared: one column's run is added before the next begins). */
const numberScratch = new Float64Array(TOP_BATCH);
const stampScratch = new Float64Array(TOP_BATCH);

/** Everything the profile keeps of one column while reading, and the merge of two of them. */
export class ColumnAccumulator {
  count = 0;
  nulls = 0;
  integer = 0;
  decimal = 0;
  boolean = 0;
  timestamp = 0;
  text = 0;
  minLength = Infinity;
  maxLength = -Infinity;
  numeric: NumericSummary | null = null;
  timestamps: NumericSummary | null = null;
  distinct = new DistinctSketch();
  top = new TopValues();

  constructor(
    readonly name: string,
    private readonly edges: Float64Array | null = null,
  ) {}

  /** Adds a batch's values of this column, in order. */
  addColumn(column: TypedColumn): void {
    for (let start = 0; start < column.size; start += TOP_BATCH) this.addRun(column, start, Math.min(column.size, start + TOP_BATCH));
  }

  /** Adds `count` nulls (rows that lacked the column). */
  addNulls(count: number): void {
    this.count += count;
    this.nulls += count;
  }

  /** Adds one value (for callers with values one at a time; batches go through addColumn). */
  add(value: Value): void {
    this.addColumn(typedColumnOf([[value]], 0));
  }

  /**
   * Adds values [start … end) (at most TOP_BATCH). The hot loop: each value was classified, read and hashed once
   * by the reader (TypedColumn); here its kind is counted, its hash goes to the batch's exact counts, and numbers
   * and timestamps to scratch arrays. The distinct sketch then takes the run's distinct hashes, the summaries its
   * numbers in bulk (moments by two passes, the quantile sketch by block copies) and the top values merge the
   * run's counts. Nothing is allocated per value, and no value's text is made unless the top values keep it.
   */
  private addRun(column: TypedColumn, start: number, end: number): void {
    const { kinds, numbers: values, lengths } = column;
    const distinct = this.distinct;
    const counts = batchCounts;
    let numbers = 0;
    let stamps = 0;
    let nulls = 0;
    let integer = 0;
    let decimal = 0;
    let boolean = 0;
    let timestamp = 0;
    let text = 0;
    let minLength = this.minLength;
    let maxLength = this.maxLength;
    // The kinds, lengths and numbers here; the hashes in a second pass, BatchCounts.addRun (one fused loop measured
    // no faster, and the table's probe stays in BatchCounts).
    for (let i = start; i < end; i++) {
      const kind = (kinds[i] as number) & KIND;
      if (kind === NULL) {
        nulls++;
        continue;
      }
      if (kind === INTEGER) {
        integer++;
        numberScratch[numbers++] = values[i] as number;
      } else if (kind === DECIMAL) {
        decimal++;
        numberScratch[numbers++] = values[i] as number;
      } else if (kind === TIMESTAMP) {
        timestamp++;
        stampScratch[stamps++] = values[i] as number;
      } else if (kind === BOOLEAN) {
        boolean++;
      } else {
        text++;
      }
      const length = lengths[i] as number;
      if (length < minLength) minLength = length;
      if (length > maxLength) maxLength = length;
    }
    counts.addRun(column, start, end, nulls > 0);
    // The distinct sketch is a set (or register-wise maxima): fed each of the run's distinct values once, it ends
    // the same as fed every value, for far fewer probes.
    const entries = counts.entries;
    for (let k = 0; k < counts.size; k++) distinct.addHash(entries[4 * k] as number, entries[4 * k + 1] as number);
    this.count += end - start;
    this.nulls += nulls;
    this.integer += integer;
    this.decimal += decimal;
    this.boolean += boolean;
    this.timestamp += timestamp;
    this.text += text;
    this.minLength = minLength;
    this.maxLength = maxLength;
    if (numbers > 0) (this.numeric ??= new NumericSummary(this.edges)).addBatch(numberScratch, numbers);
    if (stamps > 0) (this.timestamps ??= new NumericSummary(this.edges)).addBatch(stampScratch, stamps);
    this.top.mergeBatch(counts, (i) => column.canonicalText(i));
  }

  merge(other: ColumnAccumulator): this {
    this.count += other.count;
    this.nulls += other.nulls;
    this.integer += other.integer;
    this.decimal += other.decimal;
    this.boolean += other.boolean;
    this.timestamp += other.timestamp;
    this.text += other.text;
    if (other.minLength < this.minLength) this.minLength = other.minLength;
    if (other.maxLength > this.maxLength) this.maxLength = other.maxLength;
    this.numeric = mergeSummaries(this.numeric, other.numeric);
    this.timestamps = mergeSummaries(this.timestamps, other.timestamps);
    this.distinct.merge(other.distinct);
    this.top.merge(other.top);
    return this;
  }

  get kinds(): KindCounts {
    return { integer: this.integer, decimal: this.decimal, boolean: this.boolean, timestamp: this.timestamp, text: this.text };
  }

  toJSON(): ProfileColumn {
    const kinds = this.kinds;
    const { type, invalid } = inferType(kinds);
    return {
      name: this.name,
      type,
      count: this.count,
      nulls: this.nulls,
      invalid,
      kinds,
      length: this.count > this.nulls ? { min: this.minLength, max: this.maxLength } : null,
      numeric: this.numeric?.toJSON() ?? null,
      timestamps: this.timestamps?.toTimestampJSON() ?? null,
      distinct: { estimate: this.distinct.estimate(), exact: this.distinct.exact, sketch: this.distinct.toJSON() },
      top: this.top.toJSON(),
    };
  }

  static fromJSON(json: ProfileColumn): ColumnAccumulator {
    const column = new ColumnAccumulator(json.name);
    column.count = json.count;
    column.nulls = json.nulls;
    Object.assign(column, json.kinds);
    const values = json.count - json.nulls;
    const kinds = json.kinds.integer + json.kinds.decimal + json.kinds.boolean + json.kinds.timestamp + json.kinds.text;
    if (kinds !== values) throw new Error(`its kinds count ${kinds} values, but count − nulls is ${values}`);
    if (json.length) {
      column.minLength = json.length.min;
      column.maxLength = json.length.max;
    }
    column.numeric = json.numeric ? NumericSummary.fromJSON(json.numeric) : null;
    column.timestamps = json.timestamps ? NumericSummary.fromJSON(json.timestamps) : null;
    if ((column.numeric?.moments.count ?? 0) !== json.kinds.integer + json.kinds.decimal) throw new Error('its numeric summary does not count its integer and decimal values');
    if ((column.timestamps?.moments.count ?? 0) !== json.kinds.timestamp) throw new Error('its timestamp summary does not count its timestamp values');
    column.distinct = DistinctSketch.fromJSON(json.distinct.sketch);
    column.top = TopValues.fromJSON(json.top);
    return column;
  }
}

function mergeSummaries(a: NumericSummary | null, b: NumericSummary | null): NumericSummary | null {
  if (b === null) return a;
  // Never share state with the other side: merge into a copy.
  const copy = NumericSummary.fromJSON(b.toJSON());
  return a === null ? copy : a.merge(copy);
}
