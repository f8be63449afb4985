import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CommandFailedError, ConfigurationError, quote } from '../../../shared/src/errors';
import { relativePath } from '../../../shared/src/files/paths';
import { flatten, readStructuredFile } from '../../../shared/src/files/structured';
import { digestPath, listFiles } from '../../../shared/src/hashing/digest';
import { readMetricsFile } from '../../../shared/src/metrics/metrics-file';
import type { Clock, CommandRunner, Logger, RunContext } from '../../../shared/src/ports';
import { writeRunRecord, type ArtifactRecord, type RunRecord } from '../../../shared/src/run-record';
import { commandEnvironment } from '../../../shared/src/runtime/command';
import type { CacheKey } from './cache-key';
import type { TrainSettings } from './inputs';

export interface TrainingDeps {
  commands: CommandRunner;
  logger: Logger;
  clock: Clock;
  context: RunContext;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs the training command and writes its run record. A command that fails or times out leaves a record with
 * that status and no model, metrics or predictions, whatever files it left behind, and throws
 * CommandFailedError with the command's exit code. An output the command was asked for but did not write
 * (missing, or unchanged since before the run) is the user's mistake and throws ConfigurationError.
 */
export async function runTraining(settings: TrainSettings, key: CacheKey, deps: TrainingDeps): Promise<RunRecord> {
  const { logger, clock } = deps;
  const runId = randomUUID();
  // Parameters are read before the command runs: a file that does not parse should not cost a training run.
  const params = settings.params ? await readParams(settings, key) : null;
  const declaredOutputs = declared(settings);
  const before = new Map<string, string | undefined>();
  for (const [, file] of declaredOutputs) before.set(file, await fingerprint(file));

  const startedAt = new Date(clock.now()).toISOString();
  logger.info(`$ ${settings.command}`);
  const result = await deps.commands.run({
    script: settings.command,
    cwd: settings.workingDirectory,
    env: trainingEnvironment(settings, runId, deps.env),
    timeoutMs: settings.timeoutMs,
  });
  const base = { ...baseRecord(settings, key, deps.context, runId, startedAt, result.durationMs / 1000, result.exitCode, result.peakMemoryBytes), params };

  if (result.timedOut || result.exitCode !== 0) {
    await writeRunRecord(settings.runRecord, { ...base, status: result.timedOut ? 'timed-out' : 'failed' });
    const minutes = (settings.timeoutMs ?? 0) / 60_000;
    throw new CommandFailedError(
      result.timedOut
        ? `The training command timed out after ${minutes} minutes and was stopped (exit code ${result.exitCode}); no model is reported`
        : `The training command failed with exit code ${result.exitCode}; no model is reported`,
      result.exitCode || 1,
    );
  }
  logger.info(`The command finished in ${(result.durationMs / 1000).toFixed(1)} s${result.peakMemoryBytes ? `, peak memory ${(result.peakMemoryBytes / 2 ** 20).toFixed(0)} MiB` : ''}`);

  for (const [input, file] of declaredOutputs) {
    const after = await fingerprint(file);
    if (after === undefined) {
      throw new ConfigurationError(`${input}: the command succeeded but did not write ${quote(relative(settings, file))} (in ${quote(settings.workingDirectory)}); check the path or the command`);
    }
    if (after === before.get(file)) {
      throw new ConfigurationError(`${input}: the command succeeded but left ${quote(relative(settings, file))} as it was before the run; it must write ${input} anew, or a stale file would be reported`);
    }
  }

  const record: RunRecord = {
    ...base,
    status: 'succeeded',
    metrics: settings.metrics ? { path: relative(settings, settings.metrics), values: await readMetricsFile(settings.metrics, 'metrics') } : null,
    model: settings.model ? await describeArtifact(settings, settings.model, logger) : null,
    predictions: settings.predictions ? await describeArtifact(settings, settings.predictions, logger) : null,
  };
  await writeRunRecord(settings.runRecord, record);
  return record;
}

/** The outputs the user declared, by input name. The run record is ours to write, so it is not among them. */
function declared(settings: TrainSettings): Array<[string, string]> {
  const outputs: Array<[string, string | undefined]> = [
    ['model', settings.model],
    ['metrics', settings.metrics],
    ['predictions', settings.predictions],
  ];
  return outputs.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

/**
 * The command sees where to write its outputs and which run it is; the rest of the environment passes through,
 * as in a `run:` step.
 */
function trainingEnvironment(settings: TrainSettings, runId: string, env: NodeJS.ProcessEnv): Record<string, string> {
  return commandEnvironment(env, {
    MLOPS_MODEL: settings.model,
    MLOPS_METRICS: settings.metrics,
    MLOPS_PREDICTIONS: settings.predictions,
    MLOPS_PARAMS: settings.params,
    MLOPS_RUN_ID: runId,
  });
}

function baseRecord(
  settings: TrainSettings,
  key: CacheKey,
  context: RunContext,
  runId: string,
  startedAt: string,
  durationSeconds: number,
  exitCode: number,
  peakMemoryBytes: number | undefined,
): RunRecord {
  const workflowUrl =
    context.repository && context.runId ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}` : null;
  return {
    schemaVersion: 1,
    runId,
    status: 'succeeded',
    startedAt,
    durationSeconds: Math.round(durationSeconds * 1000) / 1000,
    command: settings.command,
    workingDirectory: relativePath(settings.workspace, settings.workingDirectory),
    exitCode,
    peakMemoryBytes: peakMemoryBytes ?? null,
    git: { sha: context.sha ?? null, ref: context.ref ?? null },
    event: context.eventName,
    cacheKey: key.key,
    inputs: key.inputs,
    params: null,
    metrics: null,
    model: null,
    predictions: null,
    runner: { os: context.runnerOs, arch: context.runnerArch, name: context.runnerName ?? null, node: process.version },
    github: context.onRunner
      ? {
          repository: context.repository ?? null,
          workflow: context.workflow ?? null,
          job: context.job ?? null,
          runId: context.runId ?? null,
          runAttempt: context.runAttempt ?? null,
          url: workflowUrl,
        }
      : null,
  };
}

async function readParams(settings: TrainSettings, key: CacheKey): Promise<NonNullable<RunRecord['params']>> {
  const file = settings.params as string;
  const values = flatten(await readStructuredFile(file, 'params'));
  return { path: relative(settings, file), digest: key.paramsDigest as string, values };
}

async function describeArtifact(settings: TrainSettings, file: string, logger: Logger): Promise<ArtifactRecord> {
  const info = await stat(file);
  const kind = info.isDirectory() ? 'folder' : 'file';
  if (kind === 'folder' && (await listFiles(file)).length === 0) {
    throw new ConfigurationError(`model: the folder ${quote(relative(settings, file))} that the command wrote is empty; expected the model's files in it`);
  }
  const sizeBytes = kind === 'file' ? info.size : await folderSize(file);
  const digest = await digestPath(file, { logger, label: relative(settings, file) });
  return { path: relative(settings, file), kind, digest, sizeBytes };
}

async function folderSize(folder: string): Promise<number> {
  let total = 0;
  for (const file of await listFiles(folder)) total += (await stat(path.join(folder, file))).size;
  return total;
}

/**
 * What a file or folder looks like now (sizes and modification times), or undefined when it does not exist:
 * compared before and after the run to tell whether the command wrote it.
 */
async function fingerprint(target: string): Promise<string | undefined> {
  let info;
  try {
    info = await stat(target);
  } catch {
    return undefined;
  }
  if (!info.isDirectory()) return `${info.size}:${info.mtimeMs}:${info.ino}`;
  const parts: string[] = [];
  for (const file of await listFiles(target)) {
    const child = await stat(path.join(target, file));
    parts.push(`${file}:${child.size}:${child.mtimeMs}:${child.ino}`);
  }
  return parts.join('\n');
}

function relative(settings: TrainSettings, file: string): string {
  return relativePath(settings.workingDirectory, file);
}
