import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { CommandFailedError, ConfigurationError, quote } from '../../../shared/src/errors';
import { relativePath } from '../../../shared/src/files/paths';
import type { BaselineInfo } from '../../../shared/src/gate/types';
import type { Metrics } from '../../../shared/src/metrics/metrics-file';
import type { RegistryPayload } from '../../../shared/src/registry';
import { createArtifactStore, PRODUCTION, readProductionVersion, storeOfVersion, type RegistryAccess } from '../../../shared/src/registry/connect';
import type { ActionRuntime } from '../../../shared/src/runtime';
import { commandEnvironment } from '../../../shared/src/runtime/command';
import type { GateSettings } from './inputs';
import { readModelRecord } from './model-record';

function access(settings: GateSettings, runtime: ActionRuntime): RegistryAccess {
  return { context: runtime.context, logger: runtime.logger, env: runtime.env, token: settings.githubToken };
}

export interface ResolvedBaseline {
  info: BaselineInfo;
  /** The baseline's metrics; null when there is no baseline (first run, or `baseline: none`). */
  metrics: Metrics | null;
  /** The baseline's per-example predictions on this test set (absolute), when given or written by baseline-command. */
  predictions?: string;
  /** Sentences for the report. */
  notes: string[];
}

const NO_BASELINE: BaselineInfo = { source: 'none', version: null, modelDigest: null, testSetDigest: null, location: null, rescored: false };

/** Finds what the candidate is compared with: nothing, a file, or the production version in the registry. */
export async function resolveBaseline(settings: GateSettings, runtime: ActionRuntime): Promise<ResolvedBaseline> {
  const { baseline } = settings;
  if (baseline.kind === 'none') {
    return { info: NO_BASELINE, metrics: null, notes: ['No baseline (`baseline: none`): only the policy\'s absolute bounds were checked.'] };
  }
  if (baseline.kind === 'file') {
    const shown = relativePath(settings.workspace, baseline.path);
    const record = await readModelRecord(baseline.path, 'baseline', settings.workspace, shown);
    return {
      info: { source: 'file', version: null, modelDigest: record.modelDigest, testSetDigest: null, location: shown, rescored: false },
      metrics: record.metrics,
      ...(settings.baselinePredictions ? { predictions: settings.baselinePredictions } : {}),
      notes: [],
    };
  }
  return productionBaseline(settings, runtime);
}

async function productionBaseline(settings: GateSettings, runtime: ActionRuntime): Promise<ResolvedBaseline> {
  const model = settings.modelName as string;
  const stage = settings.baseline.kind === 'production' ? settings.baseline.stage : PRODUCTION;
  const production = await readProductionVersion(access(settings, runtime), settings.registry, model, stage);
  if (!production) {
    runtime.logger.info(`No version of ${model} is in ${stage} yet: this is the first run.`);
    return { info: NO_BASELINE, metrics: null, notes: [`No version of ${model} is in ${stage} yet (first run).`] };
  }
  const { payload, assignment } = production;
  runtime.logger.info(`The baseline is ${model}@${payload.version} (${stage} since ${assignment.tag}), model ${payload.modelDigest}.`);
  const info: BaselineInfo = {
    source: 'production',
    version: payload.version,
    modelDigest: payload.modelDigest,
    testSetDigest: payload.testSetDigest ?? null,
    location: production.version.tag,
    rescored: false,
    modelUrl: payload.artifact.url ?? null,
  };
  if (!settings.baselineCommand) {
    return { info, metrics: payload.metrics, ...(settings.baselinePredictions ? { predictions: settings.baselinePredictions } : {}), notes: [] };
  }
  const predictions = await rescore(settings, runtime, model, payload);
  return {
    info: { ...info, rescored: true, location: settings.baselineCommand },
    metrics: payload.metrics,
    predictions,
    notes: [`The production model ${model}@${payload.version} was re-scored on this test set by baseline-command, so both models were measured on the same rows.`],
  };
}

/**
 * Downloads the production model from its artifact store (the store checks its digest) and runs baseline-command
 * with its path in MLOPS_BASELINE_MODEL; the command writes the model's predictions on this test set to
 * MLOPS_BASELINE_PREDICTIONS. Nothing from the inputs is put into a shell string: the command is the user's script,
 * the values reach it through the environment.
 */
async function rescore(settings: GateSettings, runtime: ActionRuntime, model: string, payload: RegistryPayload): Promise<string> {
  const { version, modelDigest: digest } = payload;
  const store = createArtifactStore(storeOfVersion(settings.artifactStore, payload, settings.workspace), access(settings, runtime));
  const folder = await mkdtemp(path.join(runtime.context.tempDir, 'mlops-baseline-'));
  try {
    const modelPath = await runtime.logger.group(`Download ${model}@${version} from ${store.label}`, () => store.get(model, version, digest, folder));
    const output = settings.baselinePredictions as string;
    await mkdir(path.dirname(output), { recursive: true });
    await rm(output, { force: true }); // a file left by an earlier run must not pass for this one's
    const env = commandEnvironment(runtime.env, { MLOPS_BASELINE_MODEL: modelPath, MLOPS_BASELINE_PREDICTIONS: output, MLOPS_BASELINE_VERSION: version });
    const result = await runtime.logger.group('Re-score the production model (baseline-command)', () =>
      runtime.commands.run({ script: settings.baselineCommand as string, cwd: settings.workspace, env }),
    );
    if (result.exitCode !== 0) throw new CommandFailedError(`baseline-command: exited with code ${result.exitCode}${result.signal ? ` (${result.signal})` : ''} while re-scoring ${model}@${version}`, result.exitCode);
    if (!existsSync(output)) {
      throw new ConfigurationError(`baseline-command: the command succeeded but wrote no predictions to ${quote(relativePath(settings.workspace, output))}; it must write the production model's predictions to $MLOPS_BASELINE_PREDICTIONS`);
    }
    return output;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
