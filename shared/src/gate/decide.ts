/**
 * The gate's decision: a pure function from the policy and the numbers (candidate, baseline, paired evaluations,
 * slices, test-set digests) to the rows of the report and the overall result. It reads no files and knows nothing
 * of GitHub; the action gathers the numbers and writes what this returns into gate.json.
 */
import type { GatePolicy, MetricPolicy, SliceRule } from './policy';
import { judgeRow, type BaselineState, type Basis, type JudgedRow } from './judge';
import type { GateResult, GateVerdict, MetricComparison, PairedEvaluation, SliceRef } from './types';
import { rowLabel } from './wording';

/** Metric values by name: the metrics file's names (`val.auc`), or computable ids (`roc_auc`). */
export type MetricValues = Readonly<Record<string, number>>;

/** The numbers for one slice of the test set (the rows whose `column` equals `value`). */
export interface SliceMeasurement {
  column: string;
  value: string;
  rows: number;
  candidate: MetricValues;
  /** null when there is no baseline for this slice. */
  baseline: MetricValues | null;
  evaluations?: readonly PairedEvaluation[];
}

/** The digests of the test sets the candidate's and the baseline's numbers were measured on, when known. */
export interface TestSetDigests {
  candidate: string | null;
  baseline: string | null;
}

export interface GateDecisionInput {
  policy: GatePolicy;
  /** The candidate's metrics (metrics file or run record). */
  candidate: MetricValues;
  /** The baseline's metrics, or null when there is no baseline (first run, `baseline: none`). */
  baseline: MetricValues | null;
  /** Paired evaluations from both models' predictions on the same rows, by computable metric id. */
  evaluations?: readonly PairedEvaluation[];
  /** Per-slice numbers, computed from the predictions' slice columns. */
  slices?: readonly SliceMeasurement[];
  testSets?: TestSetDigests;
}

/** The part of gate.json the decision fills; the action adds the candidate, baseline and run details. */
export type GateDecision = Pick<GateResult, 'passed' | 'verdict' | 'comparison' | 'metrics' | 'notes'>;

/**
 * Decides the gate. Each metric of the policy gives one row for the whole test set and one per slice it names; the
 * gate passes when every row passes. Where a paired evaluation exists for a metric, its candidate and baseline
 * values are used (both measured on the same rows); else the metrics' values.
 */
export function decideGate(input: GateDecisionInput): GateDecision {
  const { policy } = input;
  const alpha = 1 - policy.confidence;
  const testSets = input.testSets ?? { candidate: null, baseline: null };
  const otherTestSet = testSets.candidate !== null && testSets.baseline !== null && testSets.candidate !== testSets.baseline;
  const notes: string[] = [];
  const judged: JudgedRow[] = [];
  const lacking: string[] = [];
  const pointOnly: string[] = [];
  const mcnemarMissing: string[] = [];
  let storedNumbersCompared = false;

  const stateOf = (evaluation: PairedEvaluation | undefined, baselineValues: MetricValues | null, value: number | undefined): BaselineState => {
    if (evaluation) return 'comparable'; // both models scored on the same rows, whatever the stored numbers were measured on
    if (input.baseline === null && baselineValues === null) return 'none';
    if (value === undefined) return 'lacks';
    if (otherTestSet && !policy.compareAcrossTestSets) return 'other-test-set';
    return 'comparable';
  };

  const record = (row: JudgedRow, metric: MetricPolicy, slice: SliceRef | null, state: BaselineState, paired: boolean): JudgedRow => {
    judged.push(row);
    const label = rowLabel(metric.name, slice);
    if (state === 'lacks' && row.comparison.candidate !== null) lacking.push(label);
    if (row.basis === 'point' && metric.test !== 'none') pointOnly.push(label);
    if (row.basis !== 'not-compared' && !paired) storedNumbersCompared = true;
    if (row.mcnemarMissing) mcnemarMissing.push(label);
    return row;
  };

  for (const metric of policy.metrics) {
    const evaluation = findEvaluation(input.evaluations, metric);
    const candidate = evaluation?.candidate ?? valueOf(input.candidate, metric);
    const baseline = evaluation?.baseline ?? (input.baseline ? valueOf(input.baseline, metric) : undefined);
    const state = stateOf(evaluation, input.baseline, baseline);
    const row = judgeRow({
      metric,
      thresholds: metric.thresholds,
      slice: null,
      candidate,
      baseline,
      baselineState: state,
      evaluation,
      alpha,
      failsWithoutBaseline: state === 'none' && policy.firstRun === 'fail',
    });
    record(row, metric, null, state, evaluation !== undefined);

    for (const rule of metric.slices) {
      for (const slice of sliceRows(rule, input.slices ?? [], notes, metric)) {
        if (slice.measurement === null) {
          const missing = judgeRow({ metric, thresholds: rule.thresholds, slice: slice.ref, candidate: undefined, baseline: undefined, baselineState: 'none', evaluation: undefined, alpha, failsWithoutBaseline: false });
          if (slice.ref.value === '*') missing.comparison.reasons = [`the candidate's predictions have no slice column ${JSON.stringify(rule.column)} for ${metric.name}`];
          record(missing, metric, slice.ref, 'none', false);
          continue;
        }
        const m = slice.measurement;
        const sliceEvaluation = findEvaluation(m.evaluations, metric);
        const sliceCandidate = sliceEvaluation?.candidate ?? valueOf(m.candidate, metric);
        const sliceBaseline = sliceEvaluation?.baseline ?? (m.baseline ? valueOf(m.baseline, metric) : undefined);
        const sliceState = stateOf(sliceEvaluation, m.baseline, sliceBaseline);
        const judgedSlice = judgeRow({
          metric,
          thresholds: rule.thresholds,
          slice: slice.ref,
          candidate: sliceCandidate,
          baseline: sliceBaseline,
          baselineState: sliceState,
          evaluation: sliceEvaluation,
          alpha,
          failsWithoutBaseline: false,
        });
        if (m.rows < rule.minRows) applyTooSmall(judgedSlice, rule, notes, rowLabel(metric.name, slice.ref));
        record(judgedSlice, metric, slice.ref, sliceState, sliceEvaluation !== undefined);
      }
    }
  }

  const rows = judged.map((row) => row.comparison);
  const anyBaseline = input.baseline !== null || (input.evaluations ?? []).length > 0;
  if (!anyBaseline) {
    notes.unshift(
      policy.firstRun === 'fail'
        ? 'There is no baseline to compare with (first run), and the policy\'s first-run is "fail": the gate fails.'
        : 'There is no baseline to compare with (first run): only the bounds (min, max) were checked.',
    );
  } else if (otherTestSet) {
    const where = `The baseline was measured on test set ${shortDigest(testSets.baseline)}, the candidate on ${shortDigest(testSets.candidate)}`;
    notes.unshift(
      policy.compareAcrossTestSets
        ? `${where}; compared anyway, as the policy sets compare-across-test-sets.`
        : `${where}: metrics without paired predictions were checked against their bounds only (set compare-across-test-sets: true to compare them anyway).`,
    );
  } else if (storedNumbersCompared && (testSets.candidate === null || testSets.baseline === null)) {
    notes.push("The test set of the baseline's or the candidate's numbers is unknown: they were compared as if measured on the same rows.");
  }
  if (lacking.length > 0) notes.push(`The baseline has no value for ${lacking.join(', ')}: only the bounds were checked.`);
  if (pointOnly.length > 0) notes.push(`No paired predictions for ${pointOnly.join(', ')}: judged on the point estimates; no interval was possible.`);
  if (mcnemarMissing.length > 0) notes.push(`No McNemar result for ${mcnemarMissing.join(', ')}: judged on the interval instead.`);

  const passed = rows.every((row) => row.passed);
  return { passed, verdict: overallVerdict(passed, rows), comparison: comparisonOf(judged.map((row) => row.basis)), metrics: rows, notes };
}

/** The metric's value: by its name, else by its computable id (evaluations and slices are keyed by the id). */
function valueOf(values: MetricValues, metric: MetricPolicy): number | undefined {
  if (Object.hasOwn(values, metric.name)) return values[metric.name];
  return metric.compute !== null && Object.hasOwn(values, metric.compute) ? values[metric.compute] : undefined;
}

function findEvaluation(evaluations: readonly PairedEvaluation[] | undefined, metric: MetricPolicy): PairedEvaluation | undefined {
  return metric.compute === null ? undefined : evaluations?.find((evaluation) => evaluation.metric === metric.compute);
}

/**
 * The slices a rule names: its values, or every value the measurements hold for its column. A listed value the
 * measurements lack (or a column they lack altogether, shown as value `*`) is a row with no measurement: it fails
 * closed. `skip` leaves too-small slices out here, with a note.
 */
function sliceRows(rule: SliceRule, measurements: readonly SliceMeasurement[], notes: string[], metric: MetricPolicy): Array<{ ref: SliceRef; measurement: SliceMeasurement | null }> {
  const ofColumn = measurements.filter((m) => m.column === rule.column);
  const values = rule.values ?? [...new Set(ofColumn.map((m) => m.value))];
  if (values.length === 0) return [{ ref: { column: rule.column, value: '*', rows: 0 }, measurement: null }];
  const result: Array<{ ref: SliceRef; measurement: SliceMeasurement | null }> = [];
  for (const value of values) {
    const measurement = ofColumn.find((m) => m.value === value) ?? null;
    const ref: SliceRef = { column: rule.column, value, rows: measurement?.rows ?? 0 };
    if (measurement && measurement.rows < rule.minRows && rule.tooSmall === 'skip') {
      notes.push(`${rowLabel(metric.name, ref)} was skipped: ${measurement.rows} rows, fewer than min-rows ${rule.minRows}.`);
      continue;
    }
    result.push({ ref, measurement });
  }
  return result;
}

/** `warn`: the row is shown but its failures become notes; `fail`: being too small is a failure of its own. */
function applyTooSmall(row: JudgedRow, rule: SliceRule, notes: string[], label: string): void {
  const rows = row.comparison.slice?.rows ?? 0;
  if (rule.tooSmall === 'fail') {
    row.comparison.reasons.push(`${label} has ${rows} rows, fewer than min-rows ${rule.minRows}`);
    row.comparison.passed = false;
    return;
  }
  if (row.comparison.reasons.length > 0) {
    notes.push(`Warning: ${label} has ${rows} rows, fewer than min-rows ${rule.minRows}, so its failures do not fail the gate: ${row.comparison.reasons.join('; ')}.`);
    row.comparison.reasons = [];
    row.comparison.passed = true;
  }
}

/**
 * `failed` when any row failed; else, over the whole-test-set rows, the most telling verdict: an improvement, then
 * a change within the noise, then no change; `no-baseline` when nothing was compared.
 */
function overallVerdict(passed: boolean, rows: readonly MetricComparison[]): GateVerdict {
  if (!passed) return 'failed';
  const verdicts = new Set(rows.filter((row) => row.slice === null).map((row) => row.verdict));
  for (const verdict of ['improved', 'within-noise', 'unchanged'] as const) if (verdicts.has(verdict)) return verdict;
  return 'no-baseline';
}

function comparisonOf(bases: readonly Basis[]): GateResult['comparison'] {
  if (bases.includes('interval')) return 'intervals';
  return bases.includes('point') ? 'point-estimates' : 'bounds-only';
}

function shortDigest(digest: string | null): string {
  if (digest === null) return 'unknown';
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
