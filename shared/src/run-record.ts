import { readFile } from 'node:fs/promises';
import schema from '../schemas/run-record.schema.json';
import { ConfigurationError, quote } from './errors';
import { assertMatchesSchema } from './files/schema';
import { writeJsonFile } from './files/json-file';

/** The run record (`run.json`): what one training run did. Its JSON Schema is shared/schemas/run-record.schema.json. */
export interface RunRecord {
  schemaVersion: 1;
  runId: string;
  status: 'succeeded' | 'failed' | 'timed-out';
  startedAt: string;
  durationSeconds: number;
  command: string;
  workingDirectory: string;
  exitCode: number;
  peakMemoryBytes: number | null;
  git: { sha: string | null; ref: string | null };
  event: string;
  cacheKey: string;
  inputs: { patterns: string[]; digest: string; files: Record<string, string> };
  params: { path: string; digest: string; values: Record<string, unknown> } | null;
  metrics: { path: string; values: Record<string, number> } | null;
  model: ArtifactRecord | null;
  predictions: ArtifactRecord | null;
  runner: { os: string; arch: string; name: string | null; node: string };
  github: {
    repository: string | null;
    workflow: string | null;
    job: string | null;
    runId: string | null;
    runAttempt: string | null;
    url: string | null;
  } | null;
}

export interface ArtifactRecord {
  path: string;
  kind: 'file' | 'folder';
  digest: string;
  sizeBytes: number;
}

export const RUN_RECORD_SCHEMA = schema;

/** Writes the record after checking it against its schema; written to a temporary file and renamed, never half. */
export async function writeRunRecord(file: string, record: RunRecord): Promise<void> {
  await writeJsonFile(file, record, { schema, label: 'run-record' });
}

/** Reads and validates a run record; `label` names the input it came from. */
export async function readRunRecord(file: string, label: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigurationError(`${label}: the run record ${quote(file)} does not exist or cannot be read`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${label}: the run record ${quote(file)} is not valid JSON: ${(error as Error).message}`);
  }
  assertMatchesSchema<RunRecord>(schema, data, file, label);
  return data;
}
