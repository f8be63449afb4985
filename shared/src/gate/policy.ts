/**
 * The gate policy as the decision reads it: what docs/gate-policy.md documents and
 * shared/schemas/gate-policy.schema.json describes, with the defaults filled in and the keys in camelCase.
 * Loading and checking the file is policy-load.ts.
 */
import { DEFAULT_LEVEL, DEFAULT_RESAMPLES, DEFAULT_SEED } from '../evaluation/bootstrap';
import type { MetricId } from '../evaluation/catalog';
import type { Direction } from './types';

// The metrics the gate computes from predictions are the evaluation's catalog (shared/src/evaluation/catalog.ts).
export { isComputableMetric, METRIC_IDS as COMPUTABLE_METRICS, metricDirection } from '../evaluation/catalog';
export type ComputableMetric = MetricId;

/** `paired-bootstrap`: judge on the paired interval; `mcnemar`: McNemar decides significance (accuracy); `none`: the point. */
export type TestMethod = 'paired-bootstrap' | 'mcnemar' | 'none';

/** What the gate does with no baseline at all: check the bounds only, or fail. */
export type FirstRun = 'value-only' | 'fail';

/** What a slice smaller than its `min-rows` does. */
export type TooSmall = 'skip' | 'warn' | 'fail';

/** An amount of change: absolute (metric units) and/or relative (fraction of |baseline|); both hold when both are set. */
export interface ChangeLimit {
  abs?: number;
  rel?: number;
}

/** The thresholds a metric (or a slice of it) is held to. Every one is optional. */
export interface Thresholds {
  /** Inclusive lower bound on the candidate's value. */
  min?: number;
  /** Inclusive upper bound on the candidate's value. */
  max?: number;
  /** The largest change for the worse allowed against the baseline. Absent: regressions do not fail. */
  maxRegression?: ChangeLimit;
  /** The smallest change for the better required against the baseline. */
  minImprovement?: ChangeLimit;
}

export interface SliceRule {
  column: string;
  /** The values to judge; null means every value the predictions hold. */
  values: string[] | null;
  minRows: number;
  tooSmall: TooSmall;
  /** The metric's thresholds with this rule's overrides applied (a threshold the slice sets replaces the metric's). */
  thresholds: Thresholds;
}

export interface MetricPolicy {
  /** The metric's name in the metrics file or run record, e.g. `accuracy` or `val.auc`. */
  name: string;
  direction: Direction;
  thresholds: Thresholds;
  /** The test the policy asked for; undefined means the default (paired-bootstrap when predictions exist). */
  test?: TestMethod;
  /** The computable metric behind this name: `compute`, or the name itself when it is computable, else null. */
  compute: ComputableMetric | null;
  slices: SliceRule[];
}

export interface GatePolicy {
  /** The file it was read from, for messages; null for a policy built in code. */
  file: string | null;
  firstRun: FirstRun;
  resamples: number;
  confidence: number;
  seed: number;
  compareAcrossTestSets: boolean;
  /** In the order of the file. */
  metrics: MetricPolicy[];
}

export const POLICY_DEFAULTS = {
  firstRun: 'value-only',
  resamples: DEFAULT_RESAMPLES,
  confidence: DEFAULT_LEVEL,
  seed: DEFAULT_SEED,
  compareAcrossTestSets: false,
  sliceMinRows: 30,
  sliceTooSmall: 'warn',
} as const satisfies {
  firstRun: FirstRun;
  resamples: number;
  confidence: number;
  seed: number;
  compareAcrossTestSets: boolean;
  sliceMinRows: number;
  sliceTooSmall: TooSmall;
};
