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
  candidate: { modelDigest: string; runId: string; testSetDigest?: string | null };
}

export const GATE_REPORT_SCHEMA = schema;

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
