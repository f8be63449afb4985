/**
 * One row of the decision: one metric, on the whole test set or on one slice, against its thresholds. decide.ts
 * finds the numbers and calls this for every row; the verdict rules are here.
 */
import { computeChange, gain, reachesImprovement, withinRegression } from './change';
import type { MetricPolicy, Thresholds } from './policy';
import type { DifferenceInterval, MetricComparison, MetricVerdict, PairedEvaluation, SliceRef } from './types';
import { amountText, describeRule, evidenceText, formatNumber, rowLabel } from './wording';

/**
 * Whether the baseline's number can be compared with the candidate's:
 * - `comparable`: the same rows (a paired evaluation), or a stored number measured on the same (or an unknown) test set;
 * - `none`: there is no baseline at all (first run, or `baseline: none`);
 * - `lacks`: there is a baseline but it has no value for this metric (or slice);
 * - `other-test-set`: the stored number was measured on another test set, and the policy does not compare across.
 */
export type BaselineState = 'comparable' | 'none' | 'lacks' | 'other-test-set';

export interface RowInput {
  metric: MetricPolicy;
  thresholds: Thresholds;
  slice: SliceRef | null;
  candidate: number | undefined;
  baseline: number | undefined;
  baselineState: BaselineState;
  evaluation: PairedEvaluation | undefined;
  /** The significance level for McNemar's test: 1 − the policy's confidence. */
  alpha: number;
  /** True when the row fails for having no baseline (`first-run: fail`, whole test set only). */
  failsWithoutBaseline: boolean;
}

/** How a compared row was judged, so the decision can say so in its notes. */
export type Basis = 'interval' | 'point' | 'not-compared';

export interface JudgedRow {
  comparison: MetricComparison;
  basis: Basis;
  /** The policy asked for a test, but a McNemar result was missing: judged on the interval instead. */
  mcnemarMissing: boolean;
}

export function judgeRow(input: RowInput): JudgedRow {
  const { metric, thresholds, slice, evaluation } = input;
  const label = rowLabel(metric.name, slice);
  const row: MetricComparison = {
    metric: metric.name,
    slice,
    direction: metric.direction,
    candidate: input.candidate ?? null,
    baseline: input.baseline ?? null,
    change: null,
    interval: evaluation?.interval ?? null,
    // Shown only where the policy's test is McNemar's: there it decides whether a change is beyond the noise.
    mcnemar: metric.test === 'mcnemar' ? (evaluation?.mcnemar ?? null) : null,
    mde: evaluation?.mde ?? null,
    rule: describeRule(thresholds),
    verdict: 'missing',
    passed: false,
    reasons: [],
  };
  const candidate = input.candidate;
  if (candidate === undefined) {
    row.reasons.push(slice === null ? `the candidate has no metric ${JSON.stringify(metric.name)}` : `the candidate has no ${JSON.stringify(metric.name)} for the slice ${slice.column} = ${JSON.stringify(slice.value)}`);
    return { comparison: row, basis: 'not-compared', mcnemarMissing: false };
  }

  // The absolute bounds hold on every run, with or without a baseline.
  if (thresholds.min !== undefined && candidate < thresholds.min) row.reasons.push(`${label} ${formatNumber(candidate)} is below the minimum ${formatNumber(thresholds.min)}`);
  if (thresholds.max !== undefined && candidate > thresholds.max) row.reasons.push(`${label} ${formatNumber(candidate)} is above the maximum ${formatNumber(thresholds.max)}`);

  const baseline = input.baseline;
  if (input.baselineState !== 'comparable' || baseline === undefined) {
    if (baseline !== undefined) row.change = computeChange(candidate, baseline);
    if (input.failsWithoutBaseline) row.reasons.push(`there is no baseline to compare ${label} with, and the policy's first-run is "fail"`);
    return finish(row, 'no-baseline', 'not-compared', false);
  }

  const change = computeChange(candidate, baseline);
  row.change = change;
  // The interval decides when the policy does not ask for the point estimate and there is one (paired predictions).
  const interval: DifferenceInterval | null = evaluation && metric.test !== 'none' ? evaluation.interval : null;
  const basis: Basis = interval ? 'interval' : 'point';
  // The worst plausible gain (positive = better): the interval's bad-side end, or the point change.
  const worstGain = interval ? Math.min(gain(interval.low, metric.direction), gain(interval.high, metric.direction)) : gain(change.absolute, metric.direction);
  const evidence = evidenceText(change.absolute, change.relative, interval);

  let regressed = false;
  if (thresholds.maxRegression) {
    const { allowed, holds } = withinRegression(worstGain, baseline, thresholds.maxRegression);
    if (!holds) {
      regressed = true;
      row.reasons.push(`${label} may be worse than the baseline by at most ${amountText(allowed, thresholds.maxRegression, baseline)}; ${evidence}`);
    }
  }
  let improvementHolds = true;
  if (thresholds.minImprovement) {
    const { required, holds } = reachesImprovement(worstGain, baseline, thresholds.minImprovement);
    if (!holds) {
      improvementHolds = false;
      const amount = required === 0 ? 'some improvement' : `an improvement of at least ${amountText(required, thresholds.minImprovement, baseline)}`;
      row.reasons.push(`${label} must show ${amount} over the baseline; ${evidence}`);
    }
  }

  // "Better by more than the noise": McNemar's p-value when the policy asks for it and it is there, else the
  // interval excluding 0 on the good side, else (no interval) any gain of the point estimate.
  const mcnemar = metric.test === 'mcnemar' ? (evaluation?.mcnemar ?? null) : null;
  const mcnemarMissing = metric.test === 'mcnemar' && evaluation !== undefined && mcnemar === null;
  const pointGain = gain(change.absolute, metric.direction);
  const clearlyBetter = mcnemar ? pointGain > 0 && mcnemar.pValue < input.alpha : interval ? worstGain > 0 : pointGain > 0;

  const verdict: MetricVerdict = regressed ? 'regressed' : clearlyBetter && improvementHolds ? 'improved' : change.absolute === 0 ? 'unchanged' : 'within-noise';
  return finish(row, verdict, basis, mcnemarMissing);
}

function finish(row: MetricComparison, verdict: MetricVerdict, basis: Basis, mcnemarMissing: boolean): JudgedRow {
  row.verdict = verdict;
  row.passed = row.reasons.length === 0;
  return { comparison: row, basis, mcnemarMissing };
}
