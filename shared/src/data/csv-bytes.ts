import { isAscii } from 'node:buffer';
import { finish, hash, hashString, LANE1_MULTIPLIER, LANE1_SEED, LANE2_MULTIPLIER, LANE2_SEED } from '../hashing/hash64';
import { BOOLEAN, DECIMAL, INTEGER, NULL, TEXT, TIMESTAMP, TypedColumn } from './typed-column';
import type { RecordBatch, Value } from './types';
import { parseTimestampBytes } from './values';

/**
 * A batch of CSV/TSV records kept as the file's bytes and where each field lies in them, read into values only
 * when asked: `column(j)` reads column j's fields straight from the bytes into a TypedColumn (no string per
 * field), `rows` makes the row-major strings (records-schema checks, shards, tests).
 *
 * The field of row i and column j is pair k = j · capacity + i of `offsets` (column-major, so a column's pairs are
 * read in order): bytes[`offsets[2k]`, `offsets[2k + 1]`), for a quoted field the bytes between its quotes. When
 * the end is negative the field is a quoted one with `""` in it, and ends at ~end: its text is those bytes with
 * each `""` read as one `"`. An empty field, quoted or not, is null.
 */
export interface CsvBatchParts {
  file: string;
  columns: readonly string[];
  /** The batch's records' bytes; the reader never writes to them again. */
  bytes: Buffer;
  offsets: Int32Array;
  lines: number[];
  size: number;
  /** Rows the offsets have room for: field (i, j) is pair j · capacity + i (column-major). */
  capacity: number;
}

export class CsvBatch implements RecordBatch {
  readonly file: string;
  readonly columns: readonly string[];
  readonly lines: readonly number[];
  /** Own and enumerable (made on first read, then kept), so a batch compares as its file, columns, rows and lines. */
  declare readonly rows: readonly Value[][];
  // ES private fields: not own properties, so they stay out of equality checks and of what a batch prints as.
  readonly #bytes: Buffer;
  readonly #offsets: Int32Array;
  readonly #size: number;
  readonly #capacity: number;
  readonly #typed: Array<TypedColumn | undefined> = [];
  /** Per column, its fields' text end to end and where each starts (null when not ASCII), made for the first textView. */
  readonly #views: Array<ColumnText | null | undefined> = [];

  constructor(parts: CsvBatchParts) {
    this.file = parts.file;
    this.columns = parts.columns;
    this.lines = parts.lines;
    this.#bytes = parts.bytes;
    this.#offsets = parts.offsets;
    this.#size = parts.size;
    this.#capacity = parts.capacity;
    Object.defineProperty(this, 'rows', {
      enumerable: true,
      configurable: true,
      get: () => {
        const rows = this.#makeRows();
        Object.defineProperty(this, 'rows', { value: rows, enumerable: true });
        return rows;
      },
    });
  }

  get size(): number {
    return this.#size;
  }

  column(j: number): TypedColumn {
    let column = this.#typed[j];
    if (!column) {
      column = new TypedColumn(
        this.#size,
        (i) => this.#value(j * this.#capacity + i),
        (i) => this.#view(j, i),
      );
      readColumn(column, this.#bytes, this.#offsets.subarray(2 * j * this.#capacity, 2 * (j * this.#capacity + this.#size)));
      this.#typed[j] = column;
    }
    return column;
  }

  /**
   * The rows `keep` (ascending indices) as a batch of their own over the same bytes: a shard's part of a batch,
   * still read from the bytes (no row strings made).
   */
  pick(keep: readonly number[]): CsvBatch {
    const width = this.columns.length;
    const capacity = Math.max(1, keep.length);
    const offsets = new Int32Array(2 * capacity * width);
    for (let j = 0; j < width; j++) {
      for (let n = 0; n < keep.length; n++) {
        const from = 2 * (j * this.#capacity + (keep[n] as number));
        const to = 2 * (j * capacity + n);
        offsets[to] = this.#offsets[from] as number;
        offsets[to + 1] = this.#offsets[from + 1] as number;
      }
    }
    const lines = keep.map((i) => this.lines[i] as number);
    return new CsvBatch({ file: this.file, columns: this.columns, bytes: this.#bytes, offsets, lines, size: keep.length, capacity });
  }

  #value(k: number): Value {
    return fieldText(this.#bytes, this.#offsets[2 * k] as number, this.#offsets[2 * k + 1] as number);
  }

  /**
   * Field (i, j)'s text (non-null) as a slice of the column's text (TypedColumn.textView): one string made per
   * column of the batch, not a call into the runtime per field, which is most of what a regex check costs otherwise.
   * The column's text, not the batch's: a slice keeps its string alive, and a column's is small enough to go with
   * the next young-generation collection.
   */
  #view(j: number, i: number): string {
    let view = this.#views[j];
    if (view === undefined) {
      view = columnText(this.#bytes, this.#offsets, j * this.#capacity, this.#size);
      this.#views[j] = view;
    }
    const k = j * this.#capacity + i;
    // Not ASCII, or an escaped field (`""`), which has no plain bytes to slice: its own text.
    if (view === null || (this.#offsets[2 * k + 1] as number) < 0) return this.#value(k) as string;
    return view.text.slice(view.starts[i] as number, view.starts[i + 1] as number);
  }

  /**
   * The rows as strings. An ASCII batch (most) is made one string whose slices are the fields (a call into the
   * runtime per field would cost more than the rest); V8 may keep that string alive while a slice lives, so these
   * are for the batch's own use (value(i), for values kept longer, makes copies).
   */
  #makeRows(): Value[][] {
    const width = this.columns.length;
    const capacity = this.#capacity;
    const offsets = this.#offsets;
    const text = isAscii(this.#bytes) ? this.#bytes.toString('latin1') : undefined;
    const rows: Value[][] = new Array(this.#size);
    for (let i = 0; i < this.#size; i++) {
      const row: Value[] = new Array(width);
      for (let j = 0; j < width; j++) {
        const k = 2 * (j * capacity + i);
        const start = offsets[k] as number;
        const end = offsets[k + 1] as number;
        row[j] = text === undefined || end < 0 ? fieldText(this.#bytes, start, end) : end === start ? null : text.slice(start, end);
      }
      rows[i] = row;
    }
    return rows;
  }
}

/** A column's fields' text end to end, and where field i starts (an escaped field has none: it is read on its own). */
interface ColumnText {
  text: string;
  starts: Int32Array;
}

/** Where columnText copies a column's fields to, kept between batches up to MAX_KEPT_SCRATCH. */
let columnBytes = Buffer.alloc(0);
const MAX_KEPT_SCRATCH = 4 * 2 ** 20;

/** The fields pairs[from … from + size) of `bytes`, end to end as one string, or null when one is not ASCII. */
function columnText(bytes: Buffer, offsets: Int32Array, from: number, size: number): ColumnText | null {
  let total = 0;
  for (let i = 0; i < size; i++) {
    const end = offsets[2 * (from + i) + 1] as number;
    if (end >= 0) total += end - (offsets[2 * (from + i)] as number);
  }
  if (columnBytes.length < total) columnBytes = Buffer.allocUnsafeSlow(Math.max(total, 2 * columnBytes.length));
  const starts = new Int32Array(size + 1);
  let at = 0;
  for (let i = 0; i < size; i++) {
    starts[i] = at;
    const end = offsets[2 * (from + i) + 1] as number;
    let ascii = 0;
    // A loop, not Buffer.copy: a call into the runtime per field is what this avoids.
    for (let p = offsets[2 * (from + i)] as number; p < end; p++) {
      const code = bytes[p] as number;
      ascii |= code;
      columnBytes[at++] = code;
    }
    if (ascii >= 0x80) return null;
  }
  starts[size] = at;
  const text = columnBytes.toString('latin1', 0, at);
  // A batch of huge fields (records may take up to MAX_RECORD_BYTES) does not keep its scratch for the process.
  if (columnBytes.length > MAX_KEPT_SCRATCH) columnBytes = Buffer.alloc(0);
  return { text, starts };
}

/**
 * The text of the field at bytes[start, end) (end < 0: ~end, with `""` read as `"`), null when empty: a string of
 * its own, so a kept value does not keep the batch's bytes alive.
 */
export function fieldText(bytes: Buffer, start: number, end: number): Value {
  if (end < 0) return bytes.toString('utf8', start, ~end).replaceAll('""', '"');
  return end === start ? null : bytes.toString('utf8', start, end);
}

hashString('true');
const TRUE_HIGH = hash.high;
const TRUE_LOW = hash.low;
hashString('false');
const FALSE_HIGH = hash.high;
const FALSE_LOW = hash.low;

/** 10^0 … 10^22, the powers of ten a double holds exactly (as values.ts reads decimals). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/**
 * Reads a column's fields (`offsets`: its pairs, see CsvBatch) into `column`: for each field exactly what
 * `column.setText(i, text)` gives for its text (kind, number, hash, length). An ASCII field is read in one pass
 * over its bytes, hashed as hashString hashes and, when it starts like a number, read as values.ts's
 * parseDecimalHashed reads decimals; a field that may be a timestamp is then read by parseTimestampBytes (see
 * readTimestamps). The rest (a byte ≥ 0x80, an exponent, 16+ digits) go through setText with their text.
 *
 * One long function on purpose: it runs once per value of the file, and V8 keeps its locals in registers.
 */
export function readColumn(column: TypedColumn, bytes: Buffer, offsets: Int32Array): void {
  const { kinds, numbers, highs, lows, lengths } = column;
  const size = column.size;
  if (candidates.length < size) candidates = new Int32Array(size);
  let candidateCount = 0;
  for (let i = 0, k = 0; i < size; i++, k += 2) {
    const start = offsets[k] as number;
    const end = offsets[k + 1] as number;
    if (end < 0) {
      readEscaped(column, i, bytes, start, ~end);
      continue;
    }
    const length = end - start;
    if (length === 0) {
      kinds[i] = NULL;
      lengths[i] = 0;
      numbers[i] = Number.NaN;
      continue;
    }
    let h1 = LANE1_SEED ^ length;
    let h2 = LANE2_SEED ^ length;
    let at = start;
    // The bytes' OR: ≥ 0x80 when one is not ASCII.
    let ascii = 0;
    // The decimal's digits (the first 9 in int32, the rest in a double, as parseDecimalHashed), its point, and
    // where its plain form (sign, digits, one point) stops: `end` when it runs to the end.
    let low = 0;
    let high = 0;
    let digits = 0;
    let point = -1;
    let stop = start;
    const first = bytes[start] as number;
    const sign = first === 45 || first === 43 ? 1 : 0;
    if (sign === 1 || first === 46 || (first >= 48 && first <= 57)) {
      stop = end;
      if (sign === 1) {
        h1 = Math.imul(h1 ^ first, LANE1_MULTIPLIER);
        h2 = Math.imul(h2 ^ first, LANE2_MULTIPLIER);
        at++;
      }
      for (; at < end; at++) {
        const code = bytes[at] as number;
        h1 = Math.imul(h1 ^ code, LANE1_MULTIPLIER);
        h2 = Math.imul(h2 ^ code, LANE2_MULTIPLIER);
        const digit = code - 48;
        if (digit >>> 0 < 10) {
          if (digits < 9) low = (low * 10 + digit) | 0;
          else high = high * 10 + digit;
          digits++;
        } else if (code === 46 && point < 0) {
          point = at;
        } else {
          ascii = code;
          stop = at++;
          break;
        }
      }
    }
    for (; at < end; at++) {
      const code = bytes[at] as number;
      ascii |= code;
      h1 = Math.imul(h1 ^ code, LANE1_MULTIPLIER);
      h2 = Math.imul(h2 ^ code, LANE2_MULTIPLIER);
    }
    if (ascii >= 0x80) {
      column.setText(i, bytes.toString('utf8', start, end));
      continue;
    }
    // The decimal, read exactly when its mantissa has at most 15 digits and its power of ten is one a double holds
    // (Clinger's fast path: one correctly rounded multiplication or division of exact numbers, as Number() gives);
    // the others through setText. Past the mantissa only an exponent can follow in a number.
    let value = Number.NaN;
    if (stop === end || (stop > start && digits > 0 && ((bytes[stop] as number) | 32) === 101)) {
      const exponent = stop === end ? 0 : exponentAt(bytes, stop + 1, end);
      const scale = exponent - (point < 0 ? 0 : stop - 1 - point);
      if (exponent === exponent && digits > 0) {
        if (digits > 15 || scale < -22 || scale > 22) {
          column.setText(i, bytes.toString('latin1', start, end));
          continue;
        }
        // low · 10^(digits − 9) + high stays under 10^15 < 2^53: exact.
        const mantissa = digits <= 9 ? low : low * (POWERS_OF_TEN[digits - 9] as number) + high;
        value = scale >= 0 ? mantissa * (POWERS_OF_TEN[scale] as number) : mantissa / (POWERS_OF_TEN[-scale] as number);
      }
    }
    finish(h1, h2);
    lengths[i] = length;
    highs[i] = hash.high;
    lows[i] = hash.low;
    if (value === value) {
      // Written as an integer: sign and digits only.
      kinds[i] = stop === end && point < 0 ? INTEGER : DECIMAL;
      numbers[i] = first === 45 ? -value : value;
      continue;
    }
    // As setText: no text is both a decimal and a timestamp, and parseTimestamp wants YYYY-MM-DD at least.
    // Parsed after the loop, all of the column's at once (see readTimestamps).
    if (length >= 10 && bytes[start + 4] === 45) {
      candidates[candidateCount++] = i;
      continue;
    }
    const b = length === 4 || length === 5 ? booleanAt(bytes, start, length) : -1;
    if (b >= 0) {
      kinds[i] = BOOLEAN;
      numbers[i] = b;
      highs[i] = b === 1 ? TRUE_HIGH : FALSE_HIGH;
      lows[i] = b === 1 ? TRUE_LOW : FALSE_LOW;
      continue;
    }
    kinds[i] = TEXT;
    numbers[i] = Number.NaN;
  }
  if (candidateCount > 0) readTimestamps(column, bytes, offsets, candidateCount);
}

/** The rows of the column being read whose field may be a timestamp (ASCII, 10+ bytes, a `-` 5th): shared scratch. */
let candidates = new Int32Array(0);

/** Reads the timestamp candidates with parseTimestampBytes, each where it lies in the chunk (no string made). */
function readTimestamps(column: TypedColumn, bytes: Buffer, offsets: Int32Array, count: number): void {
  for (let n = 0; n < count; n++) {
    const i = candidates[n] as number;
    const ms = parseTimestampBytes(bytes, offsets[2 * i] as number, offsets[2 * i + 1] as number);
    column.kinds[i] = ms === ms ? TIMESTAMP : TEXT;
    column.numbers[i] = ms;
  }
}

/**
 * A quoted field with `""` in it, bytes[start, end): text, as it holds a `"` (no number, timestamp or boolean
 * does), hashed over its text (each `""` as one `"`) without making it; through setText when it is not ASCII.
 */
function readEscaped(column: TypedColumn, i: number, bytes: Buffer, start: number, end: number): void {
  let quotes = 0;
  let ascii = 0;
  for (let at = start; at < end; at++) {
    const code = bytes[at] as number;
    ascii |= code;
    if (code === 34) quotes++;
  }
  if (ascii >= 0x80) {
    column.setText(i, fieldText(bytes, start, ~end) as string);
    return;
  }
  // The bytes hold only doubled quotes: the text has half as many.
  const length = end - start - quotes / 2;
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  for (let at = start; at < end; at++) {
    const code = bytes[at] as number;
    h1 = Math.imul(h1 ^ code, LANE1_MULTIPLIER);
    h2 = Math.imul(h2 ^ code, LANE2_MULTIPLIER);
    if (code === 34) at++;
  }
  finish(h1, h2);
  column.kinds[i] = TEXT;
  column.numbers[i] = Number.NaN;
  column.lengths[i] = length;
  column.highs[i] = hash.high;
  column.lows[i] = hash.low;
}

/** The exponent written at bytes[from, end): an optional sign and one digit or more; else NaN. Large ones are capped. */
function exponentAt(bytes: Uint8Array, from: number, end: number): number {
  let at = from;
  const sign = bytes[at];
  if (sign === 43 || sign === 45) at++;
  if (at === end) return Number.NaN;
  let exponent = 0;
  for (; at < end; at++) {
    const digit = (bytes[at] as number) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    if (exponent < 100_000) exponent = exponent * 10 + digit;
  }
  return sign === 45 ? -exponent : exponent;
}

/** 1 for true, 0 for false (any letter case), else -1: values.ts's parseBoolean for 4 or 5 bytes. */
function booleanAt(bytes: Uint8Array, start: number, length: number): number {
  if (length === 4) {
    return ((bytes[start] as number) | 32) === 116 && ((bytes[start + 1] as number) | 32) === 114 && ((bytes[start + 2] as number) | 32) === 117 && ((bytes[start + 3] as number) | 32) === 101 ? 1 : -1;
  }
  return ((bytes[start] as number) | 32) === 102 &&
    ((bytes[start + 1] as number) | 32) === 97 &&
    ((bytes[start + 2] as number) | 32) === 108 &&
    ((bytes[start + 3] as number) | 32) === 115 &&
    ((bytes[start + 4] as number) | 32) === 101
    ? 0
    : -1;
}
