/**
 * Runs an action's bundle the way the GitHub runner runs a `node24` action: `node actions/<name>/dist/index.js`
 * with INPUT_* variables for every declared input, the GITHUB_* / RUNNER_* variables, fresh file-command
 * files, and the event payload on disk. The result is what the runner would make of the step.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadEvent, refsForEvent, type EventSpec } from './events';
import { parseKeyValueFile, parsePathFile } from './file-commands';
import { node24, REPO_ROOT } from './node';
import { killTree } from './process-tree';
import { makeTempDir, removeTempDir } from './temp';
import { parseWorkflowCommands, type Annotation } from './workflow-commands';

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

/** The runner's cancel sequence: SIGINT, SIGTERM after 7.5 s, then the whole process tree is killed 2.5 s later. */
const SIGTERM_AFTER_MS = 7_500;
const SIGKILL_AFTER_MS = 2_500;
const DEFAULT_TIMEOUT_MS = 120_000;
/** How long after the action's exit its output pipes may stay open (held by something it left running). */
const PIPE_DRAIN_MS = 3_000;
const DEFAULT_REPOSITORY = 'octo-org/octo-repo';
/** Nothing listens on the discard port: a test that forgets to start a GitHub server fails fast and offline. */
const REFUSING_API_URL = 'http://127.0.0.1:9';

interface ActionInputDefinition {
  default?: unknown;
  required?: boolean;
}

/** `INPUT_` + the name with spaces as underscores, upper-cased; hyphens stay (INPUT_WORKING-DIRECTORY). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function readActionInputs(name: string): Promise<Record<string, ActionInputDefinition>> {
  const file = path.join(REPO_ROOT, 'actions', name, 'action.yml');
  const metadata = parseYaml(await readFile(file, 'utf8')) as { inputs?: Record<string, ActionInputDefinition> | null };
  return metadata.inputs ?? {};
}

/**
 * The runner evaluates `${{ }}` in defaults; the only expression our action.yml files use is github.token,
 * which the test supplies as env.GITHUB_TOKEN. Any other expression would need a real evaluator: refuse it.
 */
function evaluateDefault(value: unknown, env: Record<string, string>): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_match, expression: string) => {
    if (expression === 'github.token') return env['GITHUB_TOKEN'] ?? '';
    throw new Error(`runAction cannot evaluate the default expression \${{ ${expression} }}`);
  });
}

export async function buildInputEnv(name: string, given: Record<string, string>, env: Record<string, string>): Promise<Record<string, string>> {
  const declared = await readActionInputs(name);
  const unknown = Object.keys(given).filter((input) => !(input in declared));
  if (unknown.length > 0) {
    throw new Error(`actions/${name}/action.yml declares no input ${unknown.map((u) => JSON.stringify(u)).join(', ')}; it declares: ${Object.keys(declared).join(', ')}`);
  }
  const variables: Record<string, string> = {};
  for (const [input, definition] of Object.entries(declared)) {
    variables[inputVariable(input)] = given[input] ?? evaluateDefault(definition?.default, env);
  }
  return variables;
}

/** Only what a runner's process would have from its machine; the test process's own variables stay out. */
function baseEnv(): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'TMPDIR']) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return base;
}

export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionResult> {
  const script = path.join(REPO_ROOT, 'actions', name, 'dist', 'index.js');
  if (!existsSync(script)) throw new Error(`${script} does not exist: run \`npm run build\` first`);
  const userEnv = options.env ?? {};
  const inputEnv = await buildInputEnv(name, options.inputs ?? {}, userEnv);
  const event = options.event ?? loadEvent('workflow_dispatch');

  const root = await makeTempDir(`run-${name}`);
  try {
    const workspace = options.cwd ?? path.join(root, 'workspace');
    const files = {
      output: path.join(root, 'file_commands', 'output'),
      summary: path.join(root, 'file_commands', 'step_summary'),
      env: path.join(root, 'file_commands', 'env'),
      state: path.join(root, 'file_commands', 'state'),
      path: path.join(root, 'file_commands', 'path'),
      event: path.join(root, 'workflow', 'event.json'),
    };
    const runnerTemp = path.join(root, 'runner_temp');
    const toolCache = path.join(root, 'toolcache');
    for (const dir of [workspace, runnerTemp, toolCache, path.dirname(files.output), path.dirname(files.event)]) await mkdir(dir, { recursive: true });
    for (const file of [files.output, files.summary, files.env, files.state, files.path]) await writeFile(file, '');
    await writeFile(files.event, JSON.stringify(event.payload, null, 2));

    const refs = refsForEvent(event);
    const repository = (event.payload['repository'] as { full_name?: string } | undefined)?.full_name ?? DEFAULT_REPOSITORY;
    const refName = refs.ref.replace(/^refs\/(heads|tags)\//, '');
    const env: Record<string, string> = {
      ...baseEnv(),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION: name,
      GITHUB_ACTOR: 'octocat',
      GITHUB_API_URL: REFUSING_API_URL,
      GITHUB_BASE_REF: refs.baseRef ?? '',
      GITHUB_ENV: files.env,
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_GRAPHQL_URL: `${REFUSING_API_URL}/graphql`,
      GITHUB_HEAD_REF: refs.headRef ?? '',
      GITHUB_JOB: 'test',
      GITHUB_OUTPUT: files.output,
      GITHUB_PATH: files.path,
      GITHUB_REF: refs.ref,
      GITHUB_REF_NAME: refs.ref.startsWith('refs/pull/') ? refs.ref.slice('refs/pull/'.length) : refName,
      GITHUB_REF_TYPE: refs.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
      GITHUB_RETENTION_DAYS: '90',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_RUN_ID: '1658821493',
      GITHUB_RUN_NUMBER: '7',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_SHA: refs.sha,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_WORKFLOW: 'mlops',
      GITHUB_WORKSPACE: workspace,
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'GitHub Actions 2',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: toolCache,
      ...inputEnv,
      ...userEnv,
    };

    const started = performance.now();
    const exit = await spawnAndWait(options.node ?? node24(), script, workspace, env, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const durationMs = performance.now() - started;
    const log = parseWorkflowCommands(`${exit.stdout}\n${exit.stderr}`);
    return {
      ...exit,
      outputs: parseKeyValueFile(await readFile(files.output, 'utf8'), 'GITHUB_OUTPUT'),
      summary: await readFile(files.summary, 'utf8'),
      env: parseKeyValueFile(await readFile(files.env, 'utf8'), 'GITHUB_ENV'),
      state: parseKeyValueFile(await readFile(files.state, 'utf8'), 'GITHUB_STATE'),
      path: parsePathFile(await readFile(files.path, 'utf8')),
      annotations: log.annotations,
      groups: log.groups,
      masks: log.masks,
      durationMs,
      workspace,
    };
  } finally {
    await removeTempDir(root);
  }
}

interface Exit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function spawnAndWait(node: string, script: string, cwd: string, env: Record<string, string>, timeoutMs: number): Promise<Exit> {
  const verbose = process.env['MLOPS_TEST_VERBOSE'] === '1';
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      if (verbose) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (verbose) process.stdout.write(chunk);
    });

    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    timers.push(
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGINT');
        timers.push(
          setTimeout(() => {
            child.kill('SIGTERM');
            timers.push(setTimeout(() => child.pid !== undefined && killTree(child.pid), SIGKILL_AFTER_MS));
          }, SIGTERM_AFTER_MS),
        );
      }, timeoutMs),
    );

    child.once('error', (error) => {
      timers.forEach(clearTimeout);
      reject(error);
    });
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      timers.forEach(clearTimeout);
      resolve({ exitCode, signal, timedOut, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    };
    // 'close' waits until stdout and stderr are drained. A process the action left running in the background
    // keeps the pipes open, though; the runner does not wait for it either, so give up on the pipes shortly
    // after the action itself has exited.
    child.once('close', finish);
    child.once('exit', (exitCode, signal) => {
      const drain = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        child.removeAllListeners('close');
        finish(exitCode, signal);
      }, PIPE_DRAIN_MS);
      timers.push(drain);
    });
  });
}
