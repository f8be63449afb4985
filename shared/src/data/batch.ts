import { TypedColumn, typedColumnOf } from './typed-column';
import type { RecordBatch, Value } from './types';

/**
 * How big a batch is. A batch holds at most `batchRows` rows and at most {@link MAX_BATCH_VALUES} values (rows ×
 * columns), whichever is fewer. The second bound keeps a batch small enough to die young in V8's heap: on a
 * 500 MB CSV of 20 columns, batches of 8,192 rows (163,840 values) outlive the young generation, are promoted,
 * and make the read 2.7 times slower with 130 MB more peak RSS than batches of 1,024 to 2,048 rows. At 20
 * columns the bound gives 1,638 rows a batch; at 4 columns, 8,192.
 */
export const MAX_BATCH_VALUES = 32_768;

export function rowsPerBatch(batchRows: number, columns: number): number {
  return Math.max(1, Math.min(batchRows, Math.floor(MAX_BATCH_VALUES / Math.max(1, columns))));
}

export interface RowBatchParts {
  file: string;
  columns: readonly string[];
  rows: readonly Value[][];
  lines: readonly number[];
  records?: readonly unknown[];
}

/** A batch of row-major values (JSON Lines, a shard's pick of rows, tests): its typed columns read on first use. */
export class RowBatch implements RecordBatch {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly Value[][];
  readonly lines: readonly number[];
  readonly records?: readonly unknown[];
  readonly #typed: Array<TypedColumn | undefined> = [];

  constructor(parts: RowBatchParts) {
    this.file = parts.file;
    this.columns = parts.columns;
    this.rows = parts.rows;
    this.lines = parts.lines;
    if (parts.records) this.records = parts.records;
  }

  get size(): number {
    return this.rows.length;
  }

  column(j: number): TypedColumn {
    return (this.#typed[j] ??= typedColumnOf(this.rows, j));
  }
}

/** The rows `keep` (ascending indices) of a batch, as a batch of their own: the batch's own pick, else by its rows. */
export function pickRows(batch: RecordBatch, keep: readonly number[]): RecordBatch {
  if (batch.pick) return batch.pick(keep);
  const rows = batch.rows;
  const parts: RowBatchParts = { file: batch.file, columns: batch.columns, rows: keep.map((i) => rows[i] as Value[]), lines: keep.map((i) => batch.lines[i] as number) };
  if (batch.records) parts.records = keep.map((i) => batch.records?.[i]);
  return new RowBatch(parts);
}
