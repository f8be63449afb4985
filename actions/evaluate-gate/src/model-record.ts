import path from 'node:path';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { isPlainObject, readStructuredFile } from '../../../shared/src/files/structured';
import { toMetrics, type Metrics } from '../../../shared/src/metrics/metrics-file';
import { RUN_RECORD_SCHEMA, type RunRecord } from '../../../shared/src/run-record';
import { assertMatchesSchema } from '../../../shared/src/files/schema';

/** What the gate knows of one model from a file: a run record from train, or a bare metrics file. */
export interface ModelRecord {
  metrics: Metrics;
  /** From a run record; null for a metrics file (such a candidate can be gated, not promoted). */
  modelDigest: string | null;
  runId: string | null;
  /** The predictions file the run record names (absolute; the record keeps it relative to its working directory). */
  predictions?: string;
  record?: RunRecord;
}

/**
 * Reads `file` as train's run record when it is one (a JSON object with `schemaVersion` and `runId`), else as a
 * metrics file (JSON, YAML or TOML, flattened with dots, as DVC reads them). A run record of a failed run is refused:
 * its metrics, if any, describe no model. `label` names the input, `shown` the file, in errors.
 */
export async function readModelRecord(file: string, label: string, workspace: string, shown: string): Promise<ModelRecord> {
  const document = await readStructuredFile(file, label);
  if (!isPlainObject(document) || !('runId' in document) || !('schemaVersion' in document)) {
    return { metrics: toMetrics(document, shown, label), modelDigest: null, runId: null };
  }
  // Parsed once above; a run record is then held to its schema.
  const record: unknown = document;
  assertMatchesSchema<RunRecord>(RUN_RECORD_SCHEMA, record, shown, label);
  if (record.status !== 'succeeded') {
    throw new ConfigurationError(`${label}: the run record ${quote(shown)} is of a ${record.status} run (exit code ${record.exitCode}); a failed run has no model to gate`);
  }
  if (!record.metrics || Object.keys(record.metrics.values).length === 0) {
    throw new ConfigurationError(`${label}: the run record ${quote(shown)} holds no metrics; give train its \`metrics\` input so the run records them`);
  }
  return {
    metrics: record.metrics.values,
    modelDigest: record.model?.digest ?? null,
    runId: record.runId,
    ...(record.predictions ? { predictions: path.resolve(workspace, record.workingDirectory, record.predictions.path) } : {}),
    record,
  };
}
