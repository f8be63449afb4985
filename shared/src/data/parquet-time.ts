import { hashBytes } from '../hashing/hash64';

/**
 * The ISO 8601 text of a Parquet timestamp or date: what the reader gives as the value (a timestamp column's
 * values are that text, docs in parquet.ts), and, without making the string, that text's hash and length and the
 * milliseconds parseTimestamp reads from it (the profile and the checks read a timestamp column by those three, and
 * a string per value would be most of the column's reading time).
 *
 * One formatter writes the characters into a scratch; the string, the hash and the length all come from there,
 * so the hash is always the hash of the text value() gives.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const SCALES = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
const BIG_SCALES = SCALES.map(BigInt);
/** Seconds from the epoch to 0000-01-01 and to 10000-01-01: the years written with 4 digits. */
const FIRST_SECOND = -62_167_219_200;
const END_SECOND = 253_402_300_800;
const BIG_FIRST_SECOND = BigInt(FIRST_SECOND);
const BIG_END_SECOND = BigInt(END_SECOND);

/** The characters of the last write (all ASCII), in a Buffer to make the string with one latin1 decode. */
const chars = Buffer.alloc(32);
/** The milliseconds since the epoch of the last write: what parseTimestamp reads from the text written. */
export const written = { ms: 0 };

/** `value` units of 10^-digits seconds since the epoch as ISO 8601 UTC with `digits` fractional digits. */
export function isoTimestamp(value: bigint, digits: number): string {
  // Most timestamps fit a double exactly (milliseconds always, microseconds until 2255): format those with Number
  // arithmetic, about 10× faster than BigInt division and Date.toISOString on every value of a timestamp column.
  if (value >= -MAX_SAFE && value <= MAX_SAFE) {
    const length = writeUnits(Number(value), digits);
    if (length > 0) return charsText(length);
  }
  const scale = BIG_SCALES[digits] as bigint;
  let seconds = value / scale;
  let fraction = value % scale;
  if (fraction < 0n) {
    fraction += scale;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return value.toString();
  const whole = date.toISOString().slice(0, -5); // without ".000Z"
  if (digits === 0) return `${whole}Z`;
  return `${whole}.${fraction.toString().padStart(digits, '0')}Z`;
}

/** A DATE (days since the epoch) as `YYYY-MM-DD`. */
export function isoDate(days: number): string {
  const length = writeDate(days);
  return length > 0 ? charsText(length) : isoTimestamp(BigInt(days) * 86_400n, 0).slice(0, -10); // without "T00:00:00Z"
}

/**
 * A timestamp of `value` units of 10^-digits seconds (a safe integer as a number, or a bigint) as its ISO text's
 * characters in the scratch: returns the text's length, or -1 outside years 0000–9999 (the caller then makes the
 * text with isoTimestamp). Leaves in {@link written} the milliseconds parseTimestamp reads from the text.
 */
export function writeTimestamp(value: number | bigint, digits: number): number {
  if (typeof value === 'number') return writeUnits(value, digits);
  if (value >= -MAX_SAFE && value <= MAX_SAFE) return writeUnits(Number(value), digits);
  // Nanoseconds (INT96, TIMESTAMP(NANOS)) never fit a double: split into seconds and a fraction exactly.
  const scale = BIG_SCALES[digits] as bigint;
  let seconds = value / scale;
  let fraction = value - seconds * scale;
  if (fraction < 0n) {
    fraction += scale;
    seconds -= 1n;
  }
  if (seconds < BIG_FIRST_SECOND || seconds >= BIG_END_SECOND) return -1;
  return writeInstant(Number(seconds), Number(fraction), digits);
}

/** A DATE's `YYYY-MM-DD` into the scratch: its length (10), or -1 outside years 0000–9999. */
export function writeDate(days: number): number {
  const seconds = days * 86_400;
  if (!Number.isSafeInteger(seconds) || seconds < FIRST_SECOND || seconds >= END_SECOND) return -1;
  writeInstant(seconds, 0, 0);
  return 10;
}

/** The hash (hashString's) of the first `length` characters written, left in `hash`. */
export function hashWritten(length: number): void {
  hashBytes(chars, 0, length);
}

/** The first `length` characters written, as a string. */
function charsText(length: number): string {
  return chars.toString('latin1', 0, length);
}

/** writeTimestamp for a safe integer count of units. */
function writeUnits(value: number, digits: number): number {
  const scale = SCALES[digits];
  if (scale === undefined) return -1;
  const seconds = Math.floor(value / scale);
  if (seconds < FIRST_SECOND || seconds >= END_SECOND) return -1;
  return writeInstant(seconds, value - seconds * scale, digits);
}

/**
 * `YYYY-MM-DDThh:mm:ss[.fraction]Z` of `seconds` since the epoch (years 0000–9999) and `fraction` (0 ≤ fraction <
 * 10^digits) into the scratch; returns its length and leaves the milliseconds in {@link written}. Runs per value of
 * a timestamp column: int32 arithmetic (days, seconds of the day and the fraction all fit), which V8 divides by a
 * constant with a multiplication, where double division and Math.floor would be most of its time.
 */
function writeInstant(seconds: number, fraction: number, digits: number): number {
  const days = Math.floor(seconds / 86_400);
  let rest = (seconds - days * 86_400) | 0;
  const hour = (rest / 3600) | 0;
  rest -= hour * 3600;
  const minute = (rest / 60) | 0;
  const second = rest - minute * 60;
  // H. Hinnant's civil_from_days (z counts from 0000-03-01, so it is negative for the first two months of 0000).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const day = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const high = (year / 100) | 0;
  writeTwo(0, high);
  writeTwo(2, year - high * 100);
  chars[4] = 45; // -
  writeTwo(5, month);
  chars[7] = 45;
  writeTwo(8, day);
  chars[10] = 84; // T
  writeTwo(11, hour);
  chars[13] = 58; // :
  writeTwo(14, minute);
  chars[16] = 58;
  writeTwo(17, second);
  let length = 19;
  if (digits > 0) {
    chars[length++] = 46; // .
    let rest = fraction | 0;
    for (let i = length + digits - 1; i >= length; i--) {
      const next = (rest / 10) | 0;
      chars[i] = 48 + rest - next * 10;
      rest = next;
    }
    length += digits;
  }
  chars[length++] = 90; // Z
  // parseTimestamp reads the fraction to the millisecond and truncates the rest.
  const milliseconds = digits >= 3 ? Math.floor(fraction / (SCALES[digits - 3] as number)) : fraction * (SCALES[3 - digits] as number);
  written.ms = seconds * 1000 + milliseconds;
  return length;
}

/** `value` (0 ≤ value < 100) as two digits at `at`. */
function writeTwo(at: number, value: number): void {
  const tens = (value / 10) | 0;
  chars[at] = 48 + tens;
  chars[at + 1] = 48 + value - tens * 10;
}
