import path from 'node:path';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { expandGlobs } from '../../../shared/src/files/globs';
import { toPosixPath } from '../../../shared/src/files/paths';
import { digestPath, manifest, sha256Text } from '../../../shared/src/hashing/digest';
import type { Logger, RunContext } from '../../../shared/src/ports';
import type { RunRecord } from '../../../shared/src/run-record';
import type { TrainSettings } from './inputs';

/**
 * Never inputs: git's own files, installed packages, the local runner's state (.mlops/: its cache, artifact store
 * and registry, which change with every run and would change the key they are looked up by), and what the command
 * writes.
 */
const ALWAYS_IGNORED = ['.git/**', '**/.git/**', '**/node_modules/**', '.mlops/**'];

export interface CacheKey {
  key: string;
  inputs: RunRecord['inputs'];
  paramsDigest?: string;
}

/**
 * The content address of a training run: a digest of the command, the parameters file, every input file, the
 * output paths and the runner's OS and architecture. Same key, same training, so its outputs can be restored.
 */
export async function computeCacheKey(settings: TrainSettings, context: Pick<RunContext, 'runnerOs' | 'runnerArch'>, logger: Logger): Promise<CacheKey> {
  const outputs = [settings.model, settings.metrics, settings.predictions, settings.runRecord]
    .filter((p): p is string => p !== undefined)
    .map((p) => toPosixPath(path.relative(settings.workingDirectory, p)));
  const files = await listInputs(settings, outputs);
  const listing = await manifest(settings.workingDirectory, files, { logger, label: 'inputs' });
  const inputsDigest = `sha256:${sha256Text(listing)}`;
  const paramsDigest = settings.params ? await digestParams(settings.params) : undefined;
  const material = JSON.stringify({
    version: 1,
    command: settings.command,
    params: paramsDigest ?? null,
    inputs: inputsDigest,
    outputs,
    os: context.runnerOs,
    arch: context.runnerArch,
  });
  const key = `${settings.cacheKeyPrefix}-${context.runnerOs}-${context.runnerArch}-${sha256Text(material)}`;
  logger.info(`${files.length} input files, digest ${inputsDigest}`);
  if (paramsDigest) logger.info(`parameters ${paramsDigest}`);
  logger.info(`cache key ${key}`);
  const digests: Record<string, string> = {};
  for (const line of listing.split('\n')) {
    if (line) digests[line.slice(66)] = `sha256:${line.slice(0, 64)}`;
  }
  return { key, inputs: { patterns: settings.inputs, digest: inputsDigest, files: digests }, paramsDigest };
}

/** The input files: the globs' matches (or everything), never .git, node_modules, .mlops or the outputs. */
async function listInputs(settings: TrainSettings, outputs: string[]): Promise<string[]> {
  const everything = !settings.inputs.some((p) => !p.startsWith('!'));
  return expandGlobs(everything ? ['**', ...settings.inputs] : settings.inputs, settings.workingDirectory, {
    label: 'inputs',
    ignore: [...ALWAYS_IGNORED, ...outputs.flatMap((o) => [o, `${o}/**`])],
    why: 'fix the glob or remove it, so the cache key cannot silently miss a change',
    allowNoMatch: everything,
  });
}

async function digestParams(file: string): Promise<string> {
  try {
    return await digestPath(file);
  } catch {
    throw new ConfigurationError(`params: ${quote(file)} does not exist; expected the parameters file (JSON, YAML or TOML)`);
  }
}
