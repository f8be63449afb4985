import { open, type FileHandle } from 'node:fs/promises';
import { flatten, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type ColumnData, type DecodedArray, type FileMetaData, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { ConfigurationError, quote } from '../errors';
import { rowsPerBatch } from './batch';
import { AS_IS, ISO_PARSERS, ParquetColumn, RAW_PARSERS, parquetReadingOf } from './parquet-column';
import { TypedColumn } from './typed-column';
import type { RecordBatch, Value } from './types';

export { isoTimestamp } from './parquet-time';

/**
 * Parquet with hyparquet (pure JavaScript) and hyparquet-compressors (Snappy, gzip, zstd, Brotli, LZ4). The file
 * is read through a file handle, range by range, one row group at a time, so memory holds one row group (its
 * column chunks and its decoded columns), never the whole file. A row group is decoded column by column and read
 * the same way: a batch's column(j) reads straight from column j's decoded values (parquet-column.ts), and its
 * row-major rows are made only when asked for, so no value goes through a row on the way to the profile and the
 * checks.
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
  /** A file of no rows is an error; without it, it gives one batch with no rows, so its columns are known. */
  requireRows?: boolean;
}

/** What a Parquet file that cannot be read was expected to be, before hyparquet's own words. */
const EXPECTED_PARQUET = 'expected a complete Parquet file ("PAR1", the column chunks, the footer metadata and "PAR1" again)';

export async function* readParquetFile(absolutePath: string, name: string, options: ParquetReadOptions): AsyncGenerator<RecordBatch> {
  let handle: FileHandle;
  try {
    handle = await open(absolutePath, 'r');
  } catch (error) {
    throw new ConfigurationError(`${quote(name)} cannot be read: ${(error as Error).message}`, { file: name });
  }
  /** `what` went wrong, what was expected, then hyparquet's detail (its words can be JavaScript's: "Cannot read properties of undefined"). */
  const invalid = (what: string, error: unknown): ConfigurationError => {
    const detail = error instanceof Error ? error.message : String(error);
    return new ConfigurationError(`${quote(name)} is not a valid Parquet file: ${what}; ${EXPECTED_PARQUET} (${detail.replace(/\s*\n\s*/g, ' ')})`, { file: name });
  };
  try {
    const size = (await handle.stat()).size;
    if (size < 12) {
      throw new ConfigurationError(`${quote(name)} is not a valid Parquet file: it has ${size} bytes, fewer than Parquet's 4-byte header and 8-byte footer; ${EXPECTED_PARQUET}`, {
        file: name,
      });
    }
    let bytesRead = 0;
    const file = fileBuffer(handle, size, (bytes) => {
      bytesRead += bytes;
    });
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file, { parsers: ISO_PARSERS });
    } catch (error) {
      throw invalid('its footer metadata cannot be read', error);
    }
    let schema: SchemaTree[];
    try {
      schema = parquetSchema(metadata).children;
    } catch (error) {
      throw invalid('its schema cannot be read', error);
    }
    const columns = schema.map((child) => child.element.name);
    const seen = new Map<string, number>();
    columns.forEach((column, index) => {
      const before = seen.get(column);
      if (before !== undefined) {
        throw new ConfigurationError(
          `${quote(name)} has a schema that names column ${quote(column)} twice (columns ${before + 1} and ${index + 1}); expected unique column names`,
          { file: name },
        );
      }
      seen.set(column, index);
    });
    const totalRows = metadata.row_groups.reduce((sum, group) => sum + Number(group.num_rows), 0);
    if (totalRows === 0 && options.requireRows) {
      throw new ConfigurationError(`${quote(name)} has no rows (its schema names ${columns.length} column${columns.length === 1 ? '' : 's'}); expected at least one row`, { file: name });
    }
    const step = rowsPerBatch(options.batchRows, columns.length);
    let rowStart = 0;
    let yielded = false;
    for (const [index, group] of metadata.row_groups.entries()) {
      const groupRows = Number(group.num_rows);
      if (groupRows === 0) continue;
      let decoded: ParquetColumn[];
      try {
        decoded = await readRowGroup({ file, metadata, rowStart, rowEnd: rowStart + groupRows }, schema);
      } catch (error) {
        throw invalid(`row group ${index + 1} of ${metadata.row_groups.length} (rows ${rowStart + 1} to ${rowStart + groupRows}) cannot be decoded`, error);
      }
      options.onProgress?.(bytesRead, groupRows);
      bytesRead = 0;
      for (let start = 0; start < groupRows; start += step) {
        yielded = true;
        yield new ParquetBatch(name, columns, decoded, start, Math.min(groupRows, start + step), rowStart);
      }
      rowStart += groupRows;
    }
    if (!yielded) yield new ParquetBatch(name, columns, columns.map(() => new ParquetColumn([], AS_IS)), 0, 0, 0);
  } finally {
    await handle.close();
  }
}

interface GroupRange {
  file: AsyncBuffer;
  metadata: FileMetaData;
  rowStart: number;
  rowEnd: number;
}

/** A column hyparquet decodes page by page into one array of values, one per row (no struct, list or map). */
function isFlat(child: SchemaTree): boolean {
  return child.children.length === 0 && child.element.repetition_type !== 'REPEATED';
}

/**
 * One row group's top-level columns, each decoded into one array of values (hyparquet's onChunk: no rows are
 * assembled). Flat columns are read with RAW_PARSERS, nested ones with ISO_PARSERS (parquet-column.ts): two reads
 * of the row group when it has both.
 */
async function readRowGroup(range: GroupRange, schema: readonly SchemaTree[]): Promise<ParquetColumn[]> {
  const chunks = new Map<string, DecodedArray[]>();
  const onChunk = (chunk: ColumnData): void => {
    const list = chunks.get(chunk.columnName);
    if (list) list.push(chunk.columnData);
    else chunks.set(chunk.columnName, [chunk.columnData]);
  };
  const flat = schema.filter(isFlat).map((child) => child.element.name);
  const nested = schema.filter((child) => !isFlat(child)).map((child) => child.element.name);
  if (flat.length > 0) await parquetRead({ ...range, columns: flat, compressors, parsers: RAW_PARSERS, onChunk });
  if (nested.length > 0) await parquetRead({ ...range, columns: nested, compressors, parsers: ISO_PARSERS, onChunk });
  const rows = range.rowEnd - range.rowStart;
  return schema.map((child) => {
    const name = child.element.name;
    // A column of several pages comes as several chunks, in row order.
    const data = flatten(chunks.get(name));
    if (data.length !== rows) throw new Error(`a row group of ${rows} rows gave ${data.length} values of column ${quote(name)}`);
    return new ParquetColumn(data, isFlat(child) ? parquetReadingOf(child.element) : AS_IS);
  });
}

/**
 * Rows start … end − 1 of a row group, read by column from the row group's decoded columns: column(j) reads
 * column j into a TypedColumn on first use; the row-major rows are made only if asked for.
 */
class ParquetBatch implements RecordBatch {
  readonly file: string;
  readonly columns: readonly string[];
  readonly lines: readonly number[];
  /**
   * An own enumerable property (a getter, defined in the constructor) so that a batch compares and prints as the
   * other readers' batches do: file, columns, rows, lines.
   */
  declare readonly rows: readonly Value[][];
  readonly #decoded: readonly ParquetColumn[];
  readonly #start: number;
  readonly #typed: Array<TypedColumn | undefined> = [];
  #rows: Value[][] | undefined;

  /** `rowStart`: the row group's first row in the file (0-based), for the lines. */
  constructor(file: string, columns: readonly string[], decoded: readonly ParquetColumn[], start: number, end: number, rowStart: number) {
    this.file = file;
    this.columns = columns;
    this.#decoded = decoded;
    this.#start = start;
    const lines: number[] = new Array(end - start);
    for (let i = 0; i < lines.length; i++) lines[i] = rowStart + start + i + 1;
    this.lines = lines;
    Object.defineProperty(this, 'rows', { enumerable: true, get: () => (this.#rows ??= this.#makeRows()) });
  }

  get size(): number {
    return this.lines.length;
  }

  column(j: number): TypedColumn {
    let typed = this.#typed[j];
    if (typed === undefined) {
      const decoded = this.#decoded[j];
      if (decoded === undefined) throw new RangeError(`no column ${j} in a batch of ${this.columns.length}`);
      const start = this.#start;
      typed = new TypedColumn(this.size, (i) => decoded.value(start + i));
      decoded.fill(typed, start);
      this.#typed[j] = typed;
    }
    return typed;
  }

  #makeRows(): Value[][] {
    const rows: Value[][] = new Array(this.size);
    for (let i = 0; i < rows.length; i++) {
      const row: Value[] = new Array(this.#decoded.length);
      for (let j = 0; j < row.length; j++) row[j] = (this.#decoded[j] as ParquetColumn).value(this.#start + i);
      rows[i] = row;
    }
    return rows;
  }
}

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

