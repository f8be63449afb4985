/**
 * From predictions as read to the typed arrays the metrics run on: class indexes, binary scores, class
 * probabilities, numbers. Each check names the file, the line, the value and what the metric expected, because
 * this is where a file that reads fine turns out not to fit the metric asked for (text labels for `rmse`, a
 * multiclass file for `roc_auc`, a probability of 1.3).
 *
 * One instance prepares one or two models (candidate and baseline, already paired) in one class space, so a class
 * index means the same class for both.
 */
import type { Value } from '../data/types';
import { ConfigurationError, quote } from '../errors';
import { numberOf, type PredictionsTable } from './predictions';

export interface MetricOptions {
  /** The positive class of the binary metrics (precision, recall, f1, roc_auc, pr_auc, brier); default 1. */
  positiveLabel?: string | number | boolean;
}

export const DEFAULT_POSITIVE_LABEL = 1;

/** A class's key: numbers (and decimal text) by their shortest text, so `1`, `"1"` and `"1.0"` are one class. */
export function classKey(value: Value): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const number = numberOf(value);
    return Number.isNaN(number) ? value : String(number);
  }
  return String(value);
}

/** Sorted as scikit-learn's unique_labels sorts them: numerically when every class is a number, else by text. */
function sortClasses(keys: Iterable<string>): string[] {
  const classes = [...new Set(keys)];
  if (classes.every((key) => !Number.isNaN(numberOf(key)))) return classes.sort((a, b) => numberOf(a) - numberOf(b));
  return classes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export class PreparedModels {
  private classList: string[] | undefined;
  private labelIndexes: Int32Array | undefined;
  private readonly predictionCache = new Map<number, Int32Array>();
  private readonly binaryScoreCache = new Map<number, Float64Array>();
  private readonly probabilityCache = new Map<number, Float64Array[]>();
  private readonly numberCache = new Map<string, Float64Array>();
  readonly positiveKey: string;

  constructor(
    /** The models' tables, all on the same rows in the same order with the same labels (see pairPredictions). */
    readonly tables: readonly PredictionsTable[],
    options: MetricOptions = {},
  ) {
    this.positiveKey = classKey(options.positiveLabel ?? DEFAULT_POSITIVE_LABEL);
  }

  get rows(): number {
    return (this.tables[0] as PredictionsTable).rows;
  }

  private fail(table: PredictionsTable, row: number, metric: string, message: string): never {
    throw new ConfigurationError(`${table.input}: ${quote(table.file)} line ${table.lines[row]}: ${message} (for ${metric})`);
  }

  /** Every class that any label, prediction or score column names, sorted. */
  classes(): string[] {
    if (this.classList) return this.classList;
    const keys: string[] = [];
    const first = this.tables[0] as PredictionsTable;
    for (const label of first.labels) keys.push(classKey(label));
    for (const table of this.tables) {
      for (const value of table.predictions ?? []) if (value !== null && value !== '') keys.push(classKey(value));
      for (const name of table.classScores.keys()) keys.push(classKey(name));
    }
    this.classList = sortClasses(keys);
    return this.classList;
  }

  /** Each row's true class, as an index into {@link classes}. */
  labels(): Int32Array {
    if (this.labelIndexes) return this.labelIndexes;
    const index = new Map(this.classes().map((key, i) => [key, i]));
    const first = this.tables[0] as PredictionsTable;
    this.labelIndexes = Int32Array.from(first.labels, (label) => index.get(classKey(label)) as number);
    return this.labelIndexes;
  }

  /** The positive class's index, for a binary metric; the classes must be at most two, the positive among them. */
  positive(metric: string): number {
    const classes = this.classes();
    const table = this.tables[0] as PredictionsTable;
    if (classes.length > 2) {
      throw new ConfigurationError(
        `${table.input}: ${quote(table.file)}: ${metric} is a binary metric, but the labels and predictions have ${classes.length} classes (${shown(classes)}); expected two classes, or ${metric}_macro / ${metric}_weighted`,
      );
    }
    const index = classes.indexOf(this.positiveKey);
    if (index < 0) {
      throw new ConfigurationError(
        `${table.input}: ${quote(table.file)}: the positive label ${quote(this.positiveKey)} is not among the classes ${shown(classes)} (for ${metric}); expected positive-label to name one of them`,
      );
    }
    return index;
  }

  /**
   * Each row's predicted class for model `m`: the prediction column when there is one; else from the scores, the
   * class of highest probability (the first in class order on a tie, as numpy's argmax), or for a binary `score`
   * the positive class when score > 0.5 (as a classifier's predict does).
   */
  predictions(m: number, metric: string): Int32Array {
    const cached = this.predictionCache.get(m);
    if (cached) return cached;
    const table = this.tables[m] as PredictionsTable;
    const classes = this.classes();
    const out = new Int32Array(table.rows);
    if (table.predictions) {
      const index = new Map(classes.map((key, i) => [key, i]));
      table.predictions.forEach((value, row) => {
        if (value === null || value === '') this.fail(table, row, metric, `the prediction column ${quote(table.columns.prediction)} is empty; expected a predicted class`);
        out[row] = index.get(classKey(value)) as number;
      });
    } else if (table.score) {
      const positive = this.positive(metric);
      if (classes.length < 2) {
        throw new ConfigurationError(`${table.input}: ${quote(table.file)}: no prediction column and only one class (${shown(classes)}); expected a ${quote(table.columns.prediction)} column (for ${metric})`);
      }
      const negative = 1 - positive;
      const scores = this.binaryScores(m, metric);
      for (let row = 0; row < table.rows; row++) out[row] = (scores[row] as number) > 0.5 ? positive : negative;
    } else {
      const probabilities = this.probabilities(m, metric);
      for (let row = 0; row < table.rows; row++) {
        let best = 0;
        for (let c = 1; c < probabilities.length; c++) if ((probabilities[c] as Float64Array)[row]! > (probabilities[best] as Float64Array)[row]!) best = c;
        out[row] = best;
      }
    }
    this.predictionCache.set(m, out);
    return out;
  }

  /** Model `m`'s probability of the positive class per row: the `score` column, else `score_<positive>`. */
  binaryScores(m: number, metric: string, probability = false): Float64Array {
    const cached = this.binaryScoreCache.get(m);
    if (cached && !probability) return cached;
    const table = this.tables[m] as PredictionsTable;
    const positive = this.positive(metric);
    let column = table.score;
    let name = table.columns.score;
    if (!column) {
      for (const [key, values] of table.classScores) {
        if (classKey(key) === this.classes()[positive]) {
          column = values;
          name = `${table.columns.scorePrefix}${key}`;
        }
      }
    }
    if (!column) {
      throw new ConfigurationError(
        `${table.input}: ${quote(table.file)} has no ${quote(table.columns.score)} or ${quote(`${table.columns.scorePrefix}${this.positiveKey}`)} column; expected the positive class's probability (for ${metric})`,
      );
    }
    const scores = this.numbers(table, column, name, metric, probability);
    this.binaryScoreCache.set(m, scores);
    return scores;
  }

  /**
   * Model `m`'s probability of each class, one array per class in class order: from `score_<class>` columns, which
   * must cover every class; or, with two classes, [1 − score, score] from the binary `score`.
   */
  probabilities(m: number, metric: string): Float64Array[] {
    const cached = this.probabilityCache.get(m);
    if (cached) return cached;
    const table = this.tables[m] as PredictionsTable;
    const classes = this.classes();
    let out: Float64Array[];
    if (table.score && classes.length <= 2) {
      const positive = this.positive(metric);
      const p = this.binaryScores(m, metric, true);
      const q = Float64Array.from(p, (value) => 1 - value);
      out = classes.length === 1 ? [p] : positive === 1 ? [q, p] : [p, q];
    } else {
      const byClass = new Map<string, [string, Value[]]>();
      for (const [key, values] of table.classScores) byClass.set(classKey(key), [key, values]);
      out = classes.map((key) => {
        const found = byClass.get(key);
        if (!found) {
          throw new ConfigurationError(
            `${table.input}: ${quote(table.file)} has no column ${quote(`${table.columns.scorePrefix}${key}`)}; expected a probability column for every class (${shown(classes)}) (for ${metric})`,
          );
        }
        return this.numbers(table, found[1], `${table.columns.scorePrefix}${found[0]}`, metric, true);
      });
    }
    this.probabilityCache.set(m, out);
    return out;
  }

  /** The true values as numbers (regression). */
  numericLabels(metric: string): Float64Array {
    const table = this.tables[0] as PredictionsTable;
    return this.numbers(table, table.labels, table.columns.label, metric, false);
  }

  /** Model `m`'s predicted values as numbers (regression). */
  numericPredictions(m: number, metric: string): Float64Array {
    const table = this.tables[m] as PredictionsTable;
    if (!table.predictions) {
      throw new ConfigurationError(`${table.input}: ${quote(table.file)} has no prediction column ${quote(table.columns.prediction)}; expected the predicted values (for ${metric})`);
    }
    return this.numbers(table, table.predictions, table.columns.prediction, metric, false);
  }

  private numbers(table: PredictionsTable, values: Value[], column: string, metric: string, probability: boolean): Float64Array {
    const cacheKey = `${this.tables.indexOf(table)}\u0000${column}\u0000${probability}`;
    const cached = this.numberCache.get(cacheKey);
    if (cached) return cached;
    const out = new Float64Array(values.length);
    values.forEach((value, row) => {
      const number = value === null ? Number.NaN : numberOf(value);
      if (!Number.isFinite(number)) {
        this.fail(table, row, metric, `${quote(column)} is ${value === null || value === '' ? 'empty' : quote(value)}; expected a number`);
      }
      if (probability && (number < 0 || number > 1)) this.fail(table, row, metric, `${quote(column)} is ${value}; expected a probability between 0 and 1`);
      out[row] = number;
    });
    this.numberCache.set(cacheKey, out);
    return out;
  }
}

function shown(classes: readonly string[]): string {
  const listed = classes.slice(0, 10).map((key) => quote(key));
  return classes.length > 10 ? `${listed.join(', ')}, …` : listed.join(', ');
}
