/**
 * The metrics as weighted computations over typed arrays: `weights[i]` is how many times row i counts (1 for
 * every row for the point estimate; a bootstrap resample's draw counts for a replicate), so a resample is
 * evaluated without copying any data, and a weight of k gives exactly what scikit-learn gives on the row repeated
 * k times. Each returns NaN where the metric is undefined on those weights (ROC AUC with one class present).
 *
 * Every formula follows scikit-learn 1.2 (docs/gate-statistics.md gives each with its sklearn call); the golden
 * tests hold them to sklearn's values within 1e-12.
 */

/** Σ wᵢ·vᵢ / Σ wᵢ: accuracy (v = correct), log loss, Brier, MAE, MAPE and MSE (v = per-row loss). */
export function weightedMean(values: Float64Array, weights: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i] as number;
    sum += w * (values[i] as number);
    total += w;
  }
  return total > 0 ? sum / total : Number.NaN;
}

/** Per-class weighted counts of a confusion matrix: what every label-based classification metric needs. */
export interface ClassCounts {
  /** Rows of class c predicted as c. */
  truePositive: Float64Array;
  /** Rows whose label is c (the support). */
  actual: Float64Array;
  /** Rows predicted as c. */
  predicted: Float64Array;
  total: number;
}

export function newClassCounts(classes: number): ClassCounts {
  return { truePositive: new Float64Array(classes), actual: new Float64Array(classes), predicted: new Float64Array(classes), total: 0 };
}

/** Fills `counts` (reused across resamples: no allocation per replicate). */
export function countClasses(labels: Int32Array, predictions: Int32Array, weights: Float64Array, counts: ClassCounts): ClassCounts {
  const { truePositive, actual, predicted } = counts;
  truePositive.fill(0);
  actual.fill(0);
  predicted.fill(0);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    const y = labels[i] as number;
    const p = predictions[i] as number;
    actual[y]! += w;
    predicted[p]! += w;
    if (y === p) truePositive[y]! += w;
    total += w;
  }
  counts.total = total;
  return counts;
}

export type Average = 'binary' | 'macro' | 'weighted';
export type ScoreKind = 'precision' | 'recall' | 'f1';

/** tp / denominator, 0 when the denominator is 0 (sklearn's zero_division default, without its warning). */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** One class's precision, recall or F1 from the counts, as precision_recall_fscore_support computes it. */
function classScore(kind: ScoreKind, counts: ClassCounts, c: number): number {
  const tp = counts.truePositive[c] as number;
  const precision = ratio(tp, counts.predicted[c] as number);
  const recall = ratio(tp, counts.actual[c] as number);
  if (kind === 'precision') return precision;
  if (kind === 'recall') return recall;
  // sklearn 1.2: (1 + β²)·P·R / (β²·P + R), with a zero denominator read as 1; β = 1.
  const denominator = precision + recall;
  return (2 * precision * recall) / (denominator === 0 ? 1 : denominator);
}

/**
 * Precision, recall or F1: of the positive class (`binary`), or averaged over the classes present in the labels
 * or the predictions (`macro`: unweighted; `weighted`: by each class's support), as sklearn's `average=` does.
 */
export function classificationScore(kind: ScoreKind, average: Average, counts: ClassCounts, positive: number): number {
  if (counts.total === 0) return Number.NaN;
  if (average === 'binary') return classScore(kind, counts, positive);
  let sum = 0;
  let weight = 0;
  for (let c = 0; c < counts.actual.length; c++) {
    const support = counts.actual[c] as number;
    if (support === 0 && counts.predicted[c] === 0) continue;
    const w = average === 'macro' ? 1 : support;
    sum += w * classScore(kind, counts, c);
    weight += w;
  }
  return weight === 0 ? 0 : sum / weight;
}

/** The mean over the classes present in the labels of each class's recall (sklearn's balanced_accuracy_score). */
export function balancedAccuracy(counts: ClassCounts): number {
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < counts.actual.length; c++) {
    const support = counts.actual[c] as number;
    if (support === 0) continue;
    sum += (counts.truePositive[c] as number) / support;
    classes++;
  }
  return classes === 0 ? Number.NaN : sum / classes;
}

/**
 * Binary scores sorted once (ascending, rows of equal score in runs), so each resample's ROC AUC and average
 * precision is one pass over the rows with that resample's weights: no sort per replicate.
 */
export interface RankedScores {
  /** Row indexes by ascending score. */
  order: Int32Array;
  /** 1 where the row at that sorted position is of the positive class. */
  positive: Uint8Array;
  /** The sorted positions where each run of equal scores ends (exclusive), ascending. */
  runEnds: Int32Array;
}

export function rankScores(scores: Float64Array, isPositive: (row: number) => boolean): RankedScores {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  const positive = Uint8Array.from(order, (row) => (isPositive(row) ? 1 : 0));
  const ends: number[] = [];
  for (let k = 1; k <= order.length; k++) {
    if (k === order.length || scores[order[k] as number] !== scores[order[k - 1] as number]) ends.push(k);
  }
  return { order, positive, runEnds: Int32Array.from(ends) };
}

/**
 * The area under the ROC curve: P(score of a positive > score of a negative) + ½·P(equal), the Mann–Whitney
 * form of the trapezoidal area sklearn's roc_auc_score takes over its curve (ties make a diagonal step, worth
 * half). NaN unless both classes have weight.
 */
export function rocAuc(ranked: RankedScores, weights: Float64Array): number {
  const { order, positive, runEnds } = ranked;
  let negativesBelow = 0;
  let area = 0;
  let positives = 0;
  let start = 0;
  for (let r = 0; r < runEnds.length; r++) {
    const end = runEnds[r] as number;
    let pos = 0;
    let neg = 0;
    for (let k = start; k < end; k++) {
      const w = weights[order[k] as number] as number;
      if (positive[k] === 1) pos += w;
      else neg += w;
    }
    area += pos * (negativesBelow + 0.5 * neg);
    negativesBelow += neg;
    positives += pos;
    start = end;
  }
  return positives > 0 && negativesBelow > 0 ? area / (positives * negativesBelow) : Number.NaN;
}

/**
 * Average precision (sklearn's average_precision_score, the PR AUC without interpolation): Σ over thresholds, from
 * the highest score down, of (recall gained at the threshold) × (precision at it). NaN without a positive.
 */
export function averagePrecision(ranked: RankedScores, weights: Float64Array): number {
  const { order, positive, runEnds } = ranked;
  let truePositives = 0;
  let falsePositives = 0;
  let sum = 0;
  for (let r = runEnds.length - 1; r >= 0; r--) {
    const start = r === 0 ? 0 : (runEnds[r - 1] as number);
    const end = runEnds[r] as number;
    let pos = 0;
    let neg = 0;
    for (let k = start; k < end; k++) {
      const w = weights[order[k] as number] as number;
      if (positive[k] === 1) pos += w;
      else neg += w;
    }
    truePositives += pos;
    falsePositives += neg;
    if (pos > 0) sum += pos * (truePositives / (truePositives + falsePositives));
  }
  return truePositives > 0 ? sum / truePositives : Number.NaN;
}

/** sklearn's log_loss clips probabilities to [ε, 1 − ε] with ε the float64 machine epsilon (eps='auto', 1.2). */
export const LOG_LOSS_EPSILON = 2.220446049250313e-16;

/**
 * Each row's log loss, −ln p̂(true class): the row's probabilities clipped to [ε, 1 − ε] and divided by their
 * clipped sum (sklearn renormalizes after clipping), so the weighted mean over rows is sklearn's log_loss.
 */
export function rowLogLoss(probabilities: readonly Float64Array[], labels: Int32Array): Float64Array {
  const out = new Float64Array(labels.length);
  const clip = (p: number): number => Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
  for (let i = 0; i < labels.length; i++) {
    let sum = 0;
    for (const column of probabilities) sum += clip(column[i] as number);
    out[i] = -Math.log(clip((probabilities[labels[i] as number] as Float64Array)[i] as number) / sum);
  }
  return out;
}

/** sklearn's mean_absolute_percentage_error divides by max(|y|, ε), ε the float64 machine epsilon. */
export const MAPE_EPSILON = 2.220446049250313e-16;

/** Per-row losses for the regression metrics that are means: |e|, e², |e| / max(|y|, ε). */
export function rowErrors(labels: Float64Array, predictions: Float64Array, kind: 'absolute' | 'squared' | 'percentage'): Float64Array {
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    const e = y - (predictions[i] as number);
    out[i] = kind === 'absolute' ? Math.abs(e) : kind === 'squared' ? e * e : Math.abs(e) / Math.max(Math.abs(y), MAPE_EPSILON);
  }
  return out;
}

/**
 * R² = 1 − Σw(y − ŷ)² / Σw(y − ȳ)², ȳ the weighted mean; when the labels are constant, 1 for a perfect fit and
 * 0 otherwise (sklearn's force_finite).
 */
export function rSquared(labels: Float64Array, squaredErrors: Float64Array, weights: Float64Array): number {
  let total = 0;
  let sum = 0;
  let residual = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights[i] as number;
    total += w;
    sum += w * (labels[i] as number);
    residual += w * (squaredErrors[i] as number);
  }
  if (total === 0) return Number.NaN;
  const mean = sum / total;
  let spread = 0;
  for (let i = 0; i < labels.length; i++) {
    const d = (labels[i] as number) - mean;
    spread += (weights[i] as number) * d * d;
  }
  if (spread === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / spread;
}
