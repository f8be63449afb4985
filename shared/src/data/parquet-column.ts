import type { DecodedArray, ParquetParsers, SchemaElement } from 'hyparquet';
import { hashWritten, isoDate, isoTimestamp, writeDate, writeTimestamp, written } from './parquet-time';
import type { TypedColumn } from './typed-column';
import type { Value } from './types';
import { toValue } from './values';

/**
 * One top-level column of one row group as hyparquet decoded it, read by position into {@link TypedColumn}s
 * (for the profile and the checks) and into {@link Value}s (for row-major rows and reports).
 *
 * Flat columns are decoded with {@link RAW_PARSERS}: a timestamp stays the count of its unit (a number when it is
 * a safe integer, else a bigint) and a DATE its count of days, so a timestamp column fills its TypedColumn with
 * no string per value; its ISO text is made only when value() is asked for. Nested columns (structs, lists,
 * maps) are decoded with {@link ISO_PARSERS}, their timestamps already ISO text inside the JSON the value is.
 */

const textDecoder = new TextDecoder();
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const jsonFromBytes = (bytes: Uint8Array | undefined): string | undefined => (bytes ? textDecoder.decode(bytes) : undefined);

/** A timestamp's count of its unit: a number when it is a safe integer (no bigint to keep), else the bigint. */
function units(value: bigint): number | bigint {
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/** Parsers for flat columns: timestamps and dates as counts of their unit (see {@link parquetReadingOf}), JSON as its text. */
export const RAW_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: units,
  timestampFromMicroseconds: units,
  timestampFromNanoseconds: units,
  dateFromDays: (days: number): number => days,
  jsonFromBytes,
};

/** Parsers for nested columns: timestamps and dates as ISO 8601 text, JSON as its text. */
export const ISO_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis: bigint): string => isoTimestamp(BigInt(millis), 3),
  timestampFromMicroseconds: (micros: bigint): string => isoTimestamp(BigInt(micros), 6),
  timestampFromNanoseconds: (nanos: bigint): string => isoTimestamp(BigInt(nanos), 9),
  dateFromDays: (days: number): string => isoDate(days),
  jsonFromBytes,
};

/** How a flat column's decoded values read: as they are, as dates (days), or as timestamps of 10^-digits seconds. */
export const AS_IS = -1;
export const DATES = -2;

/**
 * Which of hyparquet's logical-type parsers a flat column's values went through (the order of hyparquet's
 * convert(), src/convert.js), so the reader knows which raw counts are dates and timestamps: {@link AS_IS},
 * {@link DATES}, or the fractional digits of the timestamp's unit (3, 6, 9).
 */
export function parquetReadingOf(element: SchemaElement): number {
  const { type, converted_type: converted, logical_type: logical } = element;
  if (converted === 'DECIMAL') return AS_IS;
  if (!converted && type === 'INT96') return 9;
  if (converted === 'DATE') return DATES;
  if (converted === 'TIMESTAMP_MILLIS') return 3;
  if (converted === 'TIMESTAMP_MICROS') return 6;
  // Text, JSON, byte arrays and unsigned integers are read as such before a TIMESTAMP logical type is looked at.
  if (converted === 'JSON' || converted === 'UTF8' || converted === 'UINT_64' || converted === 'UINT_32' || type === 'BYTE_ARRAY') return AS_IS;
  if (logical?.type === 'TIMESTAMP') return logical.unit === 'NANOS' ? 9 : logical.unit === 'MICROS' ? 6 : 3;
  return AS_IS;
}

export class ParquetColumn {
  /** `data`: the row group's values of the column, in row order; `reading`: see {@link parquetReadingOf}. */
  constructor(
    private readonly data: DecodedArray,
    private readonly reading: number,
  ) {}

  /** Row k's value as the reader gives it (types.ts): a timestamp as its ISO text, a date as YYYY-MM-DD. */
  value(k: number): Value {
    const raw: unknown = this.data[k];
    if (raw === null || raw === undefined || this.reading === AS_IS) return toValue(raw);
    if (this.reading === DATES) return isoDate(raw as number);
    return isoTimestamp(BigInt(raw as number | bigint), this.reading);
  }

  /** Fills `column` (of size n) with rows start … start + n − 1. */
  fill(column: TypedColumn, start: number): void {
    if (this.reading === AS_IS) this.fillAsIs(column, start);
    else if (this.reading === DATES) this.fillDates(column, start);
    else this.fillTimestamps(column, start);
  }

  /** Each value read by setValue, as the row-major value it is. */
  private fillAsIs(column: TypedColumn, start: number): void {
    const data = this.data;
    for (let i = 0; i < column.size; i++) {
      const raw: unknown = data[start + i];
      // Numbers, text and booleans as they are (toValue would give them back unchanged).
      column.setValue(i, typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean' ? raw : toValue(raw));
    }
  }

  /** Timestamps from their count of units: what setValue reads from their ISO text, with no text made. */
  private fillTimestamps(column: TypedColumn, start: number): void {
    const data = this.data;
    const digits = this.reading;
    for (let i = 0; i < column.size; i++) {
      const raw = data[start + i] as number | bigint | null | undefined;
      if (raw === null || raw === undefined) {
        column.setValue(i, null);
        continue;
      }
      const length = writeTimestamp(raw, digits);
      if (length < 0) column.setValue(i, this.value(start + i)); // a year outside 0000–9999: read as its text
      else setWritten(column, i, length);
    }
  }

  /** Dates from their count of days, as fillTimestamps. */
  private fillDates(column: TypedColumn, start: number): void {
    const data = this.data;
    for (let i = 0; i < column.size; i++) {
      const raw = data[start + i] as number | null | undefined;
      if (raw === null || raw === undefined) {
        column.setValue(i, null);
        continue;
      }
      const length = writeDate(raw);
      if (length < 0) column.setValue(i, this.value(start + i));
      else setWritten(column, i, length);
    }
  }
}

/**
 * Slot i as the timestamp whose ISO text parquet-time wrote last, `length` characters: what setText gives for that
 * text (a TIMESTAMP, the milliseconds parseTimestamp reads, the text's hash and length).
 */
function setWritten(column: TypedColumn, i: number, length: number): void {
  hashWritten(length);
  column.setTimestamp(i, written.ms, length);
}
