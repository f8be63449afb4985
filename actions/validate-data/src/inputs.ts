import path from 'node:path';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { didYouMean } from '../../../shared/src/contract/suggest';
import { multilineInput } from '../../../shared/src/inputs';
import type { InputSource } from '../../../shared/src/ports';
import type { Shard } from '../../../shared/src/data/types';
import { parseArtifactStore, type ArtifactStoreSetting } from '../../../shared/src/registry/stores';
import { parseStageReference } from '../../../shared/src/registry/connect';
import { assertModelName } from '../../../shared/src/registry/tags';

export type FailOn = 'error' | 'warning' | 'never';

/** Everything validate-data needs, read and checked once. Paths are absolute; globs stay relative to the workspace. */
export interface ValidateSettings {
  workspace: string;
  /** Globs of data files; empty only when merging shard profiles. */
  data: string[];
  contract?: string;
  /** The reference profile for drift: a file, or the one registered with the production version of `modelName`. */
  reference?: { kind: 'file'; path: string } | { kind: 'production'; modelName: string; stage: string };
  registry: string;
  /** Undefined when not given: the store the production version names. */
  artifactStore?: ArtifactStoreSetting;
  /** '' when none was given. */
  githubToken: string;
  profile: string;
  report: string;
  failOn: FailOn;
  shard?: Shard;
  /** Globs of shard profiles to merge; when given, the data is not read. */
  merge: string[];
  inferContract?: string;
}

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export function readValidateSettings(inputs: InputSource, workspace: string): ValidateSettings {
  const resolve = (name: string): string | undefined => {
    const value = inputs.get(name);
    return value ? path.resolve(workspace, value) : undefined;
  };
  const data = multilineInput(inputs, 'data');
  const merge = multilineInput(inputs, 'merge');
  if (data.length === 0 && merge.length === 0) {
    throw new ConfigurationError('data: the input is required; give globs of the data files, one a line (or `merge:` with shard profiles to merge)');
  }
  if (data.length > 0 && merge.length > 0) {
    throw new ConfigurationError('merge: give either `data` (to validate files) or `merge` (to merge the profiles of shards that validated them), not both');
  }
  const failOn = (inputs.get('fail-on') || 'error') as FailOn;
  if (!FAIL_ON.includes(failOn)) {
    // `warn` (the contract's severity word) is the likeliest slip: it gets "warning" suggested.
    throw new ConfigurationError(`fail-on: ${quote(failOn)} is not one of error, warning, never${didYouMean(failOn, FAIL_ON)}`);
  }
  const referenceValue = inputs.get('reference');
  let reference: ValidateSettings['reference'];
  const stage = parseStageReference(referenceValue, 'reference');
  if (stage) {
    const modelName = inputs.get('model-name');
    if (!modelName) throw new ConfigurationError(`model-name: the input is required with reference: ${referenceValue}; give the registered model name whose ${stage} profile is the reference`);
    assertModelName(modelName, 'model-name:');
    reference = { kind: 'production', modelName, stage };
  } else if (referenceValue) {
    reference = { kind: 'file', path: path.resolve(workspace, referenceValue) };
  }
  const storeValue = inputs.get('artifact-store');
  const store = storeValue ? parseArtifactStore(storeValue, 'artifact-store') : undefined;
  const shard = parseShard(inputs.get('shard'));
  if (shard && merge.length > 0) throw new ConfigurationError('shard: a merge step reads profiles, not data; remove `shard` from it');
  return {
    workspace,
    data,
    contract: resolve('contract'),
    ...(reference ? { reference } : {}),
    registry: inputs.get('registry') || 'origin',
    ...(store ? { artifactStore: store.kind === 'local' ? { kind: 'local', dir: path.resolve(workspace, store.dir) } : store } : {}),
    githubToken: inputs.get('github-token'),
    profile: resolve('profile') ?? path.join(workspace, 'profile.json'),
    report: resolve('report') ?? path.join(workspace, 'validation.json'),
    failOn,
    shard,
    merge,
    inferContract: resolve('infer-contract'),
  };
}

/** `i/n` with 1 ≤ i ≤ n, as a matrix job writes `${{ matrix.shard }}/${{ strategy.job-total }}`. */
export function parseShard(value: string): Shard | undefined {
  if (value === '') return undefined;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new ConfigurationError(`shard: ${quote(value)} is not a shard; expected i/n with 1 ≤ i ≤ n, such as 2/4`);
  }
  return { index, count };
}
