/**
 * The data contract as the program sees it. The file format (kebab-case keys) is described by
 * shared/schemas/contract.schema.json and docs/contract.md; here the keys are camelCase and every optional field is
 * `undefined` when the contract does not set it, so writing a contract back gives what was read.
 */

export const COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'timestamp', 'category'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const DRIFT_METHODS = ['psi', 'ks', 'jensen-shannon', 'wasserstein'] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];

export type Severity = 'error' | 'warn';

/** A column's drift setting: `'off'`, or a method and threshold (undefined ones take the drift module's defaults). */
export type DriftSetting = 'off' | { method?: DriftMethod; threshold?: number };

export interface ColumnContract {
  name: string;
  type?: ColumnType;
  nullable?: boolean;
  maxNullFraction?: number;
  /** A number for integer and number columns, a timestamp text for timestamp columns. */
  min?: number | string;
  max?: number | string;
  regex?: string;
  allowed?: Array<string | number | boolean>;
  minLength?: number;
  maxLength?: number;
  unique?: boolean;
  mostly?: number;
  severity?: Severity;
  drift?: DriftSetting;
  description?: string;
}

export interface DatasetContract {
  rows?: { min?: number; max?: number; severity?: Severity };
  rowsChange?: { maxRelative: number; severity?: Severity };
  freshness?: { column: string; maxAge: string; severity?: Severity };
  /** Undefined: every column of `columns`. */
  requiredColumns?: string[];
  forbiddenColumns?: string[];
  columnOrder?: boolean;
}

export interface ContractSpec {
  version: 1;
  columns: ColumnContract[];
  dataset: DatasetContract;
  /** A JSON Schema for whole records. */
  records?: Record<string, unknown> | boolean;
}

/** One row that failed a check. */
export interface CheckFailure {
  file: string;
  line: number;
  column?: string;
  /** The value as text, at most 200 characters (then `…`); for the records schema, what ajv said. */
  value?: string;
  /** unique: where the value was seen first. */
  firstOccurrence?: { file: string; line: number };
}

export interface CheckResult {
  /** Stable: `columns.<name>.<key>`, `dataset.<key>` or `records`. */
  id: string;
  column?: string;
  /** The contract key: type, nullable, max-null-fraction, min, max, regex, allowed, min-length, max-length, unique, records, rows, rows-change, freshness, required-columns, forbidden-columns, column-order. */
  check: string;
  severity: Severity;
  passed: boolean;
  /** True when nothing could be evaluated (rows-change without a reference, freshness without a timestamp). */
  skipped?: boolean;
  evaluated: number;
  failed: number;
  /** The expectation, for a table: `>= 0 for 99% of values`. */
  threshold?: string;
  /** One line for people, values quoted. */
  message: string;
  /** The line of the contract that set the check (undefined for contracts not read from a file). */
  contractLine?: number;
  /** The first failing rows (up to maxFailuresPerCheck). */
  failures: CheckFailure[];
}

/** What `finish` needs that one process may not have seen itself (sharded runs, the reference). */
export interface FinishContext {
  /** Rows of the whole dataset (the merged profile's row count in a merge step). */
  rows: number;
  /** The newest instant (ms since the epoch) of a timestamp column, from the profile; when undefined, what the checker saw. */
  newestTimestamp?: (column: string) => number | undefined;
  /** The reference profile's row count; rows-change is skipped without it. */
  referenceRows?: number;
  /** Now, in ms since the epoch. */
  now: number;
}
