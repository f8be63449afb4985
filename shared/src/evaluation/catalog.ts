/**
 * The computable metrics by id: which way is better, and how each binds to one model's prepared data as an
 * evaluator of weights (see metrics.ts). Binding does the per-model work once (class indexes, the score sort,
 * per-row losses), so the bootstrap pays only the weighted pass per replicate.
 */
import type { Direction } from '../gate/types';
import {
  averagePrecision,
  balancedAccuracy,
  classificationScore,
  countClasses,
  newClassCounts,
  rankScores,
  rocAuc,
  rowErrors,
  rowLogLoss,
  rSquared,
  weightedMean,
  type Average,
  type ScoreKind,
} from './metrics';
import type { PreparedModels } from './prepare';

/** A metric of one model on weighted rows: NaN where it is undefined for those weights. */
export type Evaluator = (weights: Float64Array) => number;

export const METRIC_IDS = [
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f1',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
  'roc_auc',
  'pr_auc',
  'log_loss',
  'brier',
  'mae',
  'rmse',
  'r2',
  'mape',
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

export type MetricTask = 'classification' | 'regression';

interface MetricDefinition {
  direction: Direction;
  task: MetricTask;
  bind(models: PreparedModels, m: number, id: MetricId): Evaluator;
}

const labelScore =
  (kind: ScoreKind, average: Average): MetricDefinition['bind'] =>
  (models, m, id) => {
    const labels = models.labels();
    const predictions = models.predictions(m, id);
    const positive = average === 'binary' ? models.positive(id) : -1;
    const counts = newClassCounts(models.classes().length);
    return (weights) => classificationScore(kind, average, countClasses(labels, predictions, weights, counts), positive);
  };

const ranked = (measure: typeof rocAuc): MetricDefinition['bind'] => (models, m, id) => {
  const labels = models.labels();
  const positive = models.positive(id);
  const scores = rankScores(models.binaryScores(m, id), (row) => labels[row] === positive);
  return (weights) => measure(scores, weights);
};

const mean = (perRow: (models: PreparedModels, m: number, id: MetricId) => Float64Array, root = false): MetricDefinition['bind'] => (models, m, id) => {
  const values = perRow(models, m, id);
  return root ? (weights) => Math.sqrt(weightedMean(values, weights)) : (weights) => weightedMean(values, weights);
};

const regressionErrors = (kind: 'absolute' | 'squared' | 'percentage') => (models: PreparedModels, m: number, id: MetricId) =>
  rowErrors(models.numericLabels(id), models.numericPredictions(m, id), kind);

const DEFINITIONS: Record<MetricId, MetricDefinition> = {
  accuracy: {
    direction: 'higher',
    task: 'classification',
    bind: mean((models, m, id) => {
      const labels = models.labels();
      const predictions = models.predictions(m, id);
      return Float64Array.from(labels, (label, i) => (label === predictions[i] ? 1 : 0));
    }),
  },
  balanced_accuracy: {
    direction: 'higher',
    task: 'classification',
    bind: (models, m, id) => {
      const labels = models.labels();
      const predictions = models.predictions(m, id);
      const counts = newClassCounts(models.classes().length);
      return (weights) => balancedAccuracy(countClasses(labels, predictions, weights, counts));
    },
  },
  precision: { direction: 'higher', task: 'classification', bind: labelScore('precision', 'binary') },
  recall: { direction: 'higher', task: 'classification', bind: labelScore('recall', 'binary') },
  f1: { direction: 'higher', task: 'classification', bind: labelScore('f1', 'binary') },
  precision_macro: { direction: 'higher', task: 'classification', bind: labelScore('precision', 'macro') },
  recall_macro: { direction: 'higher', task: 'classification', bind: labelScore('recall', 'macro') },
  f1_macro: { direction: 'higher', task: 'classification', bind: labelScore('f1', 'macro') },
  precision_weighted: { direction: 'higher', task: 'classification', bind: labelScore('precision', 'weighted') },
  recall_weighted: { direction: 'higher', task: 'classification', bind: labelScore('recall', 'weighted') },
  f1_weighted: { direction: 'higher', task: 'classification', bind: labelScore('f1', 'weighted') },
  roc_auc: { direction: 'higher', task: 'classification', bind: ranked(rocAuc) },
  pr_auc: { direction: 'higher', task: 'classification', bind: ranked(averagePrecision) },
  log_loss: {
    direction: 'lower',
    task: 'classification',
    bind: mean((models, m, id) => rowLogLoss(models.probabilities(m, id), models.labels())),
  },
  brier: {
    direction: 'lower',
    task: 'classification',
    bind: mean((models, m, id) => {
      const labels = models.labels();
      const positive = models.positive(id);
      const scores = models.binaryScores(m, id, true);
      return Float64Array.from(scores, (p, i) => {
        const d = (labels[i] === positive ? 1 : 0) - p;
        return d * d;
      });
    }),
  },
  mae: { direction: 'lower', task: 'regression', bind: mean(regressionErrors('absolute')) },
  rmse: { direction: 'lower', task: 'regression', bind: mean(regressionErrors('squared'), true) },
  r2: {
    direction: 'higher',
    task: 'regression',
    bind: (models, m, id) => {
      const labels = models.numericLabels(id);
      const squared = rowErrors(labels, models.numericPredictions(m, id), 'squared');
      return (weights) => rSquared(labels, squared, weights);
    },
  },
  mape: { direction: 'lower', task: 'regression', bind: mean(regressionErrors('percentage')) },
};

/** Whether `name` is a metric the gate computes from predictions (else it can only be read from a metrics file). */
export function isComputableMetric(name: string): name is MetricId {
  return Object.prototype.hasOwnProperty.call(DEFINITIONS, name);
}

/** Which way is better for a computable metric. */
export function metricDirection(id: MetricId): Direction {
  return DEFINITIONS[id].direction;
}

/** Whether a computable metric is of classification or of regression. */
export function metricTask(id: MetricId): MetricTask {
  return DEFINITIONS[id].task;
}

/** The evaluator of metric `id` for model `m` of the prepared models. */
export function bindMetric(id: MetricId, models: PreparedModels, m: number): Evaluator {
  return DEFINITIONS[id].bind(models, m, id);
}
