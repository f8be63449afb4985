/**
 * The types that pass between the parts of evaluate-gate:
 *
 *   shared/src/evaluation/  per-example predictions -> metric values, paired intervals, McNemar, MDE  (PairedEvaluation)
 *   shared/src/gate/        the policy, the relative change, the verdict per metric and overall      (MetricComparison, GateResult)
 *   shared/src/gate/report/ GateResult -> markdown (PR comment, job summary) and the sticky comment
 *
 * GateResult is what gate.json holds (shared/schemas/gate-report.schema.json); promote reads the part of it that
 * shared/src/gate-report.ts names (passed, verdict, candidate.modelDigest).
 */

/** Which way is better for a metric. */
export type Direction = 'higher' | 'lower';

/**
 * The verdict for one metric (or one metric on one slice):
 * - `improved`: better than the baseline by more than the noise (the interval of candidate − baseline excludes 0 on
 *   the good side), and by `min-improvement` when the policy asks for one;
 * - `unchanged`: the interval lies inside the allowed regression and the point change is 0 (or no interval and no change);
 * - `within-noise`: the difference could be noise: the interval straddles 0 and does not pass the allowed regression;
 * - `regressed`: worse than allowed (judged on the interval when there is one, else on the point);
 * - `no-baseline`: there is nothing to compare with (first run); only the absolute bounds were checked;
 * - `missing`: the policy names the metric (or slice) but the candidate lacks it: fails closed.
 */
export type MetricVerdict = 'improved' | 'unchanged' | 'within-noise' | 'regressed' | 'no-baseline' | 'missing';

/** The verdict of the whole gate: `failed` when any rule failed, else the most telling metric verdict. */
export type GateVerdict = 'improved' | 'unchanged' | 'within-noise' | 'no-baseline' | 'failed';

/** A slice of the test set: the rows whose `column` equals `value`. */
export interface SliceRef {
  column: string;
  value: string;
  rows: number;
}

/** The percentile interval of (candidate − baseline) from a paired bootstrap on the same rows. */
export interface DifferenceInterval {
  method: 'paired-bootstrap';
  /** Confidence level, e.g. 0.95. */
  level: number;
  low: number;
  high: number;
  resamples: number;
  seed: number;
}

/** McNemar's exact test on the discordant pairs (for accuracy). */
export interface McNemarResult {
  pValue: number;
  /** Rows the candidate got right and the baseline wrong. */
  candidateOnlyCorrect: number;
  /** Rows the baseline got right and the candidate wrong. */
  baselineOnlyCorrect: number;
}

/** What shared/src/evaluation computes for one metric from both models' predictions on the same rows. */
export interface PairedEvaluation {
  /** The computable metric's id, e.g. `accuracy`, `roc_auc`, `rmse`. */
  metric: string;
  rows: number;
  candidate: number;
  baseline: number;
  /** candidate − baseline. */
  difference: number;
  interval: DifferenceInterval;
  /** Standard error of the difference (the bootstrap replicates' standard deviation). */
  standardError: number;
  /**
   * The minimum detectable effect: the smallest |difference| this test set detects at α = 0.05 (two-sided) with 80 %
   * power, (z₀.₉₇₅ + z₀.₈) × standardError ≈ 2.80 × SE.
   */
  mde: number;
  mcnemar: McNemarResult | null;
}

/** The result for one metric (or one metric on one slice): one row of the report's table. */
export interface MetricComparison {
  metric: string;
  slice: SliceRef | null;
  direction: Direction;
  candidate: number | null;
  baseline: number | null;
  /** candidate − baseline, and (candidate − baseline) / |baseline| (null when the baseline is 0). */
  change: { absolute: number; relative: number | null } | null;
  interval: DifferenceInterval | null;
  /** McNemar's test, where the policy's test for the metric is `mcnemar` (it then decides improved or within the noise). */
  mcnemar: McNemarResult | null;
  mde: number | null;
  /** The policy's rule for this metric in words, e.g. `≥ 0.9; regression ≤ 0.01 or 2 %`. */
  rule: string;
  verdict: MetricVerdict;
  passed: boolean;
  /** One line per failed rule (empty when passed). */
  reasons: string[];
}

/** Where the baseline's numbers came from. */
export interface BaselineInfo {
  /** `production`: the registry's production version; `file`: a metrics file or run record; `none`: first run or told so. */
  source: 'production' | 'file' | 'none';
  /** The registered version (e.g. `v1.2.0`) when the source is production. */
  version: string | null;
  modelDigest: string | null;
  testSetDigest: string | null;
  /** The file the numbers were read from, or the command that re-scored the production model. */
  location: string | null;
  /** True when baseline-command re-scored the production model on this test set. */
  rescored: boolean;
  /** Where the baseline model can be fetched (a production version's GitHub release), when known. */
  modelUrl?: string | null;
}

/** A short account of validation.json, when the gate was given one. */
export interface ValidationSummary {
  passed: boolean;
  rows: number;
  errors: number;
  warnings: number;
  driftedColumns: string[];
}

/** Everything the gate decided: the content of gate.json. */
export interface GateResult {
  schemaVersion: 1;
  passed: boolean;
  verdict: GateVerdict;
  model?: string;
  /** modelDigest and runId are null when the candidate was a bare metrics file: such a gate cannot be promoted. */
  candidate: { modelDigest: string | null; runId: string | null; testSetDigest: string | null; location: string };
  baseline: BaselineInfo;
  /** How the comparison was made: on intervals from predictions, on point estimates, or on the bounds only. */
  comparison: 'intervals' | 'point-estimates' | 'bounds-only';
  metrics: MetricComparison[];
  /** Plain sentences the report shows above the table (e.g. why no interval was possible). */
  notes: string[];
  validation: ValidationSummary | null;
  /** The commit the candidate was built from (the PR head), so an older run never overwrites a newer comment. */
  commit: string | null;
  createdAt: string;
}
