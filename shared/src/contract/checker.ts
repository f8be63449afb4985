import type { ValidateFunction } from 'ajv';
import { BOOLEAN, DECIMAL, INTEGER, KIND, NATIVE, NULL, TIMESTAMP, type TypedColumn } from '../data/typed-column';
import type { RecordBatch, Value } from '../data/types';
import { parseBoolean, parseDecimal, parseTimestamp } from '../data/values';
import { hash, hashString } from '../hashing/hash64';
import { quote } from '../errors';
import type { Contract } from './contract';
import { compileRecordsSchema, describeRecordError } from './records';
import type { CheckFailure, CheckResult, ColumnContract, FinishContext, Severity } from './types';
import { UniqueTable, type UniqueOptions } from './unique';
import { isoOf, parseDuration, shown } from './values';

export interface CheckerOptions {
  /** How many failing rows each check keeps for the report (default 20). */
  maxFailuresPerCheck?: number;
  /** The memory budget and temporary directory of each `unique` column's table (default 16 MiB, os.tmpdir()). */
  unique?: UniqueOptions;
}

// Contract column types, numbered for a fast switch (distinct from the value kinds of typed-column.ts).
const ANY = 0;
const INTEGER_TYPE = 1;
const NUMBER = 2;
const STRING = 3;
const BOOLEAN_TYPE = 4;
const TIMESTAMP_TYPE = 5;
const CATEGORY = 6;
const KINDS: Record<string, number> = { integer: INTEGER_TYPE, number: NUMBER, string: STRING, boolean: BOOLEAN_TYPE, timestamp: TIMESTAMP_TYPE, category: CATEGORY };

/** Allowed lists this long or shorter are checked by hash (a scan of a few pairs); longer ones by text in a Set. */
const MAX_HASHED_ALLOWED = 16;

/** Whether the pair (high, low) is among `hashes` (pairs side by side). */
function hasHash(hashes: Uint32Array, high: number, low: number): boolean {
  for (let i = 0; i < hashes.length; i += 2) if (hashes[i] === high && hashes[i + 1] === low) return true;
  return false;
}

/** A contract column type as a message says it of many values ("all 3 values are integers"). */
const KIND_WORDS: Record<number, string> = {
  [INTEGER_TYPE]: 'integers',
  [NUMBER]: 'numbers',
  [STRING]: 'strings',
  [BOOLEAN_TYPE]: 'booleans (true, false, 1 or 0)',
  [TIMESTAMP_TYPE]: 'timestamps (ISO 8601)',
  [CATEGORY]: 'category values (text)',
};

class Tally {
  failed = 0;
  readonly failures: CheckFailure[] = [];
}

/** The state of one column's checks. */
class ColumnState {
  readonly kind: number;
  readonly severity: Severity;
  readonly mostly: number;
  /** Its index in the current batch's columns, -1 when the file lacks it. */
  index = -1;
  rows = 0;
  nulls = 0;
  /** Non-null values. */
  present = 0;
  /** Non-null values of the column's type: what the value checks evaluated. */
  conforming = 0;
  newest = Number.NEGATIVE_INFINITY;
  readonly nullTally: Tally | undefined;
  readonly type: Tally | undefined;
  readonly min: Tally | undefined;
  readonly max: Tally | undefined;
  readonly minValue: number;
  readonly maxValue: number;
  readonly regex: RegExp | undefined;
  readonly regexTally: Tally | undefined;
  readonly allowedText: Set<string> | undefined;
  /**
   * The allowed texts' 64-bit hashes (hashString), high and low halves side by side, when there are at most
   * {@link MAX_HASHED_ALLOWED}: the reader hashed every value already, so a value is looked up without making its
   * text. Exact up to hash collisions (two texts share a 64-bit hash with probability 2⁻⁶⁴), as `unique` is.
   */
  readonly allowedHashes: Uint32Array | undefined;
  readonly allowedNumbers: Set<number> | undefined;
  readonly allowedTally: Tally | undefined;
  readonly minLength: Tally | undefined;
  readonly maxLength: Tally | undefined;
  readonly unique: UniqueTable | undefined;
  readonly uniqueTally: Tally | undefined;

  constructor(
    readonly spec: ColumnContract,
    uniqueOptions: UniqueOptions = {},
  ) {
    this.kind = spec.type === undefined ? ANY : (KINDS[spec.type] ?? ANY);
    this.severity = spec.severity ?? 'error';
    this.mostly = spec.mostly ?? 1;
    this.nullTally = spec.nullable === false || spec.maxNullFraction !== undefined ? new Tally() : undefined;
    this.type = this.kind === ANY ? undefined : new Tally();
    const bound = (value: number | string | undefined): number => (typeof value === 'string' ? parseTimestamp(value) : (value ?? Number.NaN));
    this.minValue = bound(spec.min);
    this.maxValue = bound(spec.max);
    this.min = spec.min === undefined ? undefined : new Tally();
    this.max = spec.max === undefined ? undefined : new Tally();
    this.regex = spec.regex === undefined ? undefined : new RegExp(spec.regex);
    this.regexTally = this.regex ? new Tally() : undefined;
    if (spec.allowed) {
      const numeric = this.kind === INTEGER_TYPE || this.kind === NUMBER || this.kind === TIMESTAMP_TYPE || this.kind === BOOLEAN_TYPE;
      if (numeric) {
        this.allowedNumbers = new Set(
          spec.allowed.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : typeof value === 'string' ? parseTimestamp(value) : value)),
        );
      } else {
        this.allowedText = new Set(spec.allowed.map((value) => String(value)));
        if (this.allowedText.size <= MAX_HASHED_ALLOWED) {
          this.allowedHashes = new Uint32Array(2 * this.allowedText.size);
          [...this.allowedText].forEach((text, i) => {
            hashString(text);
            (this.allowedHashes as Uint32Array)[2 * i] = hash.high;
            (this.allowedHashes as Uint32Array)[2 * i + 1] = hash.low;
          });
        }
      }
      this.allowedTally = new Tally();
    }
    this.minLength = spec.minLength === undefined ? undefined : new Tally();
    this.maxLength = spec.maxLength === undefined ? undefined : new Tally();
    this.unique = spec.unique ? new UniqueTable(uniqueOptions) : undefined;
    this.uniqueTally = spec.unique ? new Tally() : undefined;
  }
}

interface FileTallies {
  files: number;
  required: Tally;
  forbidden: Tally;
  order: Tally;
}

/**
 * Runs a contract's checks on record batches as they stream: file-level checks once per file, value checks row by row
 * (constant memory; `unique` up to a budget, then sorted runs on disk), dataset rules and `mostly` in `finish`.
 */
export class ContractChecker {
  private readonly max: number;
  private readonly columns: ColumnState[];
  private readonly byName: Map<string, ColumnState>;
  private readonly fileIndex = new Map<string, number>();
  private readonly fileNames: string[] = [];
  private readonly fileTallies: FileTallies = { files: 0, required: new Tally(), forbidden: new Tally(), order: new Tally() };
  private readonly records: ValidateFunction | undefined;
  private readonly recordsTally = new Tally();
  private recordsEvaluated = 0;
  private rowsSeen = 0;
  private planColumns: readonly string[] | undefined;
  private planFile: string | undefined;
  /**
   * The file being read: the columns seen in it so far (a JSON Lines file's grow batch by batch), its rows before
   * the current batch and its first line. Its required and forbidden columns are judged on all of them, when the
   * next file begins or at the end.
   */
  private current: { file: string; columns: Set<string>; rowsBefore: number; firstLine: number } | undefined;
  private active: ColumnState[] = [];
  /** For each column of the current batch, the contract column that types it in a record built from a row. */
  private rowTypes: Array<ColumnState | undefined> = [];

  constructor(
    readonly contract: Contract,
    options: CheckerOptions = {},
  ) {
    this.max = options.maxFailuresPerCheck ?? 20;
    this.columns = contract.columns.map((column) => new ColumnState(column, { keep: this.max, ...options.unique }));
    this.byName = new Map(this.columns.map((state) => [state.spec.name, state]));
    this.records = contract.spec.records === undefined ? undefined : compileRecordsSchema(contract.spec.records);
  }

  /** Rows given to `add` so far. */
  get rows(): number {
    return this.rowsSeen;
  }

  /** The newest instant seen in a timestamp column (ms since the epoch), undefined when none was. */
  newestSeen(column: string): number | undefined {
    const state = this.byName.get(column);
    return state && Number.isFinite(state.newest) ? state.newest : undefined;
  }

  add(batch: RecordBatch): void {
    if (batch.columns !== this.planColumns || batch.file !== this.planFile) this.plan(batch);
    const { lines, file, size } = batch;
    const fileNumber = this.fileIndex.get(file) ?? 0;
    this.rowsSeen += size;
    if (this.current) this.current.rowsBefore += size;
    for (const state of this.active) this.checkColumn(state, batch.column(state.index), lines, file, fileNumber);
    if (this.records) this.checkRecords(batch);
  }

  private plan(batch: RecordBatch): void {
    this.planColumns = batch.columns;
    const positions = new Map<string, number>();
    batch.columns.forEach((name, index) => {
      if (!positions.has(name)) positions.set(name, index);
    });
    const sameFile = batch.file === this.planFile;
    const wasActive = new Set(sameFile ? this.active : []);
    this.planFile = batch.file;
    for (const state of this.columns) state.index = positions.get(state.spec.name) ?? -1;
    this.active = this.columns.filter((state) => state.index >= 0);
    this.rowTypes = batch.columns.map((name) => this.byName.get(name));
    if (!this.fileIndex.has(batch.file)) {
      this.closeFile();
      this.fileIndex.set(batch.file, this.fileIndex.size);
      this.fileNames.push(batch.file);
      this.current = { file: batch.file, columns: new Set(batch.columns), rowsBefore: 0, firstLine: batch.lines[0] ?? 1 };
      this.checkOrder(batch.file, batch.columns);
    } else if (sameFile && this.current) {
      // A key first seen in a later batch of a JSON Lines file: the file's earlier records lacked it, so they
      // count as nulls of that column, as a missing key does.
      for (const name of batch.columns) this.current.columns.add(name);
      for (const state of this.active) if (!wasActive.has(state) && this.current.rowsBefore > 0) this.earlierNulls(state, this.current);
    }
  }

  /** The `rowsBefore` records of the current file, read before column c first appeared in it, as nulls of c. */
  private earlierNulls(c: ColumnState, current: { file: string; rowsBefore: number; firstLine: number }): void {
    c.rows += current.rowsBefore;
    // One failure, at the file's first record, stands for them all.
    this.nullAt(c, current.file, current.firstLine);
    c.nulls += current.rowsBefore - 1;
  }

  private record(tally: Tally, file: string, line: number, column: string | undefined, value: Value | undefined, first?: CheckFailure['firstOccurrence']): void {
    tally.failed++;
    if (tally.failures.length >= this.max) return;
    const failure: CheckFailure = { file, line };
    if (column !== undefined) failure.column = column;
    if (value !== undefined) failure.value = shown(value);
    if (first) failure.firstOccurrence = first;
    tally.failures.push(failure);
  }

  /** unique.add for value r of an integer column by the reader's hash of its text (its digits). */
  private addDigits(unique: UniqueTable, column: TypedColumn, r: number, line: number, fileNumber: number): boolean {
    hash.high = column.highs[r] as number;
    hash.low = column.lows[r] as number;
    return unique.add(line, fileNumber, unique.spilled ? (column.value(r) as NonNullable<Value>) : undefined);
  }

  /** Judges the current file's required and forbidden columns on every column it had (once, when it is done). */
  private closeFile(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    const t = this.fileTallies;
    t.files++;
    for (const name of this.contract.requiredColumns) {
      if (!current.columns.has(name)) this.record(t.required, current.file, 1, name, undefined);
    }
    for (const name of this.contract.spec.dataset.forbiddenColumns ?? []) {
      if (current.columns.has(name)) this.record(t.forbidden, current.file, 1, name, undefined);
    }
  }

  /** The column order, on the file's first batch (its header; a JSON Lines file's first records' keys). */
  private checkOrder(file: string, columns: readonly string[]): void {
    const t = this.fileTallies;
    if (this.contract.spec.dataset.columnOrder) {
      let previous: ColumnState | undefined;
      for (const state of this.columns) {
        if (state.index < 0) continue;
        if (previous && state.index < previous.index) {
          const value = `${quote(state.spec.name)} comes before ${quote(previous.spec.name)}; the file's columns are ${columns.map((c) => quote(c)).join(', ')}`;
          this.record(t.order, file, 1, state.spec.name, value);
          break;
        }
        previous = state;
      }
    }
  }

  /**
   * The value checks of one column of a batch. Each kind has its own loop with the column's bounds in locals
   * (a check the contract lacks gets a bound no value fails), over the values the reader typed once.
   */
  private checkColumn(c: ColumnState, column: TypedColumn, lines: readonly number[], file: string, fileNumber: number): void {
    c.rows += column.size;
    switch (c.kind) {
      case INTEGER_TYPE:
      case NUMBER:
        this.checkNumbers(c, column, lines, file, fileNumber);
        break;
      case TIMESTAMP_TYPE:
      case BOOLEAN_TYPE:
        this.checkOthers(c, column, lines, file, fileNumber);
        break;
      default:
        this.checkTexts(c, column, lines, file, fileNumber);
    }
  }

  private nullAt(c: ColumnState, file: string, line: number): void {
    c.nulls++;
    if (c.nullTally && c.nullTally.failures.length < this.max) c.nullTally.failures.push({ file, line, column: c.spec.name });
  }

  private checkNumbers(c: ColumnState, column: TypedColumn, lines: readonly number[], file: string, fileNumber: number): void {
    const { kinds, numbers } = column;
    const integer = c.kind === INTEGER_TYPE;
    const min = c.min ? c.minValue : Number.NEGATIVE_INFINITY;
    const max = c.max ? c.maxValue : Number.POSITIVE_INFINITY;
    const allowed = c.allowedNumbers;
    const unique = c.unique;
    let present = 0;
    let conforming = 0;
    for (let r = 0; r < column.size; r++) {
      const kind = kinds[r] as number;
      const x = numbers[r] as number;
      if (kind === NULL) {
        this.nullAt(c, file, lines[r] as number);
        continue;
      }
      present++;
      // A finite number, read from text or held as one (a JSON 1e400 or a Parquet ±Infinity is held as TEXT|NATIVE:
      // not a number to `type`).
      const k = kind & KIND;
      const number = k === INTEGER || k === DECIMAL;
      if (!number || (integer && !Number.isInteger(x))) {
        this.record(c.type as Tally, file, lines[r] as number, c.spec.name, column.value(r));
        continue;
      }
      conforming++;
      if (x < min) this.record(c.min as Tally, file, lines[r] as number, c.spec.name, column.value(r));
      if (x > max) this.record(c.max as Tally, file, lines[r] as number, c.spec.name, column.value(r));
      if (allowed && !allowed.has(x)) this.record(c.allowedTally as Tally, file, lines[r] as number, c.spec.name, column.value(r));
      // The value is made only for a table that logs it (past its first spill). An integer past 2^53, which a double
      // rounds (64-bit ids), is told apart by the hash of its digits instead.
      if (unique) {
        const line = lines[r] as number;
        const isNew =
          k === INTEGER && !Number.isSafeInteger(x)
            ? this.addDigits(unique, column, r, line, fileNumber)
            : unique.addNumber(x, line, fileNumber, unique.spilled ? (column.value(r) as NonNullable<Value>) : undefined);
        if (!isNew) this.recordDuplicate(c, file, line, column.value(r));
      }
    }
    c.present += present;
    c.conforming += conforming;
  }

  /** Timestamps and booleans. */
  private checkOthers(c: ColumnState, column: TypedColumn, lines: readonly number[], file: string, fileNumber: number): void {
    const { kinds, numbers, lengths } = column;
    const timestamp = c.kind === TIMESTAMP_TYPE;
    for (let r = 0; r < column.size; r++) {
      const kind = kinds[r] as number;
      let x = numbers[r] as number;
      if (kind === NULL) {
        this.nullAt(c, file, lines[r] as number);
        continue;
      }
      c.present++;
      if (timestamp) {
        // Timestamps are text (or Parquet's instants, read as their text); never a number the file held.
        if (kind !== TIMESTAMP) x = Number.NaN;
      } else if ((kind & KIND) === INTEGER) {
        // 1 and 0 are booleans too: as numbers the file held, or as the one-character texts.
        if (!(x === 0 || x === 1) || ((kind & NATIVE) === 0 && lengths[r] !== 1)) x = Number.NaN;
      } else if ((kind & KIND) !== BOOLEAN) {
        x = Number.NaN;
      }
      if (x !== x) {
        this.record(c.type as Tally, file, lines[r] as number, c.spec.name, column.value(r));
        continue;
      }
      c.conforming++;
      if (timestamp && x > c.newest) c.newest = x;
      if (c.min && x < c.minValue) this.record(c.min, file, lines[r] as number, c.spec.name, column.value(r));
      if (c.max && x > c.maxValue) this.record(c.max, file, lines[r] as number, c.spec.name, column.value(r));
      if (c.allowedNumbers && !c.allowedNumbers.has(x)) this.record(c.allowedTally as Tally, file, lines[r] as number, c.spec.name, column.value(r));
      if (c.unique && !c.unique.addNumber(x, lines[r] as number, fileNumber, c.unique.spilled ? (column.value(r) as NonNullable<Value>) : undefined)) {
        this.recordDuplicate(c, file, lines[r] as number, column.value(r));
      }
    }
  }

  /**
   * Strings, categories and untyped columns: the text checks. A value's text is made only for the checks that
   * read it (regex, allowed, unique, a failure's report); lengths come from the reader.
   */
  private checkTexts(c: ColumnState, column: TypedColumn, lines: readonly number[], file: string, fileNumber: number): void {
    const { kinds, lengths, highs, lows } = column;
    const strict = c.kind === STRING;
    const regex = c.regex;
    const allowedHashes = c.allowedHashes;
    // By text only where hashes cannot say: a long list.
    const allowed = allowedHashes ? undefined : c.allowedText;
    const minLength = c.minLength ? (c.spec.minLength ?? 0) : 0;
    const maxLength = c.maxLength ? (c.spec.maxLength ?? 0) : Number.POSITIVE_INFINITY;
    const unique = c.unique;
    const needsText = regex !== undefined || allowed !== undefined;
    let present = 0;
    let conforming = 0;
    for (let r = 0; r < column.size; r++) {
      const kind = kinds[r] as number;
      if (kind === NULL) {
        this.nullAt(c, file, lines[r] as number);
        continue;
      }
      present++;
      if (strict && (kind & NATIVE) !== 0) {
        this.record(c.type as Tally, file, lines[r] as number, c.spec.name, column.value(r));
        continue;
      }
      conforming++;
      const length = lengths[r] as number;
      if (length < minLength) this.record(c.minLength as Tally, file, lines[r] as number, c.spec.name, column.text(r));
      if (length > maxLength) this.record(c.maxLength as Tally, file, lines[r] as number, c.spec.name, column.text(r));
      // A value's hash is of its canonical text; a boolean read from text (`TRUE`) matches its canonical form
      // (`true`, which a YAML TRUE in the list is too) or its text as written.
      if (allowedHashes && !(hasHash(allowedHashes, highs[r] as number, lows[r] as number) || (kind === BOOLEAN && (c.allowedText as Set<string>).has(column.text(r))))) {
        this.record(c.allowedTally as Tally, file, lines[r] as number, c.spec.name, column.text(r));
      }
      if (unique) {
        // The reader's hash is of the text as written (hashString), but for a boolean read from text (`TRUE`),
        // whose hash is of its canonical form: that one is hashed as written here.
        if (kind === BOOLEAN) {
          hashString(column.text(r));
        } else {
          hash.high = highs[r] as number;
          hash.low = lows[r] as number;
        }
        // The text is made only for a table that logs it (past its first spill), or for a duplicate's report.
        if (!unique.add(lines[r] as number, fileNumber, unique.spilled ? column.text(r) : undefined)) this.recordDuplicate(c, file, lines[r] as number, column.text(r));
      }
      if (!needsText) continue;
      // A view, let go after the tests; a failure keeps the value's own text.
      const text = column.textView(r);
      if (regex && !regex.test(text)) this.record(c.regexTally as Tally, file, lines[r] as number, c.spec.name, column.text(r));
      if (allowed && !allowed.has(text) && !(kind === BOOLEAN && allowed.has(column.canonicalText(r)))) this.record(c.allowedTally as Tally, file, lines[r] as number, c.spec.name, column.text(r));
    }
    c.present += present;
    c.conforming += conforming;
  }

  private recordDuplicate(c: ColumnState, file: string, line: number, v: Value): void {
    const tally = c.uniqueTally as Tally;
    if (tally.failures.length >= this.max) {
      tally.failed++;
      return;
    }
    const table = c.unique as UniqueTable;
    const firstFile = this.fileNames[table.firstFile];
    this.record(tally, file, line, c.spec.name, v, firstFile === undefined ? undefined : { file: firstFile, line: table.firstLine });
  }

  /**
   * Folds in what the unique table found only when it merged the runs it spilled to disk (nothing when it never
   * spilled): duplicates of values first seen in an earlier run, and earlier first occurrences for those `add`
   * reported. The failures kept are then the earliest in file and line order, as without spilling.
   */
  private finishUnique(c: ColumnState): void {
    const tally = c.uniqueTally as Tally;
    const { count, found, repointed } = (c.unique as UniqueTable).finish();
    if (count === 0 && repointed.length === 0) return;
    tally.failed += count;
    const names = this.fileNames;
    for (const d of repointed) {
      const failure = tally.failures.find((f) => f.line === d.line && f.file === names[d.file]);
      if (failure) failure.firstOccurrence = { file: names[d.firstFile] ?? '', line: d.firstLine };
    }
    for (const d of found) {
      const failure: CheckFailure = { file: names[d.file] ?? '', line: d.line, column: c.spec.name };
      if (d.value !== undefined) failure.value = shown(d.value);
      failure.firstOccurrence = { file: names[d.firstFile] ?? '', line: d.firstLine };
      tally.failures.push(failure);
    }
    const index = (f: CheckFailure): number => this.fileIndex.get(f.file) ?? 0;
    tally.failures.sort((a, b) => index(a) - index(b) || a.line - b.line);
    if (tally.failures.length > this.max) tally.failures.length = this.max;
  }

  private checkRecords(batch: RecordBatch): void {
    const validate = this.records as ValidateFunction;
    const { lines, records, columns, file } = batch;
    // Rows are made only for a records schema on a format without records (CSV, Parquet).
    const rows = records ? undefined : batch.rows;
    for (let r = 0; r < batch.size; r++) {
      const data = records?.[r] ?? this.recordOf(columns, rows?.[r] as Value[]);
      this.recordsEvaluated++;
      if (!validate(data)) this.record(this.recordsTally, file, lines[r] ?? 0, undefined, describeRecordError(validate.errors));
    }
  }

  /** A row as the record the records schema sees: non-null values, typed by the contract where they conform. */
  private recordOf(columns: readonly string[], row: readonly Value[]): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    for (let j = 0; j < columns.length; j++) {
      const v = row[j] ?? null;
      if (v === null || (typeof v === 'number' && v !== v)) continue;
      const state = this.rowTypes[j];
      let typed: unknown = v;
      if (state && typeof v === 'string') {
        if (state.kind === INTEGER_TYPE || state.kind === NUMBER) {
          const x = parseDecimal(v);
          if (x === x && (state.kind === NUMBER || Number.isInteger(x))) typed = x;
        } else if (state.kind === BOOLEAN_TYPE) {
          const b = parseBoolean(v);
          if (b >= 0) typed = b === 1;
        }
      }
      data[columns[j] as string] = typed;
    }
    return data;
  }

  /** The results of every check, in contract order: file checks, columns, records, dataset rules. */
  finish(context: FinishContext): CheckResult[] {
    return [...this.rowResults(), ...this.datasetResults(context)];
  }

  /**
   * The checks of what this checker read itself (files, columns, records), without the dataset rules: what a
   * shard reports, leaving the rules on the whole dataset to the merge step.
   */
  rowResults(): CheckResult[] {
    const results: CheckResult[] = [];
    this.closeFile();
    this.fileResults(results);
    for (const c of this.columns) this.columnResults(c, results);
    if (this.records) {
      const t = this.recordsTally;
      results.push(
        this.result({
          id: 'records',
          check: 'records',
          severity: 'error',
          evaluated: this.recordsEvaluated,
          tally: t,
          allowed: 0,
          threshold: 'matches the records schema',
          message:
            t.failed === 0
              ? `all ${this.recordsEvaluated} records match the records schema`
              : `${t.failed} of ${this.recordsEvaluated} records ${pct(t.failed, this.recordsEvaluated)} do not match the records schema${example(t)}`,
          line: this.contract.lineOf('records'),
        }),
      );
    }
    return results;
  }

  private result(input: {
    id: string;
    column?: string;
    check: string;
    severity: Severity;
    evaluated: number;
    tally?: Tally;
    allowed?: number;
    passed?: boolean;
    skipped?: boolean;
    threshold: string;
    message: string;
    line: number | undefined;
  }): CheckResult {
    const failed = input.tally?.failed ?? 0;
    const result: CheckResult = {
      id: input.id,
      check: input.check,
      severity: input.severity,
      passed: input.passed ?? failed <= (input.allowed ?? 0),
      evaluated: input.evaluated,
      failed: input.passed === undefined ? failed : input.passed ? 0 : Math.max(failed, 1),
      threshold: input.threshold,
      message: input.message,
      failures: input.tally?.failures ?? [],
    };
    if (input.column !== undefined) result.column = input.column;
    if (input.skipped) result.skipped = true;
    if (input.line !== undefined) result.contractLine = input.line;
    return result;
  }

  private fileResults(results: CheckResult[]): void {
    const t = this.fileTallies;
    const dataset = this.contract.spec.dataset;
    const required = this.contract.requiredColumns;
    if (required.length > 0) {
      const evaluated = t.files * required.length;
      results.push(
        this.result({
          id: 'dataset.required-columns',
          check: 'required-columns',
          severity: 'error',
          evaluated,
          tally: t.required,
          threshold: `has ${listed(required)}`,
          message:
            t.required.failed === 0
              ? `${plural(t.files, 'file')} ${t.files === 1 ? 'has' : 'have'} the ${plural(required.length, 'required column')}`
              : `${t.required.failed} required column${t.required.failed === 1 ? ' is' : 's are'} missing: ${missingList(t.required)}`,
          line: dataset.requiredColumns ? this.contract.lineOf('dataset', 'required-columns') : this.contract.lineOf('columns'),
        }),
      );
    }
    if (dataset.forbiddenColumns && dataset.forbiddenColumns.length > 0) {
      results.push(
        this.result({
          id: 'dataset.forbidden-columns',
          check: 'forbidden-columns',
          severity: 'error',
          evaluated: t.files * dataset.forbiddenColumns.length,
          tally: t.forbidden,
          threshold: `lacks ${listed(dataset.forbiddenColumns)}`,
          message:
            t.forbidden.failed === 0
              ? `no file has a forbidden column (${listed(dataset.forbiddenColumns)})`
              : `${t.forbidden.failed} forbidden column${t.forbidden.failed === 1 ? ' is' : 's are'} present: ${missingList(t.forbidden)}`,
          line: this.contract.lineOf('dataset', 'forbidden-columns'),
        }),
      );
    }
    if (dataset.columnOrder) {
      const [first] = t.order.failures;
      results.push(
        this.result({
          id: 'dataset.column-order',
          check: 'column-order',
          severity: 'error',
          evaluated: t.files,
          tally: t.order,
          threshold: "in the contract's order",
          message:
            t.order.failed === 0
              ? `the columns of ${plural(t.files, 'file')} are in the contract's order`
              : `the columns of ${plural(t.order.failed, 'file')} are not in the contract's order: in ${quote(first?.file)} ${first?.value ?? ''}`,
          line: this.contract.lineOf('dataset', 'column-order'),
        }),
      );
    }
  }

  private columnResults(c: ColumnState, results: CheckResult[]): void {
    const spec = c.spec;
    const name = spec.name;
    const subject = `column ${quote(name)}`;
    const line = (key: string): number | undefined => this.contract.lineOf('columns', name, key);
    const allowed = Math.floor((1 - c.mostly) * c.conforming * (1 + 1e-12) + 1e-9);
    const forValues = c.mostly < 1 ? ` for ${percent(c.mostly)} of values` : '';
    const push = (check: string, tally: Tally, evaluated: number, threshold: string, bad: string, good: string): void => {
      const allowedHere = check === 'type' ? Math.floor((1 - c.mostly) * evaluated * (1 + 1e-12) + 1e-9) : allowed;
      let message: string;
      if (evaluated === 0) message = `${subject}: no values to check`;
      // `good` is said of many values ("are integers"): one value gets the check's threshold instead.
      else if (tally.failed === 0) message = evaluated === 1 ? `${subject}: its one value passes (${threshold})` : `${subject}: all ${evaluated} values ${good}`;
      else {
        const within = tally.failed <= allowedHere ? '; within' : '; more than';
        const mostly = c.mostly < 1 ? `${within} the ${allowedHere} that mostly ${c.mostly} allows` : '';
        message = `${subject}: ${tally.failed} of ${evaluated} values ${pct(tally.failed, evaluated)} ${bad}${mostly}${example(tally)}`;
      }
      results.push(
        this.result({ id: `columns.${name}.${check}`, column: name, check, severity: c.severity, evaluated, tally, allowed: allowedHere, threshold: threshold + forValues, message, line: line(check) }),
      );
    };

    if (c.type) {
      const word = KIND_WORDS[c.kind] ?? '';
      push('type', c.type, c.present, spec.type ?? '', `are not ${word}`, `are ${word}`);
    }
    if (c.nullTally) {
      const failures = c.nullTally.failures;
      const tally: Tally = { failed: c.nulls, failures };
      if (spec.nullable === false) {
        results.push(
          this.result({
            id: `columns.${name}.nullable`,
            column: name,
            check: 'nullable',
            severity: c.severity,
            evaluated: c.rows,
            tally,
            allowed: 0,
            threshold: 'no nulls',
            message: c.nulls === 0 ? `${subject}: no nulls in ${plural(c.rows, 'row')}` : `${subject}: ${c.nulls} of ${c.rows} rows ${pct(c.nulls, c.rows)} are null; expected none${example(tally)}`,
            line: line('nullable'),
          }),
        );
      } else {
        const fraction = spec.maxNullFraction ?? 1;
        const passed = c.nulls <= fraction * c.rows * (1 + 1e-12) + 1e-9;
        results.push(
          this.result({
            id: `columns.${name}.max-null-fraction`,
            column: name,
            check: 'max-null-fraction',
            severity: c.severity,
            evaluated: c.rows,
            tally,
            allowed: Math.floor(fraction * c.rows * (1 + 1e-12) + 1e-9),
            threshold: `<= ${percent(fraction)} null`,
            message: `${subject}: ${c.nulls} of ${c.rows} rows ${pct(c.nulls, c.rows)} are null; ${passed ? 'within' : 'more than'} the ${percent(fraction)} allowed`,
            line: line('max-null-fraction'),
          }),
        );
      }
    }
    const boundText = (value: number | string | undefined): string => (typeof value === 'string' ? value : String(value));
    if (c.min) push('min', c.min, c.conforming, `>= ${boundText(spec.min)}`, `are below the minimum ${boundText(spec.min)}`, `are at least ${boundText(spec.min)}`);
    if (c.max) push('max', c.max, c.conforming, `<= ${boundText(spec.max)}`, `are above the maximum ${boundText(spec.max)}`, `are at most ${boundText(spec.max)}`);
    if (c.regexTally) push('regex', c.regexTally, c.conforming, `matches ${quote(spec.regex)}`, `do not match the regex ${quote(spec.regex)}`, `match the regex ${quote(spec.regex)}`);
    if (c.allowedTally) {
      const set = listed((spec.allowed ?? []).map(String));
      push('allowed', c.allowedTally, c.conforming, `one of ${set}`, `are not one of ${set}`, `are one of ${set}`);
    }
    if (c.minLength) push('min-length', c.minLength, c.conforming, `>= ${spec.minLength} characters`, `are shorter than ${spec.minLength} characters`, `have at least ${spec.minLength} characters`);
    if (c.maxLength) push('max-length', c.maxLength, c.conforming, `<= ${spec.maxLength} characters`, `are longer than ${spec.maxLength} characters`, `have at most ${spec.maxLength} characters`);
    if (c.uniqueTally) this.finishUnique(c);
    if (c.uniqueTally) push('unique', c.uniqueTally, c.conforming, 'unique', 'repeat an earlier value', 'are unique');
  }

  /**
   * Only the dataset rules (rows, rows-change, freshness), for a merge step that has the merged profile but reads no
   * rows itself. `finish` includes them.
   */
  datasetResults(context: FinishContext): CheckResult[] {
    const results: CheckResult[] = [];
    const dataset = this.contract.spec.dataset;
    const rows = context.rows;
    if (dataset.rows && (dataset.rows.min !== undefined || dataset.rows.max !== undefined)) {
      const { min, max } = dataset.rows;
      const passed = (min === undefined || rows >= min) && (max === undefined || rows <= max);
      const expected = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
      results.push(
        this.result({
          id: 'dataset.rows',
          check: 'rows',
          severity: dataset.rows.severity ?? 'error',
          evaluated: 1,
          passed,
          threshold: `${expected} rows`,
          message: `the dataset has ${plural(rows, 'row')}; expected ${expected}`,
          line: this.contract.lineOf('dataset', 'rows'),
        }),
      );
    }
    if (dataset.rowsChange) {
      const reference = context.referenceRows;
      const limit = dataset.rowsChange.maxRelative;
      const base = { id: 'dataset.rows-change', check: 'rows-change', severity: dataset.rowsChange.severity ?? 'error', threshold: `within ±${percent(limit)} of the reference`, line: this.contract.lineOf('dataset', 'rows-change') };
      if (reference === undefined) {
        results.push(this.result({ ...base, evaluated: 0, passed: true, skipped: true, message: 'not checked: there is no reference profile to compare the row count with' }));
      } else {
        const change = reference === 0 ? (rows === 0 ? 0 : Number.POSITIVE_INFINITY) : (rows - reference) / reference;
        const passed = Math.abs(change) <= limit * (1 + 1e-12);
        const shownChange = Number.isFinite(change) ? `${change >= 0 ? '+' : '−'}${percent(Math.abs(change))}` : 'from none';
        results.push(
          this.result({
            ...base,
            evaluated: 1,
            passed,
            message: `${plural(rows, 'row')} against ${reference} in the reference (${shownChange}); ${passed ? 'within' : 'more than'} the ±${percent(limit)} allowed`,
          }),
        );
      }
    }
    if (dataset.freshness) {
      const { column, maxAge } = dataset.freshness;
      const newest = context.newestTimestamp?.(column) ?? this.newestSeen(column);
      const base = { id: 'dataset.freshness', check: 'freshness', column, severity: dataset.freshness.severity ?? 'error', threshold: `newest within ${maxAge}`, line: this.contract.lineOf('dataset', 'freshness') };
      if (newest === undefined) {
        results.push(this.result({ ...base, evaluated: 0, passed: false, message: `column ${quote(column)} has no timestamp to judge the freshness by; expected one within ${maxAge} of now` }));
      } else {
        const age = context.now - newest;
        const passed = age <= parseDuration(maxAge);
        results.push(
          this.result({
            ...base,
            evaluated: 1,
            passed,
            message: `the newest ${quote(column)} is ${isoOf(newest)}, ${age >= 0 ? `${duration(age)} before now` : `${duration(-age)} after now`}; ${passed ? 'within' : 'older than'} the ${maxAge} allowed`,
          }),
        );
      }
    }
    return results;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A fraction as a percentage with at most two decimals: 0.05 → `5%`. */
function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** `(5%)`; a share too small to show in two decimals is `(<0.01%)`, never a misleading `(0%)`. */
function pct(part: number, whole: number): string {
  if (whole === 0) return '';
  return part > 0 && part / whole < 0.00005 ? '(<0.01%)' : `(${percent(part / whole)})`;
}

/** Quoted values, the first ten, then how many in all. */
function listed(values: readonly string[]): string {
  const head = values.slice(0, 10).map((value) => quote(value));
  return values.length > 10 ? `${head.join(', ')}, … (${values.length} in all)` : head.join(', ');
}

function missingList(tally: Tally): string {
  const head = tally.failures.slice(0, 5).map((f) => `${quote(f.column)} in ${quote(f.file)}`);
  return tally.failed > head.length ? `${head.join(', ')}, …` : head.join(', ');
}

function example(tally: Tally): string {
  const [first] = tally.failures;
  if (!first) return '';
  const value = first.value === undefined ? '' : ` ${quote(first.value)}`;
  const also = first.firstOccurrence ? ` (first seen at ${quote(first.firstOccurrence.file)} line ${first.firstOccurrence.line})` : '';
  return `; first:${value} at ${quote(first.file)} line ${first.line}${also}`;
}

/** A duration for people: `10.5 days`, `3 hours`, `12 minutes`, `40 seconds`. */
function duration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size) {
      const value = Number((ms / size).toFixed(1));
      return `${value} ${unit}${value === 1 ? '' : 's'}`;
    }
  }
  const seconds = Number((ms / 1000).toFixed(1));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
