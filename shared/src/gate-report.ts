import { readFile } from 'node:fs/promises';
import schema from '../schemas/gate-report.schema.json';
import { ConfigurationError, quote } from './errors';
import { writeJsonFile } from './files/json-file';
import { assertMatchesSchema } from './files/schema';
import type { GateResult, GateVerdict } from './gate/types';

/**
 * The part of the gate report (`gate.json`) that promote reads: the verdict bound to the candidate's model digest.
 * evaluate-gate writes the whole GateResult (shared/src/gate/types.ts); its JSON Schema is
 * shared/schemas/gate-report.schema.json, and docs/promote.md documents what promote relies on. Readers require only
 * these fields and accept (and ignore) fields the schema does not name, so the gate can add to it.
 */
export interface GateReport {
  schemaVersion: 1;
  passed: boolean;
  verdict: string;
  model?: string;
  /** `testSetDigest`: the digest of the test set the gate measured the candidate on, when the gate knows it. */
  candidate: { modelDigest: string | null; runId: string | null; testSetDigest?: string | null };
}

export const GATE_REPORT_SCHEMA = schema;

const GATE_VERDICTS: readonly GateVerdict[] = ['improved', 'unchanged', 'within-noise', 'no-baseline', 'failed'];

/**
 * What the writer checks: the same schema with every field of GateResult required and the verdict one of the gate's.
 * The reader's schema stays lenient (promote's fixtures and older gates write only its required fields); a distinct
 * $id keeps both in one ajv instance.
 */
export const GATE_RESULT_SCHEMA = {
  ...schema,
  $id: 'https://github.com/mlops-actions/mlops-actions/shared/schemas/gate-report.written.schema.json',
  required: ['schemaVersion', 'passed', 'verdict', 'candidate', 'baseline', 'comparison', 'metrics', 'notes', 'validation', 'commit', 'createdAt'],
  properties: {
    ...schema.properties,
    verdict: { ...schema.properties.verdict, enum: GATE_VERDICTS },
    candidate: { ...schema.properties.candidate, required: ['modelDigest', 'runId', 'testSetDigest', 'location'] },
  },
};

/**
 * Writes gate.json: checked against the schema first (a result that does not fit is a bug, and nothing is written),
 * then written whole with a rename, so promote never reads half a report. `label` names the input, `report`.
 */
export async function writeGateReport(file: string, result: GateResult, label = 'report'): Promise<void> {
  await writeJsonFile(file, result, { schema: GATE_RESULT_SCHEMA, label });
}

/**
 * Reads and validates a gate report; `label` names the input it came from (`gate-report` in promote), `shown` is
 * how errors name the file (the path the user gave, relative to the workspace; the absolute path by default).
 */
export async function readGateReport(file: string, label = 'gate-report', shown = file): Promise<GateReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigurationError(`${label}: the gate report ${quote(shown)} does not exist or cannot be read; run evaluate-gate first, or point ${label} at its gate.json`);
  }
  return parseGateReport(text, shown, label);
}

/** Parses and validates the text of a gate report (`file` only names it in errors). */
export function parseGateReport(text: string, file: string, label = 'gate-report'): GateReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${label}: the gate report ${quote(file)} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  assertMatchesSchema<GateReport>(schema, data, file, label);
  return data;
}
