import path from 'node:path';
import { ConfigurationError, quote } from '../../../shared/src/errors';
import { requiredInput } from '../../../shared/src/inputs';
import type { InputSource, RunContext } from '../../../shared/src/ports';
import { parseArtifactStore, type ArtifactStoreSetting } from '../../../shared/src/registry/stores';
import { parseStageReference } from '../../../shared/src/registry/connect';
import { assertModelName } from '../../../shared/src/registry/tags';

export type CommentMode = 'auto' | 'always' | 'never';

/** What to compare the candidate with. */
/** `production` (or `stage:<name>`): the version in that stage of the registry; a metrics file or run record; nothing. */
export type BaselineSetting = { kind: 'production'; stage: string } | { kind: 'file'; path: string } | { kind: 'none' };

/** Everything evaluate-gate needs, read and checked once. Paths are absolute. */
export interface GateSettings {
  workspace: string;
  /** A run record (run.json) or a metrics file (JSON, YAML or TOML). */
  candidate: string;
  candidatePredictions?: string;
  baseline: BaselineSetting;
  baselinePredictions?: string;
  /** A bash script that scores the production model on this test set (MLOPS_BASELINE_MODEL names the model). */
  baselineCommand?: string;
  policy: string;
  /** Required with `baseline: production`; else optional (it names the comment and gate.json). */
  modelName?: string;
  registry: string;
  /** Undefined when not given: the store the production version's payload names (see baseline.ts). */
  artifactStore?: ArtifactStoreSetting;
  /** A file or folder whose digest identifies the test set, so baselines measured on other rows are recognised. */
  testSet?: string;
  validationReport?: string;
  comment: CommentMode;
  /** '' when none was given. */
  githubToken: string;
  report: string;
  /** The markdown report, next to gate.json. */
  markdown: string;
}

const COMMENT_MODES: readonly CommentMode[] = ['auto', 'always', 'never'];
/**
 * Where baseline-command is asked to write the production model's predictions when baseline-predictions is not
 * given: this name with the extension of the candidate's predictions file, so both are read alike.
 */
export const DEFAULT_BASELINE_PREDICTIONS = '.mlops/baseline-predictions';

export function readGateSettings(inputs: InputSource, context: RunContext): GateSettings {
  const workspace = context.workspace;
  const resolve = (value: string): string => path.resolve(workspace, value);
  const optionalPath = (name: string): string | undefined => (inputs.get(name) ? resolve(inputs.get(name)) : undefined);

  const baselineValue = inputs.get('baseline') || 'production';
  const stage = parseStageReference(baselineValue, 'baseline');
  const baseline: BaselineSetting = stage ? { kind: 'production', stage } : baselineValue === 'none' ? { kind: 'none' } : { kind: 'file', path: resolve(baselineValue) };

  const modelName = inputs.get('model-name') || undefined;
  if (modelName !== undefined) assertModelName(modelName, 'model-name:');
  if (baseline.kind === 'production' && modelName === undefined) {
    throw new ConfigurationError(`model-name: the input is required with baseline: ${baselineValue}${baselineValue === 'production' ? ' (the default)' : ''}; give the registered model name, such as \`churn\`, or set baseline to a metrics file or \`none\``);
  }

  const baselineCommand = inputs.get('baseline-command') || undefined;
  if (baselineCommand !== undefined && baseline.kind !== 'production') {
    throw new ConfigurationError(`baseline-command: re-scoring needs the production model, but baseline is ${quote(baselineValue)}; set baseline: production or remove baseline-command`);
  }
  const candidatePredictions = optionalPath('candidate-predictions');
  const baselinePredictions = optionalPath('baseline-predictions');
  const commentValue = inputs.get('comment') || 'auto';
  if (!(COMMENT_MODES as readonly string[]).includes(commentValue)) {
    throw new ConfigurationError(`comment: ${quote(commentValue)} is not a comment mode; expected auto (on pull requests), always or never`);
  }

  const storeValue = inputs.get('artifact-store');
  const store = storeValue ? parseArtifactStore(storeValue, 'artifact-store') : undefined;
  const report = resolve(inputs.get('report') || 'gate.json');
  return {
    workspace,
    candidate: resolve(inputs.get('candidate') || 'run.json'),
    ...(candidatePredictions ? { candidatePredictions } : {}),
    baseline,
    ...(baselinePredictions ? { baselinePredictions } : {}),
    ...(baselineCommand ? { baselineCommand } : {}),
    policy: resolve(requiredInput(inputs, 'policy', 'the gate policy file (YAML or JSON), such as `policy.yaml`')),
    ...(modelName ? { modelName } : {}),
    registry: inputs.get('registry') || 'origin',
    ...(store ? { artifactStore: store.kind === 'local' ? { kind: 'local', dir: resolve(store.dir) } : store } : {}),
    ...(optionalPath('test-set') ? { testSet: optionalPath('test-set') as string } : {}),
    ...(optionalPath('validation-report') ? { validationReport: optionalPath('validation-report') as string } : {}),
    comment: commentValue as CommentMode,
    githubToken: inputs.get('github-token'),
    report,
    markdown: report.replace(/\.json$/i, '') + '.md',
  };
}
