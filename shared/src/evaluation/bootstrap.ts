/**
 * The paired bootstrap of a metric's difference, candidate − baseline. Each replicate draws n rows with
 * replacement (n = the test set's rows) and evaluates both models on the same drawn rows, so what the two share
 * (hard rows, easy rows) cancels out of the difference; the interval is the percentile interval of the
 * replicates, as `scipy.stats.bootstrap(..., paired=True, method='percentile')` gives.
 *
 * Replicates are drawn as counts per row (how often each row was drawn) and passed to the evaluators as weights,
 * so no resampled copy of the data is ever made. Draws: xoshiro128** (random.ts) from `seed`, n uniform row
 * indexes per replicate, replicate after replicate; the same seed gives the same interval.
 *
 * Undefined replicates: where a metric is undefined on a resample (ROC AUC or average precision drawing rows of
 * one class only), that replicate is dropped from the interval and the standard error, and counted. When more
 * than `maxUndefinedShare` of the replicates are undefined, the test set cannot support an interval for this
 * metric and that is an error (a biased interval from the lucky resamples would be worse than none).
 */
import { ConfigurationError } from '../errors';
import type { Evaluator } from './catalog';
import { Xoshiro128 } from './random';

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_LEVEL = 0.95;
export const DEFAULT_SEED = 20240607;
export const DEFAULT_MAX_UNDEFINED_SHARE = 0.05;

export interface BootstrapOptions {
  /** Replicates to draw; default 2,000. */
  resamples?: number;
  /** Confidence level of the percentile interval; default 0.95. */
  level?: number;
  /** The PRNG's seed, a non-negative safe integer; default 20240607. */
  seed?: number;
  /** The largest share of undefined replicates tolerated (dropped); above it, an error. Default 0.05. */
  maxUndefinedShare?: number;
}

export interface BootstrapResult {
  low: number;
  high: number;
  /** The sample standard deviation (ddof = 1) of the defined replicates, as scipy's `standard_error`. */
  standardError: number;
  resamples: number;
  level: number;
  seed: number;
  /** Replicates where either model's metric was undefined, dropped. */
  undefinedResamples: number;
  /** The defined replicates of candidate − baseline, in draw order. */
  replicates: Float64Array;
}

/** Checks the options a user may set, naming the bad value; `what` names the metric for the message. */
export function bootstrapSettings(options: BootstrapOptions, what: string): Required<BootstrapOptions> {
  const settings = {
    resamples: options.resamples ?? DEFAULT_RESAMPLES,
    level: options.level ?? DEFAULT_LEVEL,
    seed: options.seed ?? DEFAULT_SEED,
    maxUndefinedShare: options.maxUndefinedShare ?? DEFAULT_MAX_UNDEFINED_SHARE,
  };
  if (!Number.isInteger(settings.resamples) || settings.resamples < 2 || settings.resamples > 10_000_000) {
    throw new ConfigurationError(`${what}: bootstrap resamples ${settings.resamples}; expected an integer from 2 to 10,000,000 (default ${DEFAULT_RESAMPLES})`);
  }
  if (!(settings.level > 0 && settings.level < 1)) {
    throw new ConfigurationError(`${what}: confidence level ${settings.level}; expected a number between 0 and 1, such as ${DEFAULT_LEVEL}`);
  }
  if (!Number.isSafeInteger(settings.seed) || settings.seed < 0) {
    throw new ConfigurationError(`${what}: bootstrap seed ${settings.seed}; expected a non-negative integer`);
  }
  if (!(settings.maxUndefinedShare >= 0 && settings.maxUndefinedShare < 1)) {
    throw new ConfigurationError(`${what}: maxUndefinedShare ${settings.maxUndefinedShare}; expected a number from 0 to below 1`);
  }
  return settings;
}

export function pairedBootstrap(rows: number, candidate: Evaluator, baseline: Evaluator, options: BootstrapOptions = {}, what = 'bootstrap'): BootstrapResult {
  const settings = bootstrapSettings(options, what);
  const random = new Xoshiro128(settings.seed);
  const weights = new Float64Array(rows);
  const replicates = new Float64Array(settings.resamples);
  let defined = 0;
  for (let b = 0; b < settings.resamples; b++) {
    weights.fill(0);
    random.addDraws(weights, rows, rows);
    const difference = candidate(weights) - baseline(weights);
    if (!Number.isNaN(difference)) replicates[defined++] = difference;
  }
  const undefinedResamples = settings.resamples - defined;
  if (defined < 2 || undefinedResamples > settings.maxUndefinedShare * settings.resamples) {
    throw new ConfigurationError(
      `${what}: undefined on ${undefinedResamples} of ${settings.resamples} bootstrap resamples of the ${rows} rows (e.g. one class only); expected a test set where it is defined on at least ${Math.round((1 - settings.maxUndefinedShare) * 100)} % of resamples (more rows of the rarer class)`,
    );
  }
  const kept = replicates.subarray(0, defined);
  const sorted = Float64Array.from(kept).sort();
  const tail = (1 - settings.level) / 2;
  return {
    low: percentile(sorted, tail),
    high: percentile(sorted, 1 - tail),
    standardError: standardDeviation(kept),
    resamples: settings.resamples,
    level: settings.level,
    seed: settings.seed,
    undefinedResamples,
    replicates: kept,
  };
}

/** numpy's default (`linear`) percentile of sorted values: interpolated at position q·(n − 1). */
export function percentile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const a = sorted[below] as number;
  const b = sorted[above] as number;
  const t = position - below;
  // numpy's _lerp: from the nearer end, so the result stays within [a, b].
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
}

/** Sample standard deviation (n − 1), two passes for accuracy. */
export function standardDeviation(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / (values.length - 1));
}
