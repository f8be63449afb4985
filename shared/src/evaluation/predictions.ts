/**
 * Reading a predictions file (one model's per-example outputs on the test set) and pairing two of them by id.
 *
 * The file is CSV, TSV or JSON Lines (optionally .gz), read with the shared data readers, so the parsing rules
 * and the `"<file>" line <n>: …` errors are those of validate-data. Columns (names configurable):
 *
 * - `id`: the row's key; text or a number (a JSON number is matched by its shortest text, `7` ≡ `"7"`).
 * - `label`: the true value; a class (text, number or boolean) or a number for regression.
 * - `prediction`: the predicted class or value (optional when scores are given for classification).
 * - `score`: the probability of the positive class (binary).
 * - `score_<class>`: the probability of each class (multiclass; also accepted for binary). The prefix is
 *   configurable; `<class>` is the class as written in the label column.
 * - any other column may be named as a slice column.
 *
 * Values are kept as read here; what a metric needs of them (classes, numbers, probabilities) is checked when the
 * metric is prepared (see prepare.ts), so a file of class labels can still be paired and used for accuracy.
 */
import path from 'node:path';
import { readDelimitedFile } from '../data/csv';
import { readJsonLinesFile } from '../data/jsonl';
import { formatOf } from '../data/read-dataset';
import type { RecordBatch, Value } from '../data/types';
import { ConfigurationError, prefixed, quote } from '../errors';
import { parseDecimal } from '../data/values';

export interface PredictionColumns {
  id: string;
  label: string;
  prediction: string;
  score: string;
  /** Per-class probability columns are `<scorePrefix><class>`. */
  scorePrefix: string;
  /** Columns to keep for slicing (must exist in the file). */
  slices: readonly string[];
}

export const DEFAULT_PREDICTION_COLUMNS: PredictionColumns = {
  id: 'id',
  label: 'label',
  prediction: 'prediction',
  score: 'score',
  scorePrefix: 'score_',
  slices: [],
};

export interface ReadPredictionsOptions {
  /** Where `file` is relative to (the workspace). */
  cwd: string;
  /** Column names; any left out take their default. */
  columns?: Partial<PredictionColumns>;
  /** The input's name for error messages, e.g. `candidate-predictions`; default `predictions`. */
  input?: string;
}

/** One model's predictions as read: one entry per row, in file order. */
export interface PredictionsTable {
  /** The input's name (for messages). */
  input: string;
  /** The file as the user named it. */
  file: string;
  columns: PredictionColumns;
  rows: number;
  /** Each row's id, as text. */
  ids: string[];
  /** The 1-based line each row starts on. */
  lines: Int32Array;
  labels: Value[];
  /** null when the file has no prediction column. */
  predictions: Value[] | null;
  /** The `score` column as read (null when absent). */
  score: Value[] | null;
  /** The `score_<class>` columns as read: class text (as written in the header) → values. */
  classScores: Map<string, Value[]>;
  /** The slice columns' values as text (null for an empty value). */
  slices: Map<string, (string | null)[]>;
}

/** Reads one predictions file whole (a test set's predictions fit in memory; the metrics need all rows anyway). */
export async function readPredictions(file: string, options: ReadPredictionsOptions): Promise<PredictionsTable> {
  const input = options.input ?? 'predictions';
  const columns: PredictionColumns = { ...DEFAULT_PREDICTION_COLUMNS, ...options.columns };
  const kind = formatOf(file);
  if (!kind || kind.format === 'parquet') {
    throw new ConfigurationError(`${input}: ${quote(file)} is not a predictions file this action reads; expected a name ending in .csv, .tsv, .jsonl or .ndjson (optionally .gz)`);
  }
  const absolute = path.resolve(options.cwd, file);
  const read = { gzip: kind.gzip, batchRows: 8192 };
  const batches =
    kind.format === 'jsonl' ? readJsonLinesFile(absolute, file, read) : readDelimitedFile(absolute, file, { ...read, delimiter: kind.format === 'tsv' ? '\t' : ',' });

  const table: PredictionsTable = {
    input,
    file,
    columns,
    rows: 0,
    ids: [],
    lines: new Int32Array(0),
    labels: [],
    predictions: null,
    score: null,
    classScores: new Map(),
    slices: new Map(columns.slices.map((name) => [name, []])),
  };
  const lines: number[] = [];
  const seen = new Map<string, number>();
  const fail = (line: number, message: string): never => {
    throw new ConfigurationError(`${input}: ${quote(file)} line ${line}: ${message}`);
  };
  try {
    let allColumns: readonly string[] = [];
    for await (const batch of batches) {
      // A CSV header names every column at once: a missing one is said before any row is blamed for it.
      if (kind.format !== 'jsonl' && allColumns.length === 0) checkColumns(batch.columns, columns, input, file, null);
      allColumns = batch.columns;
      const at = indexColumns(batch, columns);
      if (at.prediction >= 0 && !table.predictions) table.predictions = new Array<Value>(table.rows).fill(null);
      if (at.score >= 0 && !table.score) table.score = new Array<Value>(table.rows).fill(null);
      for (const [name] of at.classScores) if (!table.classScores.has(name)) table.classScores.set(name, new Array<Value>(table.rows).fill(null));
      for (let r = 0; r < batch.rows.length; r++) {
        const row = batch.rows[r] as Value[];
        const line = batch.lines[r] as number;
        const id = row[at.id] ?? null;
        if (id === null || id === '') fail(line, `the id column ${quote(columns.id)} is empty; expected an id for every row`);
        const key = typeof id === 'string' ? id : String(id);
        const before = seen.get(key);
        if (before !== undefined) fail(line, `duplicate id ${quote(key)} (first on line ${lines[before]}); expected each id once`);
        const label = at.label >= 0 ? (row[at.label] ?? null) : null;
        if (label === null || label === '') fail(line, `the label column ${quote(columns.label)} is empty for id ${quote(key)}; expected the true value for every row`);
        seen.set(key, table.rows);
        table.ids.push(key);
        lines.push(line);
        table.labels.push(label);
        table.predictions?.push(at.prediction >= 0 ? (row[at.prediction] ?? null) : null);
        table.score?.push(at.score >= 0 ? (row[at.score] ?? null) : null);
        for (const [name, values] of table.classScores) {
          const index = at.classScores.get(name);
          values.push(index === undefined ? null : (row[index] ?? null));
        }
        for (const [name, values] of table.slices) {
          const index = at.slices.get(name);
          const value = index === undefined ? null : (row[index] ?? null);
          values.push(value === null || value === '' ? null : String(value));
        }
        table.rows++;
      }
    }
    checkColumns(allColumns, columns, input, file, table);
  } catch (error) {
    if (error instanceof ConfigurationError) throw prefixed(error, `${input}: `);
    throw error;
  }
  if (table.rows === 0) throw new ConfigurationError(`${input}: ${quote(file)} has no rows; expected one row of predictions per test example`);
  table.lines = Int32Array.from(lines);
  return table;
}

interface ColumnIndexes {
  id: number;
  label: number;
  prediction: number;
  score: number;
  classScores: Map<string, number>;
  slices: Map<string, number>;
}

function indexColumns(batch: RecordBatch, columns: PredictionColumns): ColumnIndexes {
  const at: ColumnIndexes = {
    id: batch.columns.indexOf(columns.id),
    label: batch.columns.indexOf(columns.label),
    prediction: batch.columns.indexOf(columns.prediction),
    score: batch.columns.indexOf(columns.score),
    classScores: new Map(),
    slices: new Map(),
  };
  batch.columns.forEach((name, index) => {
    if (columns.scorePrefix !== '' && name.startsWith(columns.scorePrefix) && name.length > columns.scorePrefix.length && name !== columns.score) {
      at.classScores.set(name.slice(columns.scorePrefix.length), index);
    }
  });
  for (const name of columns.slices) {
    const index = batch.columns.indexOf(name);
    if (index >= 0) at.slices.set(name, index);
  }
  return at;
}

/** The required columns exist (JSON Lines: in some row); with the table, also a prediction or score column. */
function checkColumns(present: readonly string[], columns: PredictionColumns, input: string, file: string, table: PredictionsTable | null): void {
  const missing = (what: string, name: string): never => {
    throw new ConfigurationError(`${input}: ${quote(file)} has no ${what} column ${quote(name)}; its columns are ${present.map((c) => quote(c)).join(', ')}`);
  };
  if (!present.includes(columns.id)) missing('id', columns.id);
  if (!present.includes(columns.label)) missing('label', columns.label);
  for (const name of columns.slices) if (!present.includes(name)) missing('slice', name);
  if (table && !table.predictions && !table.score && table.classScores.size === 0) {
    throw new ConfigurationError(
      `${input}: ${quote(file)} has no ${quote(columns.prediction)}, ${quote(columns.score)} or ${quote(`${columns.scorePrefix}<class>`)} column; expected predictions or scores`,
    );
  }
}

/** Two models' predictions on the same rows, in the candidate file's row order. */
export interface PairedPredictions {
  rows: number;
  ids: readonly string[];
  candidate: PredictionsTable;
  /** The baseline's table reordered to the candidate's rows (its `lines` still point into its own file). */
  baseline: PredictionsTable;
}

/**
 * Matches the baseline's rows to the candidate's by id. Both files must hold the same ids (each once: the reader
 * checked) with the same label; anything else is a ConfigurationError naming the file, the line and the id, since
 * metrics on different rows or labels would compare nothing.
 */
export function pairPredictions(candidate: PredictionsTable, baseline: PredictionsTable): PairedPredictions {
  const baselineRow = new Map<string, number>();
  baseline.ids.forEach((id, row) => baselineRow.set(id, row));
  const order = new Int32Array(candidate.rows);
  for (let row = 0; row < candidate.rows; row++) {
    const id = candidate.ids[row] as string;
    const other = baselineRow.get(id);
    if (other === undefined) {
      throw new ConfigurationError(
        `${candidate.input}: ${quote(candidate.file)} line ${candidate.lines[row]}: id ${quote(id)} is not in ${baseline.input} ${quote(baseline.file)}; expected both models' predictions on the same rows`,
      );
    }
    const a = candidate.labels[row] as Value;
    const b = baseline.labels[other] as Value;
    if (!sameLabel(a, b)) {
      throw new ConfigurationError(
        `${baseline.input}: ${quote(baseline.file)} line ${baseline.lines[other]}: id ${quote(id)} has label ${quote(b)}, but ${quote(a)} in ${candidate.input} ${quote(candidate.file)} line ${candidate.lines[row]}; expected the same label for the same id`,
      );
    }
    order[row] = other;
  }
  if (baseline.rows !== candidate.rows) {
    const inCandidate = new Set(candidate.ids);
    const row = baseline.ids.findIndex((id) => !inCandidate.has(id));
    throw new ConfigurationError(
      `${baseline.input}: ${quote(baseline.file)} line ${baseline.lines[row]}: id ${quote(baseline.ids[row])} is not in ${candidate.input} ${quote(candidate.file)}; expected both models' predictions on the same rows`,
    );
  }
  return { rows: candidate.rows, ids: candidate.ids, candidate, baseline: pickRows(baseline, order) };
}

/** The same label when both read as the same number (`1`, `"1.0"`), else when their texts are equal. */
export function sameLabel(a: Value, b: Value): boolean {
  if (a === b) return true;
  const x = numberOf(a);
  const y = numberOf(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y;
  return String(a) === String(b);
}

/** A value as a number: a JSON number as is, a decimal text parsed; NaN otherwise (booleans included). */
export function numberOf(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseDecimal(value.trim());
  return Number.NaN;
}

/** The table's rows `rows` (indexes, in the order given): the baseline reordered to the candidate's, or a slice. */
export function pickRows(table: PredictionsTable, rows: Int32Array): PredictionsTable {
  const pick = <T>(values: T[]): T[] => Array.from(rows, (row) => values[row] as T);
  return {
    ...table,
    rows: rows.length,
    ids: pick(table.ids),
    lines: Int32Array.from(rows, (row) => table.lines[row] as number),
    labels: pick(table.labels),
    predictions: table.predictions ? pick(table.predictions) : null,
    score: table.score ? pick(table.score) : null,
    classScores: new Map([...table.classScores].map(([name, values]) => [name, pick(values)])),
    slices: new Map([...table.slices].map(([name, values]) => [name, pick(values)])),
  };
}
