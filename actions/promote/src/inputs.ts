import path from 'node:path';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { booleanInput, requiredInput } from '../../../shared/src/inputs';
import type { InputSource, RunContext } from '../../../shared/src/ports';
import { assertModelName, assertStage, assertVersion } from '../../../shared/src/registry/tags';
import { DEFAULT_LOCAL_STORE, parseArtifactStore, type ArtifactStoreSetting } from '../../../shared/src/registry/stores';

export type Bump = 'patch' | 'minor' | 'major';

/** Everything the promote action needs, read and checked once. Paths are absolute. */
export interface PromoteSettings {
  workspace: string;
  modelName: string;
  stage: string;
  gateReport: string;
  runRecord: string;
  /** True when `run-record` was given (a missing file is then an error even when `model` is given). */
  runRecordGiven: boolean;
  model?: string;
  /** The training data's profile.json (from validate-data), stored with the version; its digest is the payload's profileDigest. */
  profile?: string;
  version?: string;
  bump?: Bump;
  registry: string;
  artifactStore: ArtifactStoreSetting;
  rollback: boolean;
  toVersion?: string;
  requireStage?: string;
  /** '' when none was given. */
  githubToken: string;
}

const BUMPS: readonly Bump[] = ['patch', 'minor', 'major'];

export function readPromoteSettings(inputs: InputSource, context: RunContext): PromoteSettings {
  const workspace = context.workspace;
  const modelName = requiredInput(inputs, 'model-name', 'the registered model name, such as `churn`');
  assertModelName(modelName, 'model-name:');
  const stage = requiredInput(inputs, 'stage', 'the stage to assign, such as `staging` or `production`');
  assertStage(stage, 'stage:');
  const rollback = booleanInput(inputs, 'rollback', false);

  const version = inputs.get('version') || undefined;
  const bumpValue = inputs.get('bump');
  if (version !== undefined) assertVersion(version, 'version:');
  if (bumpValue && !(BUMPS as readonly string[]).includes(bumpValue)) {
    throw new ConfigurationError(`bump: ${quote(bumpValue)} is not a bump; expected patch, minor or major`);
  }
  if (version && bumpValue) throw new ConfigurationError(`version and bump: give one of them, not both (version ${quote(version)}, bump ${quote(bumpValue)})`);
  const toVersion = inputs.get('to-version') || undefined;
  if (toVersion !== undefined) {
    if (!rollback) throw new ConfigurationError(`to-version: ${quote(toVersion)} is only read with rollback: true; to promote a version use \`version\``);
    assertVersion(toVersion, 'to-version:');
  }
  if (rollback && (version || bumpValue)) {
    throw new ConfigurationError(`rollback: a rollback registers nothing, so ${version ? 'version' : 'bump'} cannot be given; name the version to roll back to with to-version`);
  }
  const requireStage = inputs.get('require-stage') || undefined;
  if (requireStage !== undefined) assertStage(requireStage, 'require-stage:');
  if (requireStage === stage) throw new ConfigurationError(`require-stage: ${quote(requireStage)} is the stage being assigned; name the stage before it, such as staging before production`);

  const storeValue = inputs.get('artifact-store') || (context.onRunner ? 'github-release' : `local:${DEFAULT_LOCAL_STORE}`);
  const parsedStore = parseArtifactStore(storeValue, 'artifact-store');
  const artifactStore: ArtifactStoreSetting = parsedStore.kind === 'local' ? { kind: 'local', dir: path.resolve(workspace, parsedStore.dir) } : parsedStore;

  const model = inputs.get('model');
  const profile = inputs.get('profile');
  const runRecordValue = inputs.get('run-record');
  return {
    workspace,
    modelName,
    stage,
    gateReport: path.resolve(workspace, inputs.get('gate-report') || 'gate.json'),
    runRecord: path.resolve(workspace, runRecordValue || 'run.json'),
    runRecordGiven: runRecordValue !== '' && runRecordValue !== 'run.json',
    model: model ? path.resolve(workspace, model) : undefined,
    profile: profile ? path.resolve(workspace, profile) : undefined,
    version,
    bump: (bumpValue || undefined) as Bump | undefined,
    registry: inputs.get('registry') || 'origin',
    artifactStore,
    rollback,
    toVersion,
    requireStage,
    githubToken: inputs.get('github-token'),
  };
}
