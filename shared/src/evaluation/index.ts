/**
 * The gate's statistics from per-example predictions: metric values, the paired bootstrap interval of the
 * difference, its standard error and minimum detectable effect, and McNemar's exact test for accuracy.
 * docs/gate-statistics.md describes every formula.
 */
import { ConfigurationError, quote } from '../errors';
import type { PairedEvaluation } from '../gate/types';
import { pairedBootstrap, type BootstrapOptions } from './bootstrap';
import { bindMetric, isComputableMetric, METRIC_IDS, type MetricId } from './catalog';
import { mcnemarFromPredictions } from './mcnemar';
import type { PairedPredictions, PredictionsTable } from './predictions';
import { PreparedModels, type MetricOptions } from './prepare';

export { bootstrapSettings, DEFAULT_LEVEL, DEFAULT_RESAMPLES, DEFAULT_SEED, pairedBootstrap, type BootstrapOptions, type BootstrapResult } from './bootstrap';
export { isComputableMetric, METRIC_IDS, metricDirection, metricTask, type Evaluator, type MetricId, type MetricTask } from './catalog';
export { binomialHalfCdf, mcnemarExact } from './mcnemar';
export {
  DEFAULT_PREDICTION_COLUMNS,
  pairPredictions,
  readPredictions,
  type PairedPredictions,
  type PredictionColumns,
  type PredictionsTable,
  type ReadPredictionsOptions,
} from './predictions';
export { DEFAULT_POSITIVE_LABEL, type MetricOptions } from './prepare';
export { selectRows, sliceRows } from './slices';

/** z₀.₉₇₅ + z₀.₈ (scipy: norm.ppf(0.975) + norm.ppf(0.8)): α = 0.05 two-sided, 80 % power. */
export const MDE_MULTIPLIER = 1.959963984540054 + 0.8416212335729143;

export type EvaluateOptions = MetricOptions & BootstrapOptions;

/** One model's value of a metric on all its rows. Undefined (e.g. ROC AUC with one class) is a ConfigurationError. */
export function computeMetric(metric: string, predictions: PredictionsTable, options: MetricOptions = {}): number {
  const id = metricId(metric, predictions);
  const models = new PreparedModels([predictions], options);
  return defined(id, bindMetric(id, models, 0)(ones(predictions.rows)), predictions);
}

/**
 * Both models' values of a metric on the same rows, the paired bootstrap interval of candidate − baseline, its
 * standard error, the minimum detectable effect, and for accuracy McNemar's exact test.
 */
export function evaluatePaired(metric: string, paired: PairedPredictions, options: EvaluateOptions = {}): PairedEvaluation {
  return evaluatePairedDetailed(metric, paired, options).evaluation;
}

/** {@link evaluatePaired}, with how many bootstrap resamples were undefined (and dropped) for the metric. */
export function evaluatePairedDetailed(metric: string, paired: PairedPredictions, options: EvaluateOptions = {}): { evaluation: PairedEvaluation; undefinedResamples: number } {
  const id = metricId(metric, paired.candidate);
  const models = new PreparedModels([paired.candidate, paired.baseline], options);
  const candidate = bindMetric(id, models, 0);
  const baseline = bindMetric(id, models, 1);
  const all = ones(paired.rows);
  const candidateValue = defined(id, candidate(all), paired.candidate);
  const baselineValue = defined(id, baseline(all), paired.baseline);
  const what = `${id} (${paired.candidate.input} ${quote(paired.candidate.file)})`;
  const bootstrap = pairedBootstrap(paired.rows, candidate, baseline, options, what);
  const evaluation: PairedEvaluation = {
    metric: id,
    rows: paired.rows,
    candidate: candidateValue,
    baseline: baselineValue,
    difference: candidateValue - baselineValue,
    interval: { method: 'paired-bootstrap', level: bootstrap.level, low: bootstrap.low, high: bootstrap.high, resamples: bootstrap.resamples, seed: bootstrap.seed },
    standardError: bootstrap.standardError,
    mde: MDE_MULTIPLIER * bootstrap.standardError,
    mcnemar: id === 'accuracy' ? mcnemarFromPredictions(models.labels(), models.predictions(0, id), models.predictions(1, id)) : null,
  };
  return { evaluation, undefinedResamples: bootstrap.undefinedResamples };
}

function metricId(metric: string, table: PredictionsTable): MetricId {
  if (!isComputableMetric(metric)) {
    throw new ConfigurationError(`${table.input}: metric ${quote(metric)} cannot be computed from predictions; expected one of ${METRIC_IDS.join(', ')}`);
  }
  return metric;
}

function defined(id: MetricId, value: number, table: PredictionsTable): number {
  if (Number.isNaN(value)) {
    throw new ConfigurationError(`${table.input}: ${quote(table.file)}: ${id} is undefined on these ${table.rows} rows (e.g. the labels hold one class only); expected rows of both classes`);
  }
  return value;
}

function ones(rows: number): Float64Array {
  return new Float64Array(rows).fill(1);
}
