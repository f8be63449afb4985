/**
 * Runs an action's bundle the way the GitHub runner runs a `node24` action, through the local runner's
 * runBundle (shared/src/local): the tests and `mlops-actions` start a bundle with the same code. What this
 * file adds is the test's view of a run: a webhook example as the event, "on a runner" (GITHUB_ACTIONS=true),
 * a GitHub API that refuses connections unless a test points it at its server, and a throwaway workspace.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { inputEnvironment, inputVariable, readActionMetadata, type InputDefinition } from '../../shared/src/local/action-metadata';
import { runBundle } from '../../shared/src/local/run-bundle';
import { machineEnv, runnerVariables } from '../../shared/src/local/runner-env';
import type { Annotation } from '../../shared/src/local/workflow-commands';
import { loadEvent, refsForEvent, type EventSpec } from './events';
import { node24, REPO_ROOT } from './node';
import { makeTempDir, removeTempDir } from './temp';

export { inputVariable };

export interface RunActionOptions {
  /** Input values by their action.yml name; an undeclared name throws. */
  inputs?: Record<string, string>;
  /** The triggering event; default: the workflow_dispatch example. */
  event?: EventSpec;
  /** Added last, over everything runAction sets (so GITHUB_SHA, GITHUB_API_URL… can be replaced). */
  env?: Record<string, string>;
  /** GITHUB_WORKSPACE and the process cwd; default: an empty temp dir, removed after the run. */
  cwd?: string;
  /** Cancel the step after this long, as `timeout-minutes` would; default 120 s. */
  timeoutMs?: number;
  /** The node binary; default: node24(). */
  node?: string;
}

export interface ActionResult {
  /** The exit code, or null when a signal ended the process. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when timeoutMs ran out and the step was cancelled. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY, raw markdown. */
  summary: string;
  /** GITHUB_ENV: variables exported to later steps. */
  env: Record<string, string>;
  /** GITHUB_STATE: values saved for the post step. */
  state: Record<string, string>;
  /** GITHUB_PATH: directories added to PATH for later steps. */
  path: string[];
  /** error, warning, notice and debug commands from stdout and stderr (the runner reads both). */
  annotations: Annotation[];
  groups: string[];
  masks: string[];
  durationMs: number;
  /** The workspace the action ran in (removed already when runAction made it). */
  workspace: string;
}

const ACTIONS_ROOT = path.join(REPO_ROOT, 'actions');
const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_REPOSITORY = 'octo-org/octo-repo';
/** Nothing listens on the discard port: a test that forgets to start a GitHub server fails fast and offline. */
const REFUSING_API_URL = 'http://127.0.0.1:9';

export async function readActionInputs(name: string): Promise<Record<string, { default?: unknown; required?: boolean }>> {
  const inputs: Record<string, InputDefinition> = readActionMetadata(ACTIONS_ROOT, name).inputs;
  return Object.fromEntries(Object.entries(inputs).map(([input, definition]) => [input, { ...(definition.default === undefined ? {} : { default: definition.default }), required: definition.required }]));
}

/**
 * The runner evaluates `${{ }}` in defaults; the only expression our action.yml files use is github.token,
 * which the test supplies as env.GITHUB_TOKEN. Any other expression would need a real evaluator: refuse it.
 */
function defaultEvaluator(env: Record<string, string>): (text: string) => string {
  return (text) =>
    text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_match, expression: string) => {
      if (expression === 'github.token') return env['GITHUB_TOKEN'] ?? '';
      throw new Error(`runAction cannot evaluate the default expression \${{ ${expression} }}`);
    });
}

export async function buildInputEnv(name: string, given: Record<string, string>, env: Record<string, string>): Promise<Record<string, string>> {
  return inputEnvironment(readActionMetadata(ACTIONS_ROOT, name), given, defaultEvaluator(env));
}

export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionResult> {
  const userEnv = options.env ?? {};
  // Checked before anything is made, so a test's typo fails at once.
  await buildInputEnv(name, options.inputs ?? {}, userEnv);
  const event = options.event ?? loadEvent('workflow_dispatch');

  const root = await makeTempDir(`run-${name}`);
  try {
    const workspace = options.cwd ?? path.join(root, 'workspace');
    const runnerTemp = path.join(root, 'runner_temp');
    const toolCache = path.join(root, 'toolcache');
    for (const dir of [workspace, runnerTemp, toolCache]) await mkdir(dir, { recursive: true });
    const refs = refsForEvent(event);
    const verbose = process.env['MLOPS_TEST_VERBOSE'] === '1';
    const result = await runBundle({
      actionsRoot: ACTIONS_ROOT,
      action: name,
      inputs: options.inputs,
      evaluateDefault: defaultEvaluator(userEnv),
      node: options.node ?? node24(),
      workspace,
      baseEnv: machineEnv(),
      runVariables: runnerVariables({
        eventName: event.name,
        sha: refs.sha,
        ref: refs.ref,
        headRef: refs.headRef,
        baseRef: refs.baseRef,
        repository: (event.payload['repository'] as { full_name?: string } | undefined)?.full_name ?? DEFAULT_REPOSITORY,
        actor: 'octocat',
        workspace,
        runnerTemp,
        toolCache,
        workflow: 'mlops',
        job: 'test',
        action: name,
        runId: '1658821493',
        runNumber: '7',
        apiUrl: REFUSING_API_URL,
        serverUrl: 'https://github.com',
        onRunner: true,
      }),
      env: userEnv,
      payload: event.payload,
      stepDir: root,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onOutput: verbose ? (chunk) => process.stdout.write(chunk) : undefined,
    });
    const { exitCode, signal, timedOut, stdout, stderr, outputs, summary, env, state, path: pathFile, annotations, groups, masks, durationMs } = result;
    return { exitCode, signal, timedOut, stdout, stderr, outputs, summary, env, state, path: pathFile, annotations, groups, masks, durationMs, workspace };
  } finally {
    await removeTempDir(root);
  }
}
