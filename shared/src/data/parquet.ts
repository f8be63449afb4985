import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ConfigurationError, quote } from '../errors';
import { rowsPerBatch } from './batch';
import type { RecordBatch, Value } from './types';
import { toValue } from './values';

/**
 * Parquet with hyparquet (pure JavaScript) and hyparquet-compressors (Snappy, gzip, zstd, Brotli, LZ4). The file
 * is read through a file handle, range by range, one row group at a time, so memory holds one row group (its
 * column chunks and its rows), never the whole file.
 *
 * Columns are the top-level fields of the schema. Each row's `line` is its 1-based row number in the file.
 * Values:
 * - booleans, strings, 32-bit integers, floats and doubles as they are (NaN and ±Infinity stay numbers);
 * - 64-bit integers as numbers when they are safe integers (|n| ≤ 2^53 − 1), else as decimal strings;
 * - DECIMAL as numbers (a double, as hyparquet gives them);
 * - timestamps (TIMESTAMP millis/micros/nanos, INT96) as ISO 8601 UTC strings with as many fractional digits as
 *   the unit has (`2024-01-02T03:04:05.123456Z`); DATE as `YYYY-MM-DD`;
 * - JSON columns as their JSON text; lists, maps and structs as JSON text; binary as base64.
 */
export interface ParquetReadOptions {
  batchRows: number;
  onProgress?: (bytes: number, rows: number) => void;
}

export async function* readParquetFile(absolutePath: string, name: string, options: ParquetReadOptions): AsyncGenerator<RecordBatch> {
  let handle: FileHandle;
  try {
    handle = await open(absolutePath, 'r');
  } catch (error) {
    throw new ConfigurationError(`${quote(name)} cannot be read: ${(error as Error).message}`);
  }
  const invalid = (error: unknown): ConfigurationError =>
    new ConfigurationError(`${quote(name)} is not a valid Parquet file: ${(error as Error).message ?? String(error)}`);
  try {
    const size = (await handle.stat()).size;
    if (size < 12) throw invalid(new Error(`it has ${size} bytes, fewer than Parquet's 4-byte header and 8-byte footer`));
    let bytesRead = 0;
    const file = fileBuffer(handle, size, (bytes) => {
      bytesRead += bytes;
    });
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file, { parsers: PARSERS });
    } catch (error) {
      throw invalid(error);
    }
    const columns = parquetSchema(metadata).children.map((child) => child.element.name);
    let rowStart = 0;
    let yielded = false;
    for (const group of metadata.row_groups) {
      const groupRows = Number(group.num_rows);
      if (groupRows === 0) continue;
      let rows: unknown[][] = [];
      try {
        await parquetRead({
          file,
          metadata,
          rowStart,
          rowEnd: rowStart + groupRows,
          compressors,
          parsers: PARSERS,
          rowFormat: 'array',
          onComplete: (complete: unknown[][]) => {
            rows = complete;
          },
        });
      } catch (error) {
        throw invalid(error);
      }
      if (rows.length !== groupRows) throw invalid(new Error(`a row group of ${groupRows} rows gave ${rows.length}`));
      options.onProgress?.(bytesRead, rows.length);
      bytesRead = 0;
      const step = rowsPerBatch(options.batchRows, columns.length);
      for (let start = 0; start < rows.length; start += step) {
        const end = Math.min(rows.length, start + step);
        const batchRows: Value[][] = new Array(end - start);
        const lines: number[] = new Array(end - start);
        for (let i = start; i < end; i++) {
          const row = rows[i] as unknown[];
          for (let j = 0; j < row.length; j++) row[j] = toValue(row[j]);
          batchRows[i - start] = row as Value[];
          lines[i - start] = rowStart + i + 1;
          rows[i] = EMPTY; // let the converted row go with its batch
        }
        yielded = true;
        yield { file: name, columns, rows: batchRows, lines };
      }
      rowStart += groupRows;
    }
    if (!yielded) yield { file: name, columns, rows: [], lines: [] };
  } finally {
    await handle.close();
  }
}

const EMPTY: unknown[] = [];

/** An AsyncBuffer that reads byte ranges of an open file. */
function fileBuffer(handle: FileHandle, size: number, onRead: (bytes: number) => void): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const from = Math.max(0, Math.min(start, size));
      const to = Math.max(from, Math.min(end, size));
      const buffer = new Uint8Array(to - from);
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, from + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      onRead(done);
      return done === buffer.length ? buffer.buffer : buffer.buffer.slice(0, done);
    },
  };
}

const textDecoder = new TextDecoder();

/** hyparquet's hooks for logical types: timestamps and dates as ISO 8601 text, JSON as its text. */
const PARSERS = {
  timestampFromMilliseconds: (millis: bigint): string => isoTimestamp(BigInt(millis), 3),
  timestampFromMicroseconds: (micros: bigint): string => isoTimestamp(BigInt(micros), 6),
  timestampFromNanoseconds: (nanos: bigint): string => isoTimestamp(BigInt(nanos), 9),
  dateFromDays: (days: number): string => isoTimestamp(BigInt(days) * 86_400n, 0).slice(0, -10), // without "T00:00:00Z"
  jsonFromBytes: (bytes: Uint8Array | undefined): string | undefined => (bytes ? textDecoder.decode(bytes) : undefined),
};

/** `value` units of 10^-digits seconds since the epoch as ISO 8601 UTC with `digits` fractional digits. */
export function isoTimestamp(value: bigint, digits: number): string {
  // Most timestamps fit a double exactly (milliseconds always, microseconds until 2255): format those with Number
  // arithmetic, about 10× faster than BigInt division and Date.toISOString on every value of a timestamp column.
  if (value >= -MAX_SAFE && value <= MAX_SAFE) {
    const fast = isoFromNumber(Number(value), digits);
    if (fast !== null) return fast;
  }
  const scale = 10n ** BigInt(digits);
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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const SCALES = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
/** Seconds from the epoch to 0000-01-01 and to 10000-01-01: toISOString writes 4-digit years only between. */
const FIRST_SECOND = -62_167_219_200;
const END_SECOND = 253_402_300_800;

/** isoTimestamp for a safe integer count of 10^-digits seconds, in years 0000–9999; else null. */
function isoFromNumber(value: number, digits: number): string | null {
  const scale = SCALES[digits];
  if (scale === undefined) return null;
  const seconds = Math.floor(value / scale);
  const fraction = value - seconds * scale;
  if (seconds < FIRST_SECOND || seconds >= END_SECOND) return null;
  const days = Math.floor(seconds / 86_400);
  let rest = seconds - days * 86_400;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const second = rest - minute * 60;
  // H. Hinnant's civil_from_days.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const whole = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
  return digits === 0 ? `${whole}Z` : `${whole}.${pad(fraction, digits)}Z`;
}

function pad(value: number, width: number): string {
  const text = String(value);
  return text.length >= width ? text : '0'.repeat(width - text.length) + text;
}
