/**
 * One of our actions run off GitHub, with the local defaults: the event made from the workspace's repository,
 * the train cache and workflow artifacts under .mlops/, the registry in `origin` (made when missing), and no
 * GITHUB_ACTIONS, so the actions choose their own local behaviour (the local artifact store, for one). The
 * command line and the workflow executor both run actions through here.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { inputEnvironment, readActionMetadata } from './action-metadata';
import type { LocalEvent } from './event-payload';
import { runBundle, type BundleResult } from './run-bundle';
import { runnerVariables, userEnv } from './runner-env';
import { ensureOrigin, type LocalWorkspace } from './workspace';

export interface LocalActionOptions {
  actionsRoot: string;
  action: string;
  inputs: Readonly<Record<string, string>>;
  /** Where the inputs came from, for the error on an undeclared one. */
  inputSource?: string | undefined;
  workspace: LocalWorkspace;
  event: LocalEvent;
  /** The Node.js that runs the bundle; the one running this code by default. */
  node?: string | undefined;
  /** github.token (an input default); empty by default: nothing is posted to GitHub unless asked. */
  token?: string | undefined;
  apiUrl?: string | undefined;
  /** Added last: a workflow step's env, or a test's. */
  env?: Record<string, string> | undefined;
  /** GITHUB_WORKFLOW, GITHUB_JOB, GITHUB_ACTION, run id and number; a lone action's by default. */
  run?: Partial<{ workflow: string; job: string; stepId: string; runId: string; runNumber: string }> | undefined;
  /** The step's scratch folder (RUNNER_TEMP and the file commands go under it). */
  stepDir: string;
  timeoutMs?: number | undefined;
  onOutput?: ((chunk: Buffer, stream: 'stdout' | 'stderr') => void) | undefined;
  /** Told what the runner did to the workspace on the user's behalf (a registry remote made). */
  onNote?: ((note: string) => void) | undefined;
}

export async function runLocalAction(options: LocalActionOptions): Promise<BundleResult> {
  const { workspace, event } = options;
  const runnerTemp = path.join(options.stepDir, 'runner_temp');
  const toolCache = path.join(options.stepDir, 'toolcache');
  await mkdir(runnerTemp, { recursive: true });
  await mkdir(toolCache, { recursive: true });
  const token = options.token ?? '';
  const result = await runBundle({
    actionsRoot: options.actionsRoot,
    action: options.action,
    inputs: await withRegistry(options),
    inputSource: options.inputSource,
    evaluateDefault: (text) =>
      // Our action.yml defaults use only github.token; anything else is left as written, which is visible.
      text.replace(/\$\{\{\s*github\.token\s*\}\}/g, token),
    node: options.node ?? process.execPath,
    workspace: workspace.dir,
    baseEnv: { MLOPS_CACHE_DIR: workspace.cacheDir, MLOPS_ARTIFACT_DIR: workspace.artifactDir, ...userEnv() },
    runVariables: runnerVariables({
      eventName: event.name,
      sha: event.sha,
      ref: event.ref,
      headRef: event.headRef,
      baseRef: event.baseRef,
      repository: event.repository,
      actor: event.actor,
      workspace: workspace.dir,
      runnerTemp,
      toolCache,
      workflow: options.run?.workflow ?? 'mlops-actions',
      job: options.run?.job ?? options.action,
      action: options.run?.stepId ?? options.action,
      runId: options.run?.runId ?? String(Date.now()),
      runNumber: options.run?.runNumber ?? '1',
      apiUrl: options.apiUrl ?? 'https://api.github.com',
      serverUrl: 'https://github.com',
      onRunner: false,
    }),
    env: options.env,
    payload: event.payload,
    stepDir: options.stepDir,
    timeoutMs: options.timeoutMs,
    onOutput: options.onOutput,
  });
  return result;
}

/**
 * Whether the action reads the registry with these inputs: validate-data only for a `production` or `stage:`
 * reference (a profile file or no reference reads no registry, and the user's repository is then left as it is).
 */
function readsRegistry(action: string, inputs: Readonly<Record<string, string>>): boolean {
  if (action !== 'validate-data') return true;
  // As parseStageReference (registry/connect.ts, which this bundle does not load) reads the input: a file named
  // production.json is a file.
  const reference = (inputs['reference'] ?? '').trim();
  return reference === 'production' || reference.startsWith('stage:');
}

/** Makes `origin` when the action reads the registry from it and the repository has none. */
async function withRegistry(options: LocalActionOptions): Promise<Readonly<Record<string, string>>> {
  const metadata = readActionMetadata(options.actionsRoot, options.action);
  // A typo in the inputs is reported before the repository is touched.
  inputEnvironment(metadata, options.inputs, (text) => text, options.inputSource);
  const registry = 'registry' in metadata.inputs ? (options.inputs['registry'] ?? metadata.inputs['registry']?.default ?? '') : '';
  if (registry === 'origin' && readsRegistry(options.action, options.inputs)) {
    const note = await ensureOrigin(options.workspace);
    if (note) options.onNote?.(note);
  }
  return options.inputs;
}
