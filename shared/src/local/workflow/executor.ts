/**
 * Runs a workflow file on this machine: its jobs one after another in `needs` order (a matrix job once per
 * combination), each step through the local runner (our actions), an emulation (the few third-party actions
 * the templates use) or bash (`run:`), with `${{ }}` evaluated from the github, env, inputs, vars, secrets,
 * steps, needs, matrix, strategy, job and runner contexts. The result keeps every job's and step's outcome,
 * outputs and log, which is what the tests inspect.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError, quote } from '../../errors';
import { inputEnvironment, readActionMetadata } from '../action-metadata';
import { localEvent, parseEventName, LOCAL_EVENTS, type LocalEvent, type LocalEventName } from '../event-payload';
import { ReadableLog } from '../readable-log';
import { createRunnerFiles, readRunnerFiles, runnerFileVariables } from '../runner-files';
import { runnerVariables, userEnv } from '../runner-env';
import { runLocalAction } from '../run-local-action';
import type { Annotation } from '../workflow-commands';
import { parseWorkflowCommands } from '../workflow-commands';
import { openLocalWorkspace, type LocalWorkspace } from '../workspace';
import { ExpressionError, truthy, type EvaluationScope, type Value } from './expressions';
import { ancestors, jobOrder } from './graph';
import { loadWorkflow, type JobDefinition, type StepDefinition, type WorkflowDefinition } from './load';
import { expandMatrix, MatrixError, matrixJobName, type Combination } from './matrix';
import { runEmulated } from './emulated';
import { runScript } from './run-script';
import { evaluateCondition, evaluateValue, hasExpression, substitute } from './template';

export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped';
export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface StepRun {
  index: number;
  id: string | undefined;
  /** The step's name as the log shows it (name, else `Run <first line>` or the action). */
  name: string;
  /** Before continue-on-error. */
  outcome: StepOutcome;
  /** After continue-on-error: a failure that may continue is a success. */
  conclusion: StepOutcome;
  outputs: Record<string, string>;
  exitCode: number | null;
  timedOut: boolean;
  /** stdout and stderr as the step printed them (workflow commands raw). */
  log: string;
  annotations: Annotation[];
  summary: string;
  /** Why the executor failed the step itself (a bad expression, an emulation's refusal). */
  error: string | undefined;
}

export interface JobRun {
  id: string;
  /** `train`, or `train (a, 1)` for a matrix combination. */
  name: string;
  matrix: Combination | undefined;
  result: JobResult;
  outputs: Record<string, string>;
  steps: StepRun[];
  /** The step with this id (or, failing that, this name); throws when there is none, to keep tests short. */
  step(idOrName: string): StepRun;
  /** The job summary: every step's GITHUB_STEP_SUMMARY, in order. */
  summary: string;
}

export interface WorkflowRun {
  file: string;
  event: LocalEvent;
  conclusion: 'success' | 'failure';
  /** In the order they ran; a matrix job appears once per combination. */
  jobs: JobRun[];
  /** The (first) run of job `id`, or the combination whose name is `id (…)`; throws when there is none. */
  job(idOrName: string): JobRun;
  /** .mlops/runs/<n>: artifacts/, attestations/. */
  runDir: string;
  artifactsDir: string;
  runNumber: number;
}

export interface WorkflowRunOptions {
  workflow: string;
  /** The git working copy the workflow runs in (its checkout); default: the current directory. */
  workspace?: string;
  /** The folder of our actions' action.yml and bundles. */
  actionsRoot: string;
  /** Must be one of the workflow's `on` events; default: the first of pull_request, push, workflow_dispatch it has. */
  event?: string;
  /** Run only this job and the jobs it needs. */
  job?: string;
  /** workflow_dispatch inputs (the workflow's declared defaults fill the rest). */
  inputs?: Record<string, string>;
  vars?: Record<string, string>;
  /**
   * github.token and secrets.GITHUB_TOKEN. Empty by default: there is no GitHub here, so the actions take their
   * no-token paths (the gate's report stays in its files) instead of calling api.github.com with a fake token.
   */
  token?: string;
  /** Other secrets by name; a secret not given is empty, as on GitHub. */
  secrets?: Record<string, string>;
  /** GITHUB_API_URL; default https://api.github.com (a test points it at its local server). */
  apiUrl?: string;
  /** Added to every step's environment (before the workflow's own env). */
  env?: Record<string, string>;
  /** Replaces or adds fields of the event payload (a pull request's number, a title). */
  payload?: (payload: Record<string, unknown>) => Record<string, unknown>;
  node?: string;
  /** Every log line, readable; default: nothing (the result keeps each step's log). */
  onLog?: (line: string) => void;
  debug?: boolean;
}

interface JobState {
  result: JobResult;
  outputs: Record<string, string>;
  continueOnError: boolean;
}

export async function runWorkflow(options: WorkflowRunOptions): Promise<WorkflowRun> {
  const workflow = loadWorkflow(options.workflow);
  const label = path.basename(options.workflow);
  checkOurActions(workflow, options.actionsRoot, label);
  const eventName = pickEvent(workflow, options.event, label);
  const order = jobOrder(workflow.jobs, label);
  let selected = order;
  if (options.job !== undefined) {
    if (!workflow.jobs.has(options.job)) throw new ConfigurationError(`--job: ${quote(options.job)} is not a job of ${label} (jobs: ${order.join(', ')})`);
    const wanted = new Set([options.job, ...ancestors(workflow.jobs, options.job)]);
    selected = order.filter((id) => wanted.has(id));
  }

  const workspace = await openLocalWorkspace(options.workspace ?? process.cwd());
  const dispatchInputs = dispatchInputsOf(workflow, options.inputs ?? {}, label);
  let event = localEvent(eventName, workspace.facts, { repository: workspace.repository, actor: workspace.actor, inputs: dispatchInputs });
  if (options.payload) event = { ...event, payload: options.payload(structuredClone(event.payload)) };

  const runsDir = path.join(workspace.localDir, 'runs');
  await mkdir(runsDir, { recursive: true });
  const runNumber = (await readdir(runsDir)).filter((name) => /^\d+$/.test(name)).reduce((max, name) => Math.max(max, Number(name)), 0) + 1;
  const runDir = path.join(runsDir, String(runNumber));
  const artifactsDir = path.join(runDir, 'artifacts');
  await mkdir(artifactsDir, { recursive: true });

  const log = options.onLog ?? (() => undefined);
  const run = new Execution(workflow, options, workspace, event, runDir, artifactsDir, runNumber, log);
  log(`${workflow.name} (${label}) on ${eventName}, run ${runNumber}: ${path.relative(process.cwd(), runDir) || runDir}`);
  for (const id of selected) await run.job(workflow.jobs.get(id) as JobDefinition);

  const failed = [...run.states.entries()].some(([, state]) => (state.result === 'failure' || state.result === 'cancelled') && !state.continueOnError);
  const jobs = run.runs;
  return {
    file: options.workflow,
    event,
    conclusion: failed ? 'failure' : 'success',
    jobs,
    job(idOrName) {
      const found = jobs.find((job) => job.name === idOrName) ?? jobs.find((job) => job.id === idOrName);
      if (!found) throw new Error(`no job ${JSON.stringify(idOrName)} ran (ran: ${jobs.map((job) => job.name).join(', ')})`);
      return found;
    },
    runDir,
    artifactsDir,
    runNumber,
  };
}

/** Our actions exist and every `with:` key is an input of theirs, before anything runs. */
function checkOurActions(workflow: WorkflowDefinition, actionsRoot: string, label: string): void {
  for (const job of workflow.jobs.values()) {
    for (const step of job.steps) {
      if (step.uses?.kind !== 'ours') continue;
      const where = `${label}:${step.line}: jobs.${job.id}.steps[${step.index}]`;
      let metadata;
      try {
        metadata = readActionMetadata(actionsRoot, step.uses.action);
      } catch (error) {
        throw new ConfigurationError(`${where}.uses: ${(error as Error).message}`);
      }
      inputEnvironment(metadata, step.with, (text) => text, `${where}.with`);
    }
  }
}

function pickEvent(workflow: WorkflowDefinition, requested: string | undefined, label: string): LocalEventName {
  if (requested !== undefined) {
    const name = parseEventName(requested, '--event');
    if (!workflow.on.has(name)) throw new ConfigurationError(`--event: ${label} does not run on ${name}; its events: ${[...workflow.on.keys()].join(', ')}`);
    return name;
  }
  const found = LOCAL_EVENTS.find((name) => workflow.on.has(name));
  if (!found) throw new ConfigurationError(`${label}: runs on ${[...workflow.on.keys()].join(', ')}; the local executor makes only ${LOCAL_EVENTS.join(', ')} events`);
  return found;
}

function dispatchInputsOf(workflow: WorkflowDefinition, given: Record<string, string>, label: string): Record<string, string> {
  const config = workflow.on.get('workflow_dispatch');
  const declared = config && typeof config === 'object' && 'inputs' in config ? ((config as { inputs?: Record<string, { default?: unknown } | null> }).inputs ?? {}) : {};
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length > 0) throw new ConfigurationError(`--input: ${label} declares no workflow_dispatch input ${unknown.map(quote).join(', ')}; it declares: ${Object.keys(declared).join(', ') || 'none'}`);
  const inputs: Record<string, string> = {};
  for (const [name, definition] of Object.entries(declared)) inputs[name] = given[name] ?? (definition?.default === undefined || definition.default === null ? '' : String(definition.default));
  return inputs;
}

class Execution {
  readonly states = new Map<string, JobState>();
  readonly runs: JobRun[] = [];
  private readonly label: string;

  constructor(
    private readonly workflow: WorkflowDefinition,
    private readonly options: WorkflowRunOptions,
    private readonly workspace: LocalWorkspace,
    private readonly event: LocalEvent,
    private readonly runDir: string,
    private readonly artifactsDir: string,
    private readonly runNumber: number,
    private readonly log: (line: string) => void,
  ) {
    this.label = path.basename(workflow.file);
  }

  private get token(): string {
    return this.options.token ?? '';
  }

  private githubContext(job: string): Value {
    const e = this.event;
    return {
      event: e.payload as Value,
      event_name: e.name,
      event_path: '',
      sha: e.sha,
      ref: e.ref,
      ref_name: e.ref.startsWith('refs/pull/') ? e.ref.slice('refs/pull/'.length) : e.ref.replace(/^refs\/(heads|tags)\//, ''),
      ref_type: 'branch',
      head_ref: e.headRef ?? '',
      base_ref: e.baseRef ?? '',
      repository: e.repository,
      repository_owner: e.repository.split('/')[0] ?? '',
      actor: e.actor,
      triggering_actor: e.actor,
      workspace: this.workspace.dir,
      token: this.token,
      job,
      run_id: String(this.runNumber),
      run_number: String(this.runNumber),
      run_attempt: '1',
      workflow: this.workflow.name,
      workflow_ref: `${e.repository}/${this.label}@${e.ref}`,
      server_url: 'https://github.com',
      api_url: this.options.apiUrl ?? 'https://api.github.com',
      graphql_url: `${this.options.apiUrl ?? 'https://api.github.com'}/graphql`,
      retention_days: '90',
      action: '',
    };
  }

  private needsContext(job: JobDefinition): Value {
    const needs: Record<string, Value> = {};
    for (const need of job.needs) {
      const state = this.states.get(need);
      needs[need] = { result: state?.result ?? 'skipped', outputs: state?.outputs ?? {} };
    }
    return needs;
  }

  private baseContexts(job: JobDefinition): Record<string, Value> {
    return {
      github: this.githubContext(job.id),
      inputs: this.event.name === 'workflow_dispatch' ? ((this.event.payload['inputs'] as Value) ?? {}) : {},
      vars: { ...(this.options.vars ?? {}) },
      secrets: { ...(this.options.secrets ?? {}), GITHUB_TOKEN: this.token },
      needs: this.needsContext(job),
      runner: { os: 'Linux', arch: 'X64', name: 'mlops-actions local', temp: os.tmpdir(), tool_cache: os.tmpdir(), debug: this.options.debug ? '1' : '' },
    };
  }

  private jobScope(job: JobDefinition, extra: Record<string, Value> = {}): EvaluationScope {
    const all = ancestors(this.workflow.jobs, job.id);
    const results = [...all].map((id) => this.states.get(id)?.result);
    return {
      contexts: { ...this.baseContexts(job), ...extra },
      success: () => results.every((result) => result === 'success'),
      failure: () => results.some((result) => result === 'failure'),
      cancelled: () => results.some((result) => result === 'cancelled'),
    };
  }

  /** A workflow or job expression that cannot be evaluated is the file's mistake: say where. */
  private fail(where: string, line: number, error: unknown): never {
    if (error instanceof ExpressionError || error instanceof MatrixError) throw new ConfigurationError(`${this.label}:${line}: ${where}: ${error.message}`);
    throw error;
  }

  private evaluateMap(map: Record<string, string>, scope: EvaluationScope, where: string, line: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(map)) {
      try {
        out[key] = substitute(value, scope);
      } catch (error) {
        this.fail(`${where}.${key}`, line, error);
      }
    }
    return out;
  }

  async job(job: JobDefinition): Promise<void> {
    const scope = this.jobScope(job);
    let runIt: boolean;
    try {
      runIt = evaluateCondition(job.if, scope);
    } catch (error) {
      this.fail(`jobs.${job.id}.if`, job.line, error);
    }
    if (!runIt) {
      const name = job.name !== undefined ? this.substituteName(job.name, { ...scope.contexts, matrix: {} }) : job.id;
      this.log(`\n━━ ${name}: skipped${job.if ? ` (if: ${job.if.trim()})` : ' (a job it needs did not succeed)'}`);
      this.states.set(job.id, { result: 'skipped', outputs: {}, continueOnError: false });
      this.runs.push(makeJobRun(job.id, name, undefined, 'skipped', {}, []));
      return;
    }
    let combinations: (Combination | undefined)[] = [undefined];
    if (job.matrix !== undefined) {
      try {
        combinations = expandMatrix(deepEvaluate(job.matrix as Value, scope));
      } catch (error) {
        this.fail(`jobs.${job.id}.strategy.matrix`, job.line, error);
      }
      if (combinations.length === 0) throw new ConfigurationError(`${this.label}:${job.line}: jobs.${job.id}.strategy.matrix: expands to no combination`);
    }

    const instances: JobRun[] = [];
    let failedOnce = false;
    for (const [index, matrix] of combinations.entries()) {
      // A name with an expression is the whole display name (GitHub adds no matrix values to it).
      const baseName = job.name !== undefined ? this.substituteName(job.name, { ...scope.contexts, matrix: matrix ?? {} }) : job.id;
      const name = matrix && !(job.name && hasExpression(job.name)) ? matrixJobName(baseName, matrix) : baseName;
      if (failedOnce && job.failFast) {
        this.log(`\n━━ ${name}: cancelled (fail-fast: another combination failed)`);
        instances.push(makeJobRun(job.id, name, matrix, 'cancelled', {}, []));
        continue;
      }
      const strategy: Value = matrix ? { 'fail-fast': job.failFast, 'job-index': index, 'job-total': combinations.length } : {};
      const instance = await this.jobInstance(job, name, matrix, strategy);
      if (instance.result === 'failure' || instance.result === 'cancelled') failedOnce = true;
      instances.push(instance);
    }
    this.runs.push(...instances);

    // Like GitHub: a matrix job's outputs are merged (the last combination to set one wins), and it failed if
    // any combination did.
    const outputs: Record<string, string> = {};
    for (const instance of instances) for (const [key, value] of Object.entries(instance.outputs)) if (value !== '') outputs[key] = value;
    const result: JobResult = instances.some((i) => i.result === 'failure') ? 'failure' : instances.some((i) => i.result === 'cancelled') ? 'cancelled' : 'success';
    let continueOnError = false;
    try {
      continueOnError = typeof job.continueOnError === 'boolean' ? job.continueOnError : truthy(evaluateValue(job.continueOnError, scope));
    } catch (error) {
      this.fail(`jobs.${job.id}.continue-on-error`, job.line, error);
    }
    this.states.set(job.id, { result, outputs, continueOnError });
  }

  private substituteName(name: string, contexts: Record<string, Value>): string {
    try {
      return substitute(name, { contexts, success: () => true, failure: () => false, cancelled: () => false });
    } catch {
      return name;
    }
  }

  private async jobInstance(job: JobDefinition, name: string, matrix: Combination | undefined, strategy: Value): Promise<JobRun> {
    this.log(`\n━━ ${name}`);
    const extra = { matrix: matrix ?? {}, strategy };
    const jobScope = this.jobScope(job, { ...extra, env: {} });
    const workflowEnv = this.evaluateMap(this.workflow.env, jobScope, 'env', 1);
    const jobEnv = this.evaluateMap(job.env, this.jobScope(job, { ...extra, env: workflowEnv }), `jobs.${job.id}.env`, job.line);
    const exported: Record<string, string> = {};
    const pathAdditions: string[] = [];
    const steps: StepRun[] = [];
    const stepsContext: Record<string, Value> = {};
    let failed = false;
    let timedOut = false;
    const deadline = job.timeoutMinutes !== undefined ? Date.now() + job.timeoutMinutes * 60_000 : undefined;

    for (const step of job.steps) {
      const envContext = { ...workflowEnv, ...jobEnv, ...exported };
      const scope: EvaluationScope = {
        contexts: { ...this.baseContexts(job), ...extra, env: envContext, steps: stepsContext, job: { status: failed ? 'failure' : 'success' } },
        success: () => !failed && !timedOut,
        failure: () => failed,
        cancelled: () => timedOut,
      };
      const stepName = displayName(step, scope);
      const where = `jobs.${job.id}.steps[${step.index}]`;
      let runIt: boolean;
      try {
        runIt = !timedOut || step.if !== undefined ? evaluateCondition(step.if, scope) : false;
      } catch (error) {
        this.fail(`${where}.if`, step.line, error);
      }
      if (!runIt) {
        this.log(`  ○ ${stepName}: skipped`);
        const skipped = emptyStep(step, stepName, 'skipped');
        steps.push(skipped);
        if (step.id) stepsContext[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      this.log(`  ▶ ${stepName}`);
      const stepEnv = this.evaluateMap(step.env, scope, `${where}.env`, step.line);
      const stepScope: EvaluationScope = { ...scope, contexts: { ...scope.contexts, env: { ...envContext, ...stepEnv } } };
      const remaining = deadline !== undefined ? Math.max(deadline - Date.now(), 1) : undefined;
      const stepLimit = step.timeoutMinutes !== undefined ? step.timeoutMinutes * 60_000 : undefined;
      const timeoutMs = remaining === undefined ? stepLimit : stepLimit === undefined ? remaining : Math.min(remaining, stepLimit);
      const processEnv = { ...envContext, ...stepEnv };
      if (pathAdditions.length > 0) processEnv['PATH'] = [...pathAdditions].reverse().concat(process.env['PATH'] ?? '').join(path.delimiter);

      const result = await this.step(job, step, stepName, stepScope, processEnv, timeoutMs);
      let continueOnError = false;
      try {
        continueOnError = typeof step.continueOnError === 'boolean' ? step.continueOnError : truthy(evaluateValue(step.continueOnError, stepScope));
      } catch (error) {
        this.fail(`${where}.continue-on-error`, step.line, error);
      }
      if (result.outcome === 'failure' && continueOnError) result.conclusion = 'success';
      steps.push(result);
      if (step.id) stepsContext[step.id] = { outputs: result.outputs, outcome: result.outcome, conclusion: result.conclusion };
      Object.assign(exported, result.exported);
      pathAdditions.push(...result.path);
      const mark = result.outcome === 'success' ? '✓' : result.conclusion === 'success' ? '!' : '✗';
      const why = result.error ?? (result.timedOut ? 'timed out' : result.exitCode !== 0 ? `exit code ${result.exitCode}` : '');
      this.log(`  ${mark} ${stepName}${why ? `: ${why}` : ''}${result.outcome === 'failure' && continueOnError ? ' (continue-on-error)' : ''}`);
      if (result.conclusion === 'failure') failed = true;
      if (result.timedOut && deadline !== undefined && Date.now() >= deadline) timedOut = true;
    }

    const outputScope: EvaluationScope = {
      contexts: { ...this.baseContexts(job), ...extra, env: { ...workflowEnv, ...jobEnv }, steps: stepsContext },
      success: () => !failed,
      failure: () => failed,
      cancelled: () => timedOut,
    };
    const outputs = this.evaluateMap(job.outputs, outputScope, `jobs.${job.id}.outputs`, job.line);
    const result: JobResult = timedOut ? 'cancelled' : failed ? 'failure' : 'success';
    for (const [key, value] of Object.entries(outputs)) this.log(`  output ${key} = ${value}`);
    this.log(`  ${name}: ${result}`);
    return makeJobRun(job.id, name, matrix, result, outputs, steps);
  }

  private async step(
    job: JobDefinition,
    step: StepDefinition,
    stepName: string,
    scope: EvaluationScope,
    processEnv: Record<string, string>,
    timeoutMs: number | undefined,
  ): Promise<StepRun & { exported: Record<string, string>; path: string[] }> {
    const readable = new ReadableLog((line) => this.log(line), { indent: '    ', debug: this.options.debug ?? false });
    const onOutput = (chunk: Buffer): void => readable.push(chunk);
    const stepDir = await mkdtemp(path.join(os.tmpdir(), 'mlops-workflow-step-'));
    const where = `jobs.${job.id}.steps[${step.index}]`;
    try {
      if (step.uses?.kind === 'ours') {
        const inputs = this.evaluateMap(step.with, scope, `${where}.with`, step.line);
        const result = await runLocalAction({
          actionsRoot: this.options.actionsRoot,
          action: step.uses.action,
          inputs,
          inputSource: `${this.label}:${step.line}: ${where}.with`,
          workspace: this.workspace,
          event: this.event,
          node: this.options.node,
          token: this.token,
          apiUrl: this.options.apiUrl,
          env: { MLOPS_ARTIFACT_DIR: this.artifactsDir, ...(this.options.env ?? {}), ...processEnv },
          run: { workflow: this.workflow.name, job: job.id, stepId: step.id ?? `__${step.uses.action}`, runId: String(this.runNumber), runNumber: String(this.runNumber) },
          stepDir,
          timeoutMs,
          onOutput,
          onNote: (note) => this.log(`    ${note}`),
        });
        readable.flush();
        return finished(step, stepName, result.exitCode, result.timedOut, `${result.stdout}${result.stderr}`, result.annotations, result.outputs, result.summary, result.env, result.path);
      }
      if (step.uses?.kind === 'emulated') {
        const inputs = this.evaluateMap(step.with, scope, `${where}.with`, step.line);
        const e = this.event;
        const lines: string[] = [];
        try {
          const { outputs } = await runEmulated(step.uses.action, {
            workspace: this.workspace.dir,
            runDir: this.runDir,
            artifactsDir: this.artifactsDir,
            with: inputs,
            github: { repository: e.repository, sha: e.sha, ref: e.ref, workflowFile: this.label, runId: String(this.runNumber), serverUrl: 'https://github.com' },
            apiUrl: this.options.apiUrl,
            log: (line) => {
              lines.push(line);
              readable.push(`${line}\n`);
            },
          });
          return finished(step, stepName, 0, false, lines.join('\n'), parseWorkflowCommands(lines.join('\n')).annotations, outputs, '', {}, []);
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          readable.push(`::error::${error.message}\n`);
          return { ...finished(step, stepName, 1, false, lines.join('\n'), [{ level: 'error', message: error.message, properties: {} }], {}, '', {}, []), error: error.message };
        }
      }
      // run: the script gets its ${{ }} pasted in as text, as on GitHub.
      let script: string;
      try {
        script = substitute(step.run ?? '', scope);
      } catch (error) {
        this.fail(`${where}.run`, step.line, error);
      }
      const files = await createRunnerFiles(stepDir, this.event.payload);
      const runnerTemp = path.join(stepDir, 'runner_temp');
      await mkdir(runnerTemp, { recursive: true });
      const workingDirectory = step.workingDirectory ?? job.defaultWorkingDirectory;
      const cwd = path.resolve(this.workspace.dir, workingDirectory ? substitute(workingDirectory, scope) : '.');
      if (!existsSync(cwd)) {
        const message = `working-directory: ${quote(workingDirectory ?? '.')} does not exist in the workspace`;
        readable.push(`::error::${message}\n`);
        return { ...finished(step, stepName, 1, false, '', [{ level: 'error', message, properties: {} }], {}, '', {}, []), error: message };
      }
      const env = {
        MLOPS_CACHE_DIR: this.workspace.cacheDir,
        MLOPS_ARTIFACT_DIR: this.artifactsDir,
        ...userEnv(),
        ...runnerVariables({
          eventName: this.event.name,
          sha: this.event.sha,
          ref: this.event.ref,
          headRef: this.event.headRef,
          baseRef: this.event.baseRef,
          repository: this.event.repository,
          actor: this.event.actor,
          workspace: this.workspace.dir,
          runnerTemp,
          toolCache: runnerTemp,
          workflow: this.workflow.name,
          job: job.id,
          action: step.id ?? `__run_${step.index}`,
          runId: String(this.runNumber),
          runNumber: String(this.runNumber),
          apiUrl: this.options.apiUrl ?? 'https://api.github.com',
          serverUrl: 'https://github.com',
          onRunner: false,
        }),
        ...runnerFileVariables(files),
        ...(this.options.env ?? {}),
        ...processEnv,
      };
      const exit = await runScript({ script, shell: step.shell ?? job.defaultShell, cwd, env, timeoutMs, onOutput });
      readable.flush();
      const commands = await readRunnerFiles(files);
      const log = `${exit.stdout}${exit.stderr}`;
      return finished(step, stepName, exit.exitCode, exit.timedOut, log, parseWorkflowCommands(log).annotations, commands.outputs, commands.summary, commands.env, commands.path);
    } finally {
      await rm(stepDir, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

function finished(
  step: StepDefinition,
  name: string,
  exitCode: number | null,
  timedOut: boolean,
  log: string,
  annotations: Annotation[],
  outputs: Record<string, string>,
  summary: string,
  exported: Record<string, string>,
  pathAdditions: string[],
): StepRun & { exported: Record<string, string>; path: string[] } {
  const outcome: StepOutcome = exitCode === 0 && !timedOut ? 'success' : 'failure';
  return { index: step.index, id: step.id, name, outcome, conclusion: outcome, outputs, exitCode, timedOut, log, annotations, summary, error: undefined, exported, path: pathAdditions };
}

function emptyStep(step: StepDefinition, name: string, outcome: StepOutcome): StepRun {
  return { index: step.index, id: step.id, name, outcome, conclusion: outcome, outputs: {}, exitCode: null, timedOut: false, log: '', annotations: [], summary: '', error: undefined };
}

function displayName(step: StepDefinition, scope: EvaluationScope): string {
  if (step.name !== undefined) {
    try {
      return substitute(step.name, scope);
    } catch {
      return step.name;
    }
  }
  if (step.usesText !== undefined) return `Run ${step.usesText}`;
  return `Run ${(step.run ?? '').trim().split('\n')[0] ?? ''}`;
}

function makeJobRun(id: string, name: string, matrix: Combination | undefined, result: JobResult, outputs: Record<string, string>, steps: StepRun[]): JobRun {
  return {
    id,
    name,
    matrix,
    result,
    outputs,
    steps: steps.map(({ index, id: stepId, name: stepName, outcome, conclusion, outputs: o, exitCode, timedOut, log, annotations, summary, error }) => ({
      index,
      id: stepId,
      name: stepName,
      outcome,
      conclusion,
      outputs: o,
      exitCode,
      timedOut,
      log,
      annotations,
      summary,
      error,
    })),
    step(idOrName) {
      const found = this.steps.find((s) => s.id === idOrName) ?? this.steps.find((s) => s.name === idOrName);
      if (!found) throw new Error(`job ${name} has no step ${JSON.stringify(idOrName)} (steps: ${this.steps.map((s) => s.id ?? s.name).join(', ')})`);
      return found;
    },
    summary: steps.map((s) => s.summary).filter(Boolean).join('\n'),
  };
}

/** A matrix may hold expressions anywhere (`shard: ${{ fromJSON(needs.plan.outputs.shards) }}`). */
function deepEvaluate(value: Value, scope: EvaluationScope): Value {
  if (typeof value === 'string') return evaluateValue(value, scope);
  if (Array.isArray(value)) return value.map((item) => deepEvaluate(item, scope));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepEvaluate(item, scope)]));
  return value;
}

