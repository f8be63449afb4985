/**
 * Runs an action's bundle as the runner runs a `node24` action: `node dist/index.js` in the workspace, with
 * INPUT_* for every declared input, the run's GITHUB_* / RUNNER_* variables, fresh file-command files and the
 * event payload on disk; then reads back what the step wrote. The local runner, the workflow executor and the
 * tests' harness all run bundles through this one function.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../errors';
import { inputEnvironment, readActionMetadata, type ActionMetadata } from './action-metadata';
import { createRunnerFiles, readRunnerFiles, runnerFileVariables, type FileCommandResults } from './runner-files';
import { spawnStep, type StepExit } from './spawn-step';
import { parseWorkflowCommands, type Annotation } from './workflow-commands';

export interface RunBundleOptions {
  /** The folder holding actions/<name>/action.yml and dist/. */
  actionsRoot: string;
  action: string;
  /** Input values by their action.yml name; an undeclared name throws UnknownInputError before anything runs. */
  inputs?: Readonly<Record<string, string>> | undefined;
  /** Where the inputs came from, for the error on an undeclared one (`--with`, `workflow.yml: step train`). */
  inputSource?: string | undefined;
  /** Evaluates a default's `${{ }}` (the runner evaluates defaults as expressions). */
  evaluateDefault: (text: string) => string;
  /** The Node.js binary that runs the bundle. */
  node: string;
  /** The process's cwd (GITHUB_WORKSPACE). */
  workspace: string;
  /** The environment before the runner's own variables: the machine's (or the user's) variables. */
  baseEnv: Record<string, string>;
  /** GITHUB_* / RUNNER_* of the run (runnerVariables), without the file-command paths. */
  runVariables: Record<string, string>;
  /** Added last, over everything (a test replaces GITHUB_API_URL, a workflow step adds its `env:`). */
  env?: Record<string, string> | undefined;
  payload: Record<string, unknown>;
  /** Where the step's files go; a temp dir (removed after) when not given. */
  stepDir?: string | undefined;
  timeoutMs?: number | undefined;
  onOutput?: ((chunk: Buffer, stream: 'stdout' | 'stderr') => void) | undefined;
}

export interface BundleResult extends StepExit, FileCommandResults {
  /** error, warning, notice and debug commands from stdout and stderr (the runner reads both). */
  annotations: Annotation[];
  groups: string[];
  masks: string[];
  metadata: ActionMetadata;
}

export async function runBundle(options: RunBundleOptions): Promise<BundleResult> {
  const metadata = readActionMetadata(options.actionsRoot, options.action);
  if (!existsSync(metadata.main)) throw new ConfigurationError(`${metadata.main} does not exist: build the actions first (npm run build)`);
  const inputEnv = inputEnvironment(metadata, options.inputs ?? {}, options.evaluateDefault, options.inputSource);

  const ownDir = options.stepDir === undefined;
  const stepDir = options.stepDir ?? (await mkdtemp(path.join(os.tmpdir(), `mlops-step-${options.action}-`)));
  try {
    await mkdir(options.workspace, { recursive: true });
    const files = await createRunnerFiles(stepDir, options.payload);
    const env = { ...options.baseEnv, ...options.runVariables, ...runnerFileVariables(files), ...inputEnv, ...(options.env ?? {}) };
    const exit = await spawnStep({ command: options.node, args: [metadata.main], cwd: options.workspace, env, timeoutMs: options.timeoutMs, onOutput: options.onOutput });
    const log = parseWorkflowCommands(`${exit.stdout}\n${exit.stderr}`);
    return { ...exit, ...(await readRunnerFiles(files)), annotations: log.annotations, groups: log.groups, masks: log.masks, metadata };
  } finally {
    if (ownDir && process.env['MLOPS_TEST_KEEP'] !== '1') await rm(stepDir, { recursive: true, force: true, maxRetries: 3 });
  }
}
