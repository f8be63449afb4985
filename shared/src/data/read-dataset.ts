import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, prefixed, quote } from '../errors';
import { expandGlobs } from '../files/globs';
import type { Clock, Logger } from '../ports';
import { ProgressReporter } from '../progress';
import { readDelimitedFile } from './csv';
import { readJsonLinesFile } from './jsonl';
import { readParquetFile } from './parquet';
import { pickRows } from './batch';
import { planShard } from './shard';
import type { RecordBatch, Shard } from './types';

export { planShard, type ShardPlan } from './shard';

export const DEFAULT_BATCH_ROWS = 8192;

export interface ReadDatasetOptions {
  /** Where the globs are relative to (the workspace); batches name files relative to it. */
  cwd: string;
  logger: Logger;
  clock?: Clock;
  /** Rows per batch at most (default 8192); fewer for wide files, at most 32,768 values a batch (see batch.ts). */
  batchRows?: number;
  shard?: Shard;
  /** The input's name for error messages; default 'data'. */
  label?: string;
  /** Milliseconds between progress lines; default 5000. */
  progressIntervalMs?: number;
}

export type DataFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

/** The extensions the readers know; the text formats may also end in `.gz`. */
export const KNOWN_EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.ndjson', '.parquet'] as const;

/** The format and compression of a file, from its name; undefined when the extension is unknown. */
export function formatOf(file: string): { format: DataFormat; gzip: boolean } | undefined {
  const lower = file.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  if (base.endsWith('.csv')) return { format: 'csv', gzip };
  if (base.endsWith('.tsv')) return { format: 'tsv', gzip };
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return { format: 'jsonl', gzip };
  if (base.endsWith('.parquet') && !gzip) return { format: 'parquet', gzip };
  return undefined;
}

/**
 * The files the patterns name, relative to `cwd` with `/`, sorted by their UTF-8 bytes. One glob per entry; an
 * entry starting with `!` excludes. A glob that matches no file is a ConfigurationError, and so is a file
 * whose extension no reader knows.
 */
export async function listDataFiles(patterns: readonly string[], cwd: string, label = 'data'): Promise<string[]> {
  if (!patterns.some((p) => p.trim() !== '' && !p.trim().startsWith('!'))) {
    throw new ConfigurationError(`${label}: no file pattern given; expected one glob per line, such as data/*.csv`);
  }
  const files = await expandGlobs(patterns, cwd, { label });
  for (const file of files) {
    if (!formatOf(file)) {
      throw new ConfigurationError(
        `${label}: ${quote(file)} is not a data file this action reads; expected a name ending in ${KNOWN_EXTENSIONS.join(', ')} (the text formats also with .gz)`,
        { file },
      );
    }
  }
  return files;
}

/**
 * Reads the files the patterns name as batches of rows, file after file in sorted order, in constant memory
 * (each reader holds one chunk of text, or one Parquet row group, and one batch). With a shard, only that
 * shard's part of the input (see {@link planShard}). Every file that is read gives at least one batch (with no
 * rows when the shard keeps none of its rows, so its columns are known). A file that is not what its name says is
 * a ConfigurationError naming the file, the line, and what was expected; so is a file with no rows (an empty or
 * blank-only JSON Lines file, a CSV of a header alone, a Parquet file of 0 rows): data with no rows is a mistake,
 * not a dataset that passes every check.
 */
export async function* readDataset(patterns: string[], options: ReadDatasetOptions): AsyncGenerator<RecordBatch> {
  const label = options.label ?? 'data';
  const batchRows = Math.max(1, Math.floor(options.batchRows ?? DEFAULT_BATCH_ROWS));
  const plan = planShard(await listDataFiles(patterns, options.cwd, label), options.shard);
  let rowNumber = 0;
  for (const file of plan.files) {
    const absolute = path.resolve(options.cwd, file);
    const { format, gzip } = formatOf(file) as { format: DataFormat; gzip: boolean };
    const size = (await stat(absolute)).size;
    const progress = new ProgressReporter(`Reading ${file}`, size, options.logger, options.clock, options.progressIntervalMs);
    const onProgress = (bytes: number, rows: number): void => progress.add(bytes, rows);
    const batches = namingTheInput(
      label,
      format === 'parquet'
        ? readParquetFile(absolute, file, { batchRows, onProgress, requireRows: true })
        : format === 'jsonl'
          ? readJsonLinesFile(absolute, file, { gzip, batchRows, onProgress, requireRows: true })
          : readDelimitedFile(absolute, file, { delimiter: format === 'tsv' ? '\t' : ',', gzip, batchRows, onProgress, requireRows: true }),
    );
    if (!plan.rows) {
      yield* batches;
      continue;
    }
    const { modulus, remainder } = plan.rows;
    let yielded = false;
    let last: RecordBatch | undefined;
    for await (const batch of batches) {
      last = batch;
      const keep: number[] = [];
      for (let i = 0; i < batch.size; i++, rowNumber++) if (rowNumber % modulus === remainder) keep.push(i);
      if (keep.length === 0) continue;
      yielded = true;
      yield pickRows(batch, keep);
    }
    if (!yielded && last) yield pickRows(last, []);
  }
}

/** The readers name the file and line; the user also needs the input they came from, as every message gives. */
async function* namingTheInput(label: string, batches: AsyncGenerator<RecordBatch>): AsyncGenerator<RecordBatch> {
  try {
    yield* batches;
  } catch (error) {
    if (error instanceof ConfigurationError) throw prefixed(error, `${label}: `);
    throw error;
  }
}
