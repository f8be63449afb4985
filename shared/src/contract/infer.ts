import { Contract } from './contract';
import type { ColumnContract, ContractSpec } from './types';
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
  /** Numbers: the smallest and largest value; timestamps: the earliest and latest instant, in ms since the epoch. */
  min?: number;
  max?: number;
  /** Approximate number of distinct non-null values. */
  distinct?: number;
  /** The most frequent values (as text) with their counts, most frequent first; counts may be over-estimates. */
  topValues?: ReadonlyArray<{ value: string; count: number }>;
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
  /** Strings with at most this many distinct values, each seen more than once, become categories. */
  maxCategories: 20,
  /** `unique: true` needs at least this many values, none seen twice. */
  minRowsForUnique: 100,
  /** Row-count bounds: this fraction of the observed rows, and this multiple. */
  rowsLow: 0.5,
  rowsHigh: 2,
} as const;

/**
 * A contract that the summarised data passes, with tolerances so that the next batch of the same kind passes too:
 *
 * - integer and number columns: min and max widened by 10 % of the range (by 10 % of the value, at least 1, when
 *   all values are equal), rounded outward (integers to whole numbers, numbers to two significant digits of the
 *   range), never below 0 for a column without negative values nor above 0 for one without positive values;
 * - timestamp columns: only a min, the earliest instant less 10 % of the range, as a date (new data is newer);
 * - nullability: `nullable: false` when there were no nulls, else `max-null-fraction` = 2 × observed + 0.01
 *   (rounded up to two decimals; left out when that reaches 1);
 * - strings with at most 20 distinct values, each seen more than once (the top values account for every value),
 *   become `category` with `allowed`; other strings get length bounds widened like numbers (min at least 0);
 * - `unique: true` for integer and string columns of at least 100 values where no value was seen twice (the most
 *   frequent value's count is 1);
 * - `required-columns`: the observed columns; `rows`: 0.5 × to 2 × the observed rows.
 */
export function inferContract(summary: DatasetSummary, options: InferOptions): Contract {
  const columns = summary.columns.map((column) => inferColumn(column));
  const spec: ContractSpec = {
    version: 1,
    columns,
    dataset: {
      rows: { min: Math.floor(summary.rows * INFERENCE.rowsLow), max: Math.ceil(summary.rows * INFERENCE.rowsHigh) },
      requiredColumns: summary.columns.map((column) => column.name),
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
  const rows = summary.count + summary.nulls;
  if (summary.nulls === 0 && summary.count > 0) column.nullable = false;
  else if (summary.nulls > 0 && rows > 0) {
    const fraction = Math.ceil(((summary.nulls / rows) * INFERENCE.nullFactor + INFERENCE.nullMargin) * 100) / 100;
    if (fraction < 1) column.maxNullFraction = fraction;
  }
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
        const low = summary.min - (summary.max - summary.min) * INFERENCE.widen;
        column.min = isoOf(Math.floor(low / 86_400_000) * 86_400_000).slice(0, 10);
      }
      break;
    case 'boolean':
      column.type = 'boolean';
      break;
    case 'string': {
      const categories = categoriesOf(summary);
      if (categories) {
        column.type = 'category';
        column.allowed = categories;
        break;
      }
      column.type = 'string';
      if (summary.minLength !== undefined && summary.maxLength !== undefined && summary.count > 0) {
        const pad = Math.max(1, Math.ceil((summary.maxLength - summary.minLength) * INFERENCE.widen), Math.ceil(summary.maxLength * INFERENCE.widen));
        const minLength = Math.max(0, summary.minLength - pad);
        if (minLength > 0) column.minLength = minLength;
        column.maxLength = summary.maxLength + pad;
      }
      if (isUnique(summary)) column.unique = true;
      break;
    }
    case 'unknown':
      break;
  }
  return column;
}

/** The allowed values of a low-cardinality string column, sorted, or undefined when it is not one. */
function categoriesOf(summary: ColumnSummary): string[] | undefined {
  const top = summary.topValues;
  if (!top || top.length === 0 || top.length > INFERENCE.maxCategories) return undefined;
  const covered = top.reduce((sum, entry) => sum + entry.count, 0);
  if (covered !== summary.count || top.some((entry) => entry.count < 2)) return undefined;
  if (summary.distinct !== undefined && summary.distinct > INFERENCE.maxCategories) return undefined;
  return top.map((entry) => entry.value).sort();
}

function isUnique(summary: ColumnSummary): boolean {
  const [first] = summary.topValues ?? [];
  return summary.count >= INFERENCE.minRowsForUnique && first !== undefined && first.count === 1;
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
  return [low, high];
}

function clean(value: number): number {
  return Number(value.toPrecision(12));
}
