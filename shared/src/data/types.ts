import type { TypedColumn } from './typed-column';

/**
 * What the data readers give to the profiler and the contract checks: batches of rows, each row with the line
 * of the file it came from, so a failing value can be pointed at (`::error file=…,line=…::`).
 */

/**
 * One value as read. CSV and TSV give strings (an empty field is null); JSON Lines gives JSON scalars, with
 * objects and arrays as their JSON text; Parquet gives its typed values (timestamps as ISO 8601 strings,
 * 64-bit integers as numbers when they are safe integers, else as decimal strings).
 */
export type Value = string | number | boolean | null;

export interface RecordBatch {
  /** The file as the user named it, relative to the workspace, with `/`. */
  readonly file: string;
  /** The file's columns, in file order (CSV header, the keys of the first JSON Lines record, Parquet schema). */
  readonly columns: readonly string[];
  /** How many rows the batch holds. */
  readonly size: number;
  /** The 1-based line where each row starts (Parquet: the 1-based row number). */
  readonly lines: readonly number[];
  /**
   * Column j's values, read once into typed arrays (made on the first call, then the same object): what the
   * profile and the contract's checks read. A missing JSON key is null.
   */
  column(j: number): TypedColumn;
  /** Row-major: rows[i][j] is the value of columns[j] (made on demand by readers that read by column). */
  readonly rows: readonly Value[][];
  /** JSON Lines only: each row's parsed record, for the contract's records JSON Schema. */
  readonly records?: readonly unknown[];
  /** The rows `keep` (ascending indices) as a batch of the same kind, where a reader can do better than `rows`. */
  pick?(keep: readonly number[]): RecordBatch;
}

/** Which part of the input a matrix job validates: `shard: i/n` with 1 ≤ i ≤ n. */
export interface Shard {
  index: number;
  count: number;
}
