import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { booleanInput, multilineInput, positiveNumberInput, requiredInput } from '../../../shared/src/inputs';
import type { InputSource } from '../../../shared/src/ports';

/** Everything the train action needs, read and checked once. Paths are absolute. */
export interface TrainSettings {
  command: string;
  workspace: string;
  workingDirectory: string;
  params?: string;
  /** Globs relative to the working directory; empty means everything but .git, node_modules, .mlops and the outputs. */
  inputs: string[];
  model?: string;
  metrics?: string;
  predictions?: string;
  cache: boolean;
  cacheKeyPrefix: string;
  timeoutMs?: number;
  runRecord: string;
  artifactName?: string;
}

const CACHE_KEY_PREFIX = /^[A-Za-z0-9._-]{1,100}$/;

export function readTrainSettings(inputs: InputSource, workspace: string): TrainSettings {
  const command = requiredInput(inputs, 'command', 'the training command, such as `python train.py`');
  const workingDirectory = path.resolve(workspace, inputs.get('working-directory') || '.');
  if (!isDirectory(workingDirectory)) {
    throw new ConfigurationError(`working-directory: ${quote(inputs.get('working-directory'))} is not a folder in the workspace ${quote(workspace)}`);
  }
  const inWorkingDirectory = (name: string): string | undefined => {
    const value = inputs.get(name);
    return value ? path.resolve(workingDirectory, value) : undefined;
  };
  const cacheKeyPrefix = inputs.get('cache-key-prefix') || 'mlops-train';
  if (!CACHE_KEY_PREFIX.test(cacheKeyPrefix)) {
    throw new ConfigurationError(`cache-key-prefix: ${quote(cacheKeyPrefix)} is not a valid prefix; expected letters, digits, '.', '_' or '-' (at most 100)`);
  }
  const timeoutMinutes = positiveNumberInput(inputs, 'timeout-minutes');
  const artifactName = inputs.get('artifact-name') || undefined;
  if (artifactName && /[":<>|*?\\/\r\n]/.test(artifactName)) {
    throw new ConfigurationError(`artifact-name: ${quote(artifactName)} has a character artifacts cannot have; avoid " : < > | * ? \\ / and line breaks`);
  }
  return {
    command,
    workspace,
    workingDirectory,
    params: inWorkingDirectory('params'),
    inputs: multilineInput(inputs, 'inputs'),
    model: inWorkingDirectory('model'),
    metrics: inWorkingDirectory('metrics'),
    predictions: inWorkingDirectory('predictions'),
    cache: booleanInput(inputs, 'cache', true),
    cacheKeyPrefix,
    timeoutMs: timeoutMinutes === undefined ? undefined : Math.round(timeoutMinutes * 60_000),
    runRecord: inWorkingDirectory('run-record') ?? path.join(workingDirectory, 'run.json'),
    artifactName,
  };
}

function isDirectory(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}
