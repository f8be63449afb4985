import { hash, hashNumberText, hashString } from '../hashing/hash64';
import type { Value } from './types';
import { parseBoolean, parseDecimalHashed, parseTimestamp, writtenAsInteger } from './values';

/**
 * One column of a batch, read once into typed arrays: what each value is (its kind), its number, the 64-bit hash
 * and the length of its text. The profile and the contract's checks both read a batch's values this way, so every
 * value is classified, parsed and hashed once, by one reading ({@link setValue}, or a reader's equivalent from the
 * file's bytes), and neither the profile nor the checks make a string for a value they do not need as text.
 */

// A value's kind (the low three bits of `kinds[i]`). The profile counts them; the type checks read them.
export const NULL = 0;
/** A number written without a point or exponent (text), or an integral number (JSON, Parquet). */
export const INTEGER = 1;
/** Any other finite number. */
export const DECIMAL = 2;
/** true / false in any letter case (text), or a boolean. */
export const BOOLEAN = 3;
/** An ISO 8601 date or timestamp (text), or a Parquet timestamp. */
export const TIMESTAMP = 4;
/** Anything else: text that is none of the above, or ±Infinity held as a number (a NaN is a null). */
export const TEXT = 5;
/** The mask of the kind bits. */
export const KIND = 7;
/**
 * Set beside the kind when the file held the value as a number or a boolean, not as text (JSON Lines, Parquet):
 * `type: string` fails it, and its text is String(value).
 */
export const NATIVE = 8;

const TRUE = 'true';
const FALSE = 'false';
hashString(TRUE);
const TRUE_HIGH = hash.high;
const TRUE_LOW = hash.low;
hashString(FALSE);
const FALSE_HIGH = hash.high;
const FALSE_LOW = hash.low;

/** Bytes per value of a TypedColumn's arrays: a number (8), two hash halves (8), a length (4) and a kind (1). */
const BYTES_PER_VALUE = 21;

/**
 * The columns' arrays are carved from arenas of ARENA_BYTES, one after another: a file makes one column per
 * column per batch (seven thousand on 100 MiB of CSV), and one ArrayBuffer each cost more than filling them. An
 * arena is freed when no column carved from it is left (the profile and the checks keep none past their batch).
 */
const ARENA_BYTES = 2 ** 20;
let arena = new ArrayBuffer(0);
let arenaUsed = 0;

/** `bytes` of fresh (zeroed, 8-aligned) memory: from the current arena, or a buffer of its own when that big. */
function carve(bytes: number): { memory: ArrayBuffer; offset: number } {
  const rounded = (bytes + 7) & ~7;
  if (rounded > ARENA_BYTES / 4) return { memory: new ArrayBuffer(rounded), offset: 0 };
  if (arenaUsed + rounded > arena.byteLength) {
    arena = new ArrayBuffer(ARENA_BYTES);
    arenaUsed = 0;
  }
  const offset = arenaUsed;
  arenaUsed += rounded;
  return { memory: arena, offset };
}

export class TypedColumn {
  /** Per value: its kind, with NATIVE when the file held it as a number or boolean. */
  readonly kinds: Uint8Array;
  /** INTEGER and DECIMAL: the number; BOOLEAN: 1 or 0; TIMESTAMP: milliseconds since the epoch; TEXT|NATIVE: ±Infinity; else NaN. */
  readonly numbers: Float64Array;
  /** The 64-bit hash (hashString) of the value's canonical text (see {@link canonicalText}), as two uint32 halves. */
  readonly highs: Uint32Array;
  readonly lows: Uint32Array;
  /** The length of the value's text in UTF-16 code units (0 for null). */
  readonly lengths: Int32Array;

  /**
   * `valueAt(i)` gives value i as read (for reports, the text checks and the top values' kept texts): called
   * only for the few values that need it. The arrays are filled by the reader, with setValue or its own.
   */
  constructor(
    readonly size: number,
    private readonly valueAt: (i: number) => Value,
    private readonly viewAt?: (i: number) => string,
  ) {
    const { memory, offset } = carve(size * BYTES_PER_VALUE);
    this.numbers = new Float64Array(memory, offset, size);
    this.highs = new Uint32Array(memory, offset + 8 * size, size);
    this.lows = new Uint32Array(memory, offset + 12 * size, size);
    this.lengths = new Int32Array(memory, offset + 16 * size, size);
    this.kinds = new Uint8Array(memory, offset + 20 * size, size);
  }

  /** Value i as the file gave it (a CSV field as text, a JSON number as a number, a Parquet timestamp as ISO text). */
  value(i: number): Value {
    return this.valueAt(i);
  }

  /** Value i's text as the text checks read it: text as read, String(v) for a number or boolean. Not for nulls. */
  text(i: number): string {
    const value = this.valueAt(i);
    return typeof value === 'string' ? value : String(value);
  }

  /**
   * text(i) for a check that reads it and lets it go (a regex test): it may be a slice of a larger string (a CSV
   * batch's text), which is cheaper to make but keeps that string alive while it lives, so a value kept goes
   * through text(i).
   */
  textView(i: number): string {
    return this.viewAt ? this.viewAt(i) : this.text(i);
  }

  /** Value i's canonical text (docs/profile.md), the one its hash is of: the text, but booleans as true/false. */
  canonicalText(i: number): string {
    if (((this.kinds[i] as number) & KIND) === BOOLEAN) return this.numbers[i] === 1 ? TRUE : FALSE;
    // A view: its callers let it go, or copy what they keep (the top values keep their own copy of a text).
    return this.textView(i);
  }

  /** Reads `value` into slot i: the one reading of a value (data/values.ts) for text, numbers and booleans. */
  setValue(i: number, value: Value): void {
    if (value === null || value === undefined) {
      this.kinds[i] = NULL;
      this.lengths[i] = 0;
      this.numbers[i] = Number.NaN;
      return;
    }
    if (typeof value === 'string') {
      this.setText(i, value);
      return;
    }
    if (typeof value === 'number') {
      // A NaN the file held as a number (a Parquet float) is a null, for the profile and the checks alike.
      if (value !== value) {
        this.setValue(i, null);
        return;
      }
      this.numbers[i] = value;
      this.kinds[i] = Number.isFinite(value) ? (Number.isInteger(value) ? INTEGER : DECIMAL) | NATIVE : TEXT | NATIVE;
      // Hashed by its text, String(value), made only when hashNumberText cannot do without it.
      let length = hashNumberText(value);
      if (length < 0) {
        const text = String(value);
        length = text.length;
        hashString(text);
      }
      this.lengths[i] = length;
      this.highs[i] = hash.high;
      this.lows[i] = hash.low;
      return;
    }
    this.kinds[i] = BOOLEAN | NATIVE;
    this.setBoolean(i, value ? 1 : 0);
    this.lengths[i] = value ? 4 : 5;
  }

  /** Reads text (never null, maybe empty) into slot i: a number, a timestamp, a boolean, or text. */
  setText(i: number, text: string): void {
    const length = text.length;
    this.lengths[i] = length;
    const x = parseDecimalHashed(text);
    this.highs[i] = hash.high;
    this.lows[i] = hash.low;
    if (x === x) {
      this.kinds[i] = writtenAsInteger ? INTEGER : DECIMAL;
      this.numbers[i] = x;
      return;
    }
    // No text is both a decimal and a timestamp; parseTimestamp wants YYYY-MM-DD at least.
    const ms = length >= 10 && text.charCodeAt(4) === 45 ? parseTimestamp(text) : Number.NaN;
    if (ms === ms) {
      this.kinds[i] = TIMESTAMP;
      this.numbers[i] = ms;
      return;
    }
    const b = length === 4 || length === 5 ? parseBoolean(text) : -1;
    if (b >= 0) {
      // Hashed by its canonical text, whatever its letter case.
      this.kinds[i] = BOOLEAN;
      this.setBoolean(i, b);
      return;
    }
    this.kinds[i] = TEXT;
    this.numbers[i] = Number.NaN;
  }

  /**
   * A timestamp given as an instant (Parquet) whose text, `length` characters, was hashed last (its hash is in
   * `hash`): counted and checked as the timestamp that text reads as, `ms`, with no text made or parsed.
   */
  setTimestamp(i: number, ms: number, length: number): void {
    this.kinds[i] = TIMESTAMP;
    this.numbers[i] = ms;
    this.lengths[i] = length;
    this.highs[i] = hash.high;
    this.lows[i] = hash.low;
  }

  private setBoolean(i: number, b: number): void {
    this.numbers[i] = b;
    this.highs[i] = b === 1 ? TRUE_HIGH : FALSE_HIGH;
    this.lows[i] = b === 1 ? TRUE_LOW : FALSE_LOW;
  }
}

/** A column of values given one by one (row-major rows, a JSON Lines batch): each read with setValue. */
export function typedColumnOf(rows: ReadonlyArray<readonly Value[]>, j: number): TypedColumn {
  const valueAt = (i: number): Value => (rows[i] as readonly Value[])[j] ?? null;
  const column = new TypedColumn(rows.length, valueAt);
  for (let i = 0; i < rows.length; i++) column.setValue(i, valueAt(i));
  return column;
}
