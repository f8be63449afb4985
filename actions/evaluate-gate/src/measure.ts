import { ConfigurationError, ReportedFailure } from '../../../shared/src/errors';
import {
  computeMetric,
  evaluatePaired,
  pairPredictions,
  readPredictions,
  selectRows,
  sliceRows,
  type EvaluateOptions,
  type PairedPredictions,
} from '../../../shared/src/evaluation';
import { relativePath } from '../../../shared/src/files/paths';
import type { GatePolicy, MetricValues, SliceMeasurement } from '../../../shared/src/gate';
import type { PairedEvaluation } from '../../../shared/src/gate/types';
import type { Logger } from '../../../shared/src/ports';
import type { ResolvedBaseline } from './baseline';
import type { GateSettings } from './inputs';
import type { ModelRecord } from './model-record';

/** The numbers the decision takes: metric values, paired evaluations, per-slice measurements. */
export interface GateNumbers {
  candidate: MetricValues;
  baseline: MetricValues | null;
  evaluations: PairedEvaluation[];
  slices: SliceMeasurement[];
  notes: string[];
}

/**
 * Gathers the numbers. Without per-example predictions they are the metrics files' values. With the candidate's
 * predictions, the policy's computable metrics are computed from them (and per slice); with the baseline's too,
 * both models are scored on the same rows and each metric gets its paired interval.
 */
export async function measure(settings: GateSettings, policy: GatePolicy, candidate: ModelRecord, baseline: ResolvedBaseline, logger: Logger): Promise<GateNumbers> {
  const computed = policy.metrics.filter((metric) => metric.compute !== null);
  const sliceColumns = [...new Set(policy.metrics.flatMap((metric) => metric.slices.map((rule) => rule.column)))];
  const lacking = computed.some((metric) => !Object.hasOwn(candidate.metrics, metric.name));
  // The run record's predictions are read when something needs them; an explicit input always is.
  const candidateFile = settings.candidatePredictions ?? (baseline.predictions || sliceColumns.length > 0 || lacking ? candidate.predictions : undefined);
  const numbers: GateNumbers = { candidate: { ...candidate.metrics }, baseline: baseline.metrics, evaluations: [], slices: [], notes: [] };
  if (candidateFile === undefined) {
    if (baseline.predictions) {
      throw new ConfigurationError("candidate-predictions: the baseline's predictions are given, but not the candidate's, and the candidate's run record names none; give candidate-predictions");
    }
    return numbers;
  }

  const rel = (file: string): string => relativePath(settings.workspace, file);
  const candidateTable = await readPredictions(rel(candidateFile), { cwd: settings.workspace, input: 'candidate-predictions', columns: { slices: sliceColumns } });
  logger.info(`The candidate's predictions: ${candidateTable.rows} rows from ${rel(candidateFile)}.`);
  const ids = [...new Set(computed.map((metric) => metric.compute as string))];
  const pairedIds = [...new Set(computed.filter((metric) => metric.test !== 'none').map((metric) => metric.compute as string))];
  const options: EvaluateOptions = { resamples: policy.resamples, level: policy.confidence, seed: policy.seed };

  let paired: PairedPredictions;
  if (baseline.predictions) {
    const baselineTable = await readPredictions(rel(baseline.predictions), { cwd: settings.workspace, input: 'baseline-predictions' });
    paired = pairPredictions(candidateTable, baselineTable);
    logger.info(`Both models' predictions on the same ${paired.rows} rows: ${pairedIds.length} paired interval${pairedIds.length === 1 ? '' : 's'}, ${policy.resamples} resamples each.`);
    for (const id of pairedIds) numbers.evaluations.push(evaluatePaired(id, paired, options));
  } else {
    // One model: a table paired with itself gives the slices the same row selection as a comparison.
    paired = pairPredictions(candidateTable, candidateTable);
  }
  for (const id of ids) numbers.candidate = { ...numbers.candidate, [id]: computeMetric(id, candidateTable) };

  for (const column of sliceColumns) {
    const wanted = computed.filter((metric) => metric.slices.some((rule) => rule.column === column));
    const values = [...new Set((candidateTable.slices.get(column) ?? []).filter((value): value is string => value !== null))].sort();
    for (const value of values) {
      const subset = selectRows(paired, sliceRows(paired, column, value));
      const measurement: SliceMeasurement = { column, value, rows: subset.rows, candidate: {}, baseline: baseline.predictions ? {} : null, evaluations: [] };
      for (const id of new Set(wanted.map((metric) => metric.compute as string))) {
        const where = `${id} on ${column}=${JSON.stringify(value)} (${subset.rows} rows)`;
        const candidateValue = attempt(() => computeMetric(id, subset.candidate), where, numbers.notes);
        if (candidateValue !== undefined) measurement.candidate = { ...measurement.candidate, [id]: candidateValue };
        if (!baseline.predictions) continue;
        const baselineValue = attempt(() => computeMetric(id, subset.baseline), where, numbers.notes);
        if (baselineValue !== undefined) measurement.baseline = { ...measurement.baseline, [id]: baselineValue };
        if (pairedIds.includes(id) && candidateValue !== undefined && baselineValue !== undefined) {
          const evaluation = attempt(() => evaluatePaired(id, subset, options), where, numbers.notes);
          if (evaluation) measurement.evaluations = [...(measurement.evaluations ?? []), evaluation];
        }
      }
      numbers.slices.push(measurement);
    }
  }
  return numbers;
}

/**
 * A slice's metric can be undefined where the whole test set's is not (ROC AUC on a slice of one class): the value
 * is then missing, which the decision fails closed on, and a note says why.
 */
function attempt<T>(compute: () => T, where: string, notes: string[]): T | undefined {
  try {
    return compute();
  } catch (error) {
    if (!(error instanceof ReportedFailure)) throw error;
    notes.push(`${where} could not be computed: ${error.message.replace(/^[^:]+: /, '')}`);
    return undefined;
  }
}
