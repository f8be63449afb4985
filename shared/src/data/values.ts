/**
 * What a value read from a data file is: the one reading of text as a number, a boolean or a timestamp that the
 * profile (its kind counts and type inference) and the data contract (its type checks) share, so a contract
 * inferred from a profile accepts the data the profile was made from. Written for the hot path (each runs per
 * value on files of gigabytes): no allocation per value, results as numbers, NaN (or -1) when the text is not of
 * the kind.
 *
 * Accepted forms:
 * - decimal: an optional sign, digits with an optional point (`42`, `-1.5`, `.5`, `7.`), an optional exponent
 *   (`1e3`, `-1.5E-3`); finite. No hex/octal/binary, no `Infinity`/`NaN`, no spaces, no `,` separators.
 *   {@link writtenAsInteger} tells whether it was written as an integer (sign and digits only).
 * - boolean: `true`/`false` in any letter case, `1`, `0`.
 * - timestamp (ISO 8601 / RFC 3339): `YYYY-MM-DD` (year 0000–9999, a real day of the proleptic Gregorian
 *   calendar), optionally followed by `T`, `t` or a space and `hh:mm` (00–23, 00–59), optional `:ss` (00–60, a
 *   leap second read as the next minute's first), optional `.` and a fraction of one or more digits (read to the
 *   millisecond, the rest truncated), and an optional zone `Z`, `z`, `±hh`, `±hhmm` or `±hh:mm`. A date or time
 *   without a zone is UTC (never the machine's local time, unlike Date.parse).
 */

import { finish, LANE1_MULTIPLIER, LANE1_SEED, LANE2_MULTIPLIER, LANE2_SEED } from '../hashing/hash64';
import type { Value } from './types';

/**
 * A value as a reader gives it (JSON Lines: a parsed JSON value; Parquet: hyparquet's typed value) as a
 * {@link Value}: scalars as they are; null and undefined as null; 64-bit integers as numbers when safe, else as
 * decimal text; dates as ISO 8601 text (an invalid one as null); bytes as base64; objects and arrays as their JSON
 * text (with 64-bit integers inside them read the same way).
 */
export function toValue(value: unknown): Value {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
    default:
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
      try {
        return JSON.stringify(value);
      } catch {
        // A BigInt inside (Parquet): the replacer, slower, only then.
        return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? (inner >= -MAX_SAFE && inner <= MAX_SAFE ? Number(inner) : inner.toString()) : inner));
      }
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Whether the last text {@link parseDecimal} accepted is written as an integer: an optional sign and digits only. */
export let writtenAsInteger = false;

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number's text (`-1.5e3`, `.5`, `7.`) as its value, else NaN. */
export function parseDecimal(text: string): number {
  const length = text.length;
  if (length === 0) return Number.NaN;
  const first = text.charCodeAt(0);
  const sign = first === 45 || first === 43 ? 1 : 0;
  if (sign === 0 && first !== 46 && (first < 48 || first > 57)) return Number.NaN;
  // Fast path (Clinger's): up to 15 digits and a point read as an integer over a power of ten, which one
  // correctly rounded division turns into exactly the double Number() would give.
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  let at = sign;
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point < 0) {
      point = at;
    } else {
      break;
    }
  }
  if (at === length && digits > 0 && digits <= 15) {
    writtenAsInteger = point < 0;
    const scaled = point < 0 ? mantissa : mantissa / (POWERS_OF_TEN[length - 1 - point] as number);
    return first === 45 ? -scaled : scaled;
  }
  // Exponents, long mantissas.
  if (!DECIMAL.test(text)) return Number.NaN;
  const value = Number(text);
  if (value - value !== 0) return Number.NaN;
  writtenAsInteger = point < 0 && at === length;
  return value;
}

/**
 * {@link parseDecimal}, and in the same pass over the text its 64-bit hash (exactly hashString's), left in `hash`:
 * the profile reads and hashes every value, and one pass over the characters is cheaper than two.
 */
export function parseDecimalHashed(text: string): number {
  const length = text.length;
  let h1 = LANE1_SEED ^ length;
  let h2 = LANE2_SEED ^ length;
  const first = length === 0 ? 0 : text.charCodeAt(0);
  const sign = first === 45 || first === 43 ? 1 : 0;
  // The first 9 digits in int32 (`low`, a 2-cycle multiply-add), the rest in a double: a double's multiply-add
  // per digit is a longer dependency chain than the hash's.
  let low = 0;
  let high = 0;
  let digits = 0;
  let point = -1;
  let at = 0;
  // Where the number's fast form stops: the length when every character is a digit or the one point.
  let stop = length;
  if (sign === 0 && first !== 46 && (first < 48 || first > 57)) {
    stop = 0;
  } else {
    for (; at < length; at++) {
      const code = text.charCodeAt(at);
      h1 = Math.imul(h1 ^ code, LANE1_MULTIPLIER);
      h2 = Math.imul(h2 ^ code, LANE2_MULTIPLIER);
      if (code >= 48 && code <= 57) {
        if (digits < 9) low = (low * 10 + (code - 48)) | 0;
        else high = high * 10 + (code - 48);
        digits++;
      } else if (code === 46 && point < 0) {
        point = at;
      } else if (at >= sign) {
        stop = at++;
        break;
      }
    }
  }
  for (; at < length; at++) {
    const code = text.charCodeAt(at);
    h1 = Math.imul(h1 ^ code, LANE1_MULTIPLIER);
    h2 = Math.imul(h2 ^ code, LANE2_MULTIPLIER);
  }
  finish(h1, h2);
  if (stop === 0 || length === 0) return Number.NaN;
  if (stop === length) {
    if (digits > 0 && digits <= 15) {
      writtenAsInteger = point < 0;
      // Exact: low · 10^(digits − 9) + high stays under 10^15 < 2^53.
      const mantissa = digits <= 9 ? low : low * (POWERS_OF_TEN[digits - 9] as number) + high;
      const scaled = point < 0 ? mantissa : mantissa / (POWERS_OF_TEN[length - 1 - point] as number);
      return first === 45 ? -scaled : scaled;
    }
    return parseDecimal(text);
  }
  // Past the mantissa only an exponent can follow (a date's `-`, a second point, a letter: not a number).
  const next = text.charCodeAt(stop);
  return next === 101 || next === 69 ? parseDecimal(text) : Number.NaN;
}

/** 1 for true, 0 for false, -1 when the text is not a boolean: true/false in any letter case, 1 or 0. */
export function parseBoolean(text: string): number {
  switch (text.length) {
    case 1:
      return text === '1' ? 1 : text === '0' ? 0 : -1;
    case 4:
      return text === 'true' || ((text.charCodeAt(0) | 32) === 116 && (text.charCodeAt(1) | 32) === 114 && (text.charCodeAt(2) | 32) === 117 && (text.charCodeAt(3) | 32) === 101) ? 1 : -1;
    case 5:
      return text === 'false' ||
        ((text.charCodeAt(0) | 32) === 102 && (text.charCodeAt(1) | 32) === 97 && (text.charCodeAt(2) | 32) === 108 && (text.charCodeAt(3) | 32) === 115 && (text.charCodeAt(4) | 32) === 101)
        ? 0
        : -1;
    default:
      return -1;
  }
}

/** Two decimal digits at bytes[at], else a negative number (also past `end`). */
function two(bytes: Uint8Array, at: number, end: number): number {
  if (at + 2 > end) return -1;
  const high = (bytes[at] as number) - 48;
  const low = (bytes[at + 1] as number) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil), for years 0000–9999. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** parseTimestamp's copy of a text's character codes. */
const timestampScratch = new Uint8Array(64);

/**
 * An ISO 8601 / RFC 3339 date or timestamp (the forms above) as milliseconds since the epoch, else NaN. Read as
 * its characters' codes by parseTimestampBytes (a timestamp is ASCII; any other character makes it not one).
 */
export function parseTimestamp(text: string): number {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  // A longer text (many fractional digits, or a note that starts with a date) gets a scratch of its own, not kept.
  const scratch = length <= timestampScratch.length ? timestampScratch : new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return Number.NaN;
    scratch[i] = code;
  }
  return parseTimestampBytes(scratch, 0, length);
}

/**
 * parseTimestamp of the ASCII text bytes[start, end), read where it lies (the CSV reader's fields): the one
 * implementation of the timestamp forms.
 */
export function parseTimestampBytes(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length < 10 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return Number.NaN;
  const century = two(bytes, start, end);
  const yy = two(bytes, start + 2, end);
  const month = two(bytes, start + 5, end);
  const day = two(bytes, start + 8, end);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const year = century * 100 + yy;
  if (day > (DAYS_IN_MONTH[month - 1] as number) && !(month === 2 && day === 29 && year % 4 === 0 && (yy !== 0 || century % 4 === 0))) return Number.NaN;
  const date = daysFromCivil(year, month, day) * 86_400_000;
  if (length === 10) return date;
  const separator = bytes[start + 10] as number;
  if ((separator !== 84 && separator !== 116 && separator !== 32) || length < 16 || bytes[start + 13] !== 58) return Number.NaN;
  const hour = two(bytes, start + 11, end);
  const minute = two(bytes, start + 14, end);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let at = start + 16;
  let second = 0;
  let millisecond = 0;
  if (at < end && bytes[at] === 58) {
    second = two(bytes, at + 1, end);
    if (second < 0 || second > 60) return Number.NaN;
    at += 3;
    if (at < end && bytes[at] === 46) {
      const from = ++at;
      for (; at < end; at++) {
        const digit = (bytes[at] as number) - 48;
        if (digit < 0 || digit > 9) break;
        if (at - from < 3) millisecond = millisecond * 10 + digit;
      }
      if (at === from) return Number.NaN;
      if (at - from === 1) millisecond *= 100;
      else if (at - from === 2) millisecond *= 10;
    }
  }
  let offset = 0;
  if (at < end) {
    const zone = bytes[at] as number;
    if (zone === 90 || zone === 122) {
      at++;
    } else if (zone === 43 || zone === 45) {
      const hours = two(bytes, at + 1, end);
      if (hours < 0 || hours > 23) return Number.NaN;
      at += 3;
      let minutes = 0;
      if (at < end) {
        if (bytes[at] === 58) at++;
        minutes = two(bytes, at, end);
        if (minutes < 0 || minutes > 59) return Number.NaN;
        at += 2;
      }
      offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
    } else {
      return Number.NaN;
    }
  }
  if (at !== end) return Number.NaN;
  return date + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond - offset;
}
