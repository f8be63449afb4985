import path from 'node:path';
import { CacheSaveSkipped, createActionRuntime, runWrapper, type ActionRuntime } from '../../../shared/src/runtime';
import { stat } from 'node:fs/promises';
import { digestPath, listFiles } from '../../../shared/src/hashing/digest';
import { readRunRecord, type RunRecord } from '../../../shared/src/run-record';
import type { Cache, Logger } from '../../../shared/src/ports';
import { computeCacheKey, type CacheKey } from './cache-key';
import { readTrainSettings, type TrainSettings } from './inputs';
import { appendTrainSummary, setTrainOutputs } from './report';
import { runTraining } from './training';

export function run(): Promise<void> {
  return runWrapper('train', () => train(createActionRuntime()));
}

/** The train action's steps; `runtime` supplies every side effect, so tests and the local runner reuse it. */
export async function train(runtime: ActionRuntime): Promise<void> {
  const { logger } = runtime;
  const settings = readTrainSettings(runtime.inputs, runtime.context.workspace);
  const key = await logger.group('Hash the inputs', () => computeCacheKey(settings, runtime.context, logger));

  const restored = settings.cache
    ? await logger.group('Look for an earlier run in the cache', () => restoreFromCache(settings, key, runtime.cache(), logger))
    : undefined;
  const record = restored ?? (await logger.group('Train', () => runTraining(settings, key, runtime)));
  if (settings.cache && !restored) {
    await logger.group('Save to the cache', () => saveToCache(settings, key, runtime.cache(), logger));
  }
  // The outputs describe the model whatever happens to the upload below.
  finish(runtime, settings, record, restored !== undefined);
  try {
    // Restored or trained, later jobs of this workflow run get the outputs as an artifact.
    if (settings.artifactName) await logger.group('Upload the artifact', () => uploadArtifact(settings, runtime));
  } finally {
    await runtime.summary.write();
  }
}

function finish(runtime: ActionRuntime, settings: TrainSettings, record: RunRecord, cacheHit: boolean): void {
  setTrainOutputs(runtime.outputs, record, path.relative(runtime.context.workspace, settings.runRecord) || settings.runRecord, cacheHit);
  appendTrainSummary(runtime.summary, record, cacheHit);
}

/** Everything a run produces, which a cache hit must bring back. */
function outputPaths(settings: TrainSettings): string[] {
  return [settings.model, settings.metrics, settings.predictions, settings.runRecord].filter((p): p is string => p !== undefined);
}

/**
 * The outputs relative to the workspace, as the cache is given them: `@actions/cache` versions an entry by its
 * paths, so relative ones let every checkout of the repository share entries, wherever it is on disk.
 */
function cachedPaths(settings: TrainSettings): string[] {
  return outputPaths(settings).map((p) => path.relative(settings.workspace, p));
}

/**
 * Restores an earlier run with the same key. The restored record must be a successful run of this key, and the
 * restored model must still have the digest the record gives; otherwise the entry is not trusted and we train.
 */
async function restoreFromCache(settings: TrainSettings, key: CacheKey, cache: Cache, logger: Logger): Promise<RunRecord | undefined> {
  logger.info(`Looking up ${key.key} in ${cache.description}`);
  const matched = await cache.restore(cachedPaths(settings), key.key);
  if (!matched) {
    logger.info('No earlier run with this key: training.');
    return undefined;
  }
  try {
    const record = await readRunRecord(settings.runRecord, 'run-record');
    if (record.status !== 'succeeded' || record.cacheKey !== key.key) throw new Error(`the cached run record is for ${record.cacheKey} with status ${record.status}`);
    if (record.model && settings.model) {
      const digest = await digestPath(settings.model);
      if (digest !== record.model.digest) throw new Error(`the restored model has digest ${digest}, the record says ${record.model.digest}`);
    }
    logger.info(`Restored run ${record.runId}: training skipped.`);
    return record;
  } catch (error) {
    logger.warning(`Not using the cache entry ${key.key}: ${(error as Error).message}. Training instead.`);
    return undefined;
  }
}

async function saveToCache(settings: TrainSettings, key: CacheKey, cache: Cache, logger: Logger): Promise<void> {
  try {
    await cache.save(cachedPaths(settings), key.key);
    logger.info(`Saved the outputs to ${cache.description} under ${key.key}`);
  } catch (error) {
    if (!(error instanceof CacheSaveSkipped)) throw error;
    logger.warning(`The outputs were not saved to the cache: ${error.message}`);
  }
}

async function uploadArtifact(settings: TrainSettings, runtime: ActionRuntime): Promise<void> {
  const uploader = runtime.artifacts();
  const name = settings.artifactName as string;
  if (!uploader) {
    runtime.logger.warning(`artifact-name: there is no artifact service here (not on a runner, and MLOPS_ARTIFACT_DIR is not set), so ${JSON.stringify(name)} was not uploaded`);
    return;
  }
  const files: string[] = [];
  for (const output of outputPaths(settings)) {
    if ((await stat(output)).isDirectory()) files.push(...(await listFiles(output)).map((file) => path.join(output, file)));
    else files.push(output);
  }
  // The artifact keeps paths relative to the working directory, or to the workspace when an output lies outside it.
  const inside = files.every((file) => !path.relative(settings.workingDirectory, file).startsWith('..'));
  const result = await uploader.upload(name, files, inside ? settings.workingDirectory : settings.workspace);
  runtime.logger.info(`Uploaded ${files.length} files as the artifact ${JSON.stringify(name)} to ${uploader.description}${result.location ? ` (${result.location})` : ''}`);
}
