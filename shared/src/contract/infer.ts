import { Contract } from './contract';
import type { ColumnContract, ContractSpec } from './types';
import { parseDecimal } from '../data/values';
import { isoOf } from './values';

/**
 * What inference needs to know of one column: a narrow view that a profile's column gives (or is adapted to).
 * Counts are exact or estimates as the profile has them; see the rules in `inferContract`.
 */
export interface ColumnSummary {
  name: string;
  /** The type the values were found to have; `unknown` for a column of nulls only. */
  type: 'integer' | 'number' | 'string' | 'boolean' | 'timestamp' | 'unknown';
  /** Non-null values. */
  count: number;
  nulls: number;
  /**
   * Non-null values that are not of `type`: the few stray values (`N/A` in a numeric column) a profile lets a
   * column keep its type with (0 for strings).
   */
  invalid: number;
  /**
   * Non-null values that read as numbers or booleans. In JSON Lines and Parquet they may be JSON numbers and
   * booleans, which `type: string` fails; the profile does not say which were held as text.
   */
  numbersAndBooleans: number;
  /** Numbers: the smallest and largest value; timestamps: the earliest and latest instant, in ms since the epoch. */
  min?: number;
  max?: number;
  /** Number of distinct non-null values (by their canonical text): exact when `distinctExact`, else an estimate. */
  distinct?: number;
  distinctExact: boolean;
  /**
   * The most frequent values (canonical text) with their counts, most frequent first. A count is under the true
   * count by at most `topError` (Misra-Gries counts are under-estimates, docs/profile.md); with `topError` 0 every
   * count is exact, and while the distinct count is exact too the list holds every value.
   */
  topValues?: ReadonlyArray<{ value: string; count: number }>;
  topError: number;
  /** Strings: the shortest and longest value, in UTF-16 code units. */
  minLength?: number;
  maxLength?: number;
}

export interface DatasetSummary {
  /** Rows of the data the summary describes. */
  rows: number;
  /** In file order. */
  columns: readonly ColumnSummary[];
}

export interface InferOptions {
  /** What the data was, for the header comment: the file names or globs. */
  source: string;
  /** The date of the inference (YYYY-MM-DD), for the header comment: passed in so output is reproducible. */
  date: string;
}

/** Inference's tolerances, in one place (documented in docs/contract.md). */
export const INFERENCE = {
  /** Numeric and length bounds are widened by this fraction of the observed range on each side. */
  widen: 0.1,
  /** A column with nulls may have up to this many times the observed null fraction, plus `nullMargin`. */
  nullFactor: 2,
  nullMargin: 0.01,
  /** A column with stray values gets `mostly` = 1 − this many times their share (rounded up to one digit). */
  strayFactor: 2,
  /** Strings with at most this many distinct values, each seen more than once, become categories. */
  maxCategories: 20,
  /** `unique: true` needs at least this many values, none seen twice. */
  minRowsForUnique: 100,
  /** Row-count bounds: this fraction of the observed rows, and this multiple. */
  rowsLow: 0.5,
  rowsHigh: 2,
} as const;

/** 0000-01-01T00:00:00Z, the first instant a contract's four-digit years can write. */
const FIRST_INSTANT = -62_167_219_200_000;

/**
 * A contract that the summarised data passes, with tolerances so that the next batch of the same kind passes too:
 *
 * - integer and number columns: min and max widened by 10 % of the range (by 10 % of the value, at least 1, when
 *   all values are equal), rounded outward (integers to whole numbers, numbers to two significant digits of the
 *   range), never below 0 for a column without negative values nor above 0 for one without positive values;
 * - timestamp columns: only a min, the earliest instant less 10 % of the range, as a date (new data is newer);
 * - a typed column with stray values (at most 1 % of its values are not of its type: the profile's `invalid`):
 *   `mostly` = 1 − 2 × their share, the share rounded up to one significant digit, so that the strays pass;
 * - nullability: `nullable: false` when there were no nulls, else `max-null-fraction` = 2 × observed + 0.01
 *   (rounded up to two decimals; left out when that reaches 1), from the profile's nulls (a float NaN is one);
 * - strings with at most 20 distinct values, each seen more than once (the top values account for every value),
 *   become `category` with `allowed`; other strings get length bounds widened like numbers (min at least 0), and
 *   `type: string` only when no value reads as a number or boolean (in JSON Lines those may be JSON numbers and
 *   booleans, which `type: string` fails; left untyped, every value is checked as its text);
 * - `unique: true` for integer and string columns of at least 100 values that the profile proves distinct: exact
 *   counts only (an exact distinct count equal to the values, and exact top values, so at most 1,000 values), and
 *   for integers distinct as numbers too (`7` and `007` are one integer to the check);
 * - `required-columns`: the observed columns that every file had (a column missing from some file is not
 *   required; a JSON Lines key missing from some records is a null there, not a missing column); `rows`: 0.5 × to 2 × the observed rows.
 */
export function inferContract(summary: DatasetSummary, options: InferOptions): Contract {
  const columns = summary.columns.map((column) => inferColumn(column));
  const spec: ContractSpec = {
    version: 1,
    columns,
    dataset: {
      rows: { min: Math.floor(summary.rows * INFERENCE.rowsLow), max: Math.ceil(summary.rows * INFERENCE.rowsHigh) },
      requiredColumns: summary.columns.filter((column) => column.count + column.nulls >= summary.rows).map((column) => column.name),
    },
  };
  const header = [
    `Data contract inferred by mlops-actions (validate-data, infer-contract) on ${options.date}`,
    `from ${options.source}: ${summary.rows} rows, ${summary.columns.length} columns.`,
    'Bounds are the observed ones widened by tolerances, not the observed values; review and tighten them.',
    'Keys: docs/contract.md',
  ];
  return new Contract(spec, undefined, new Map(), header);
}

function inferColumn(summary: ColumnSummary): ColumnContract {
  const column: ColumnContract = { name: summary.name };
  inferNulls(column, summary);
  switch (summary.type) {
    case 'integer':
    case 'number':
      column.type = summary.type;
      if (summary.min !== undefined && summary.max !== undefined && summary.count > 0) {
        const [min, max] = widenNumbers(summary.min, summary.max, summary.type === 'integer');
        column.min = min;
        column.max = max;
      }
      if (summary.type === 'integer' && isUnique(summary)) column.unique = true;
      break;
    case 'timestamp':
      column.type = 'timestamp';
      if (summary.min !== undefined && summary.max !== undefined && summary.count > 0) {
        // Never before 0000-01-01: a contract's timestamps have four-digit years (a `0001-01-01` sentinel is data).
        const low = Math.max(FIRST_INSTANT, summary.min - (summary.max - summary.min) * INFERENCE.widen);
        column.min = isoOf(Math.floor(low / 86_400_000) * 86_400_000).slice(0, 10);
      }
      break;
    case 'boolean':
      column.type = 'boolean';
      break;
    case 'string':
      inferText(column, summary);
      break;
    case 'unknown':
      break;
  }
  const mostly = mostlyFor(summary);
  if (column.type !== undefined && mostly !== undefined) column.mostly = mostly;
  return column;
}

/** `nullable: false` or a `max-null-fraction`, from the profile's nulls (which the checks count alike: a float NaN is one). */
function inferNulls(column: ColumnContract, summary: ColumnSummary): void {
  const rows = summary.count + summary.nulls;
  const nulls = summary.nulls;
  if (nulls === 0 && summary.count > 0) column.nullable = false;
  else if (nulls > 0 && rows > 0) {
    // clean(): 0.1 × 2 + 0.01 is 21.000000000000004 hundredths in floating point, which is to round up to 0.21.
    const fraction = Math.ceil(clean(((nulls / rows) * INFERENCE.nullFactor + INFERENCE.nullMargin) * 100)) / 100;
    if (fraction < 1) column.maxNullFraction = fraction;
  }
}

/** A string column: a category, or length bounds; `type: string` only when no value could be a JSON number or boolean. */
function inferText(column: ColumnContract, summary: ColumnSummary): void {
  const categories = categoriesOf(summary);
  if (categories) {
    // Categories compare every value as its text, JSON numbers and booleans included.
    column.type = 'category';
    column.allowed = categories;
    return;
  }
  if (summary.numbersAndBooleans === 0) column.type = 'string';
  if (summary.minLength !== undefined && summary.maxLength !== undefined && summary.count > 0) {
    const pad = Math.max(1, Math.ceil((summary.maxLength - summary.minLength) * INFERENCE.widen), Math.ceil(summary.maxLength * INFERENCE.widen));
    const minLength = Math.max(0, summary.minLength - pad);
    if (minLength > 0) column.minLength = minLength;
    column.maxLength = summary.maxLength + pad;
  }
  if (isUnique(summary)) column.unique = true;
}

/**
 * `mostly` for a column with stray values, so that they pass `type` (a check passes when failed / evaluated ≤
 * 1 − mostly): their share times `strayFactor`, rounded up to one significant digit, so that the data passes with
 * room to spare (and a float's rounding in the check never decides it). Undefined without strays.
 */
function mostlyFor(summary: ColumnSummary): number | undefined {
  if (summary.invalid <= 0 || summary.count <= 0) return undefined;
  const share = (summary.invalid / summary.count) * INFERENCE.strayFactor;
  const step = 10 ** Math.floor(Math.log10(share));
  const allowed = Math.min(1, clean(Math.ceil(clean(share / step)) * step));
  // The contract wants mostly > 0; only a column of mostly strays (never a typed one from a profile) gets here.
  return allowed >= 1 ? undefined : clean(1 - allowed);
}

/** The allowed values of a low-cardinality string column, sorted, or undefined when it is not one. */
function categoriesOf(summary: ColumnSummary): string[] | undefined {
  const top = summary.topValues;
  if (!top || top.length === 0 || top.length > INFERENCE.maxCategories || summary.topError !== 0) return undefined;
  const covered = top.reduce((sum, entry) => sum + entry.count, 0);
  if (covered !== summary.count || top.some((entry) => entry.count < 2)) return undefined;
  if (summary.distinct !== undefined && summary.distinct > INFERENCE.maxCategories) return undefined;
  return top.map((entry) => entry.value).sort();
}

/**
 * Whether the profile proves that no value occurs twice, as `unique` compares them. Only exact counts prove it:
 * an estimated distinct count may be over the true one, and an approximate top count of 1 may be a value seen
 * `topError` + 1 times. With the distinct count exact and equal to the values, and the top values exact, the top
 * values are every value once.
 */
function isUnique(summary: ColumnSummary): boolean {
  const top = summary.topValues ?? [];
  if (summary.count < INFERENCE.minRowsForUnique || !summary.distinctExact || summary.topError !== 0) return false;
  if (summary.distinct !== summary.count || top.length !== summary.count || top.some((entry) => entry.count !== 1)) return false;
  return summary.type !== 'integer' || distinctAsNumbers(top);
}

/**
 * Whether distinct texts stay distinct read as numbers: `unique` compares an integer column's values as numbers
 * (`7`, `007` and `+7` are one value), while the profile counts texts. A text that is not a number (a stray) is not
 * of the type, and `unique` does not see it.
 */
function distinctAsNumbers(top: ReadonlyArray<{ value: string }>): boolean {
  const seen = new Set<number>();
  for (const { value } of top) {
    const x = parseDecimal(value);
    // Past 2^53 the check compares an integer's digits as written (a double would round it): distinct texts are
    // distinct to it, and the top values are distinct texts.
    if (x !== x || !Number.isSafeInteger(x)) continue;
    // A Set compares as SameValueZero, so -0 and 0 are one number, as they are to the check.
    if (seen.has(x)) return false;
    seen.add(x);
  }
  return true;
}

/** Observed [min, max] widened and rounded outward; see `inferContract`. */
export function widenNumbers(min: number, max: number, integer: boolean): [number, number] {
  const range = max - min;
  const pad = range > 0 ? range * INFERENCE.widen : Math.max(Math.abs(max) * INFERENCE.widen, 1);
  let low = min - pad;
  let high = max + pad;
  if (integer) {
    low = Math.floor(low);
    high = Math.ceil(high);
  } else {
    // Round outward to a step of two significant digits of the pad, so the bounds read as people write them.
    const step = 10 ** (Math.floor(Math.log10(pad)) - 1);
    low = clean(Math.floor(low / step) * step);
    high = clean(Math.ceil(high / step) * step);
    if (low > min) low = min;
    if (high < max) high = max;
  }
  if (min >= 0 && low < 0) low = 0;
  if (max <= 0 && high > 0) high = 0;
  // `+ 0` turns a -0 (Math.ceil of -0.6) into 0, which a contract writes as `0`, not `-0`.
  return [low + 0, high + 0];
}

function clean(value: number): number {
  return Number(value.toPrecision(12));
}
