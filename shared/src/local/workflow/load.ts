/**
 * Reads a workflow file into the model the executor runs, checking up front everything it would otherwise
 * trip over halfway through a run: unknown `needs`, a cycle, a `uses:` it can neither run nor emulate, a shell
 * it does not have. Each mistake is one ConfigurationError naming the file, line and key.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigurationError, quote } from '../../errors';
import { classifyUses, type UsesKind } from './uses';

export type Scalarish = string;

export interface StepDefinition {
  /** Position in the job, from 0. */
  index: number;
  id: string | undefined;
  name: string | undefined;
  if: string | undefined;
  uses: UsesKind | undefined;
  usesText: string | undefined;
  with: Record<string, string>;
  env: Record<string, string>;
  run: string | undefined;
  shell: string | undefined;
  workingDirectory: string | undefined;
  continueOnError: string | boolean;
  timeoutMinutes: number | undefined;
  line: number;
}

export interface JobDefinition {
  id: string;
  name: string | undefined;
  needs: string[];
  if: string | undefined;
  env: Record<string, string>;
  /** The raw strategy.matrix: a mapping, or a `${{ }}` string evaluated when the job starts. */
  matrix: unknown;
  failFast: boolean;
  outputs: Record<string, string>;
  steps: StepDefinition[];
  continueOnError: string | boolean;
  timeoutMinutes: number | undefined;
  defaultShell: string | undefined;
  defaultWorkingDirectory: string | undefined;
  line: number;
}

export interface WorkflowDefinition {
  file: string;
  name: string;
  /** The events of `on`, by name, with their configuration (workflow_dispatch's inputs). */
  on: Map<string, unknown>;
  env: Record<string, string>;
  jobs: Map<string, JobDefinition>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function loadWorkflow(file: string): WorkflowDefinition {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`${file}: cannot read the workflow (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseWorkflow(text, file);
}

export function parseWorkflow(text: string, file: string): WorkflowDefinition {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const label = path.basename(file);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new ConfigurationError(`${label}:${first?.linePos?.[0].line ?? 1}: not valid YAML: ${first?.message.split('\n')[0]}`);
  }
  const at = new Locator(doc, lineCounter, label);
  const root = doc.toJS({ maxAliasCount: 100 }) as Json;
  if (!isObject(root)) throw new ConfigurationError(`${label}:1: a workflow is a mapping with \`on\` and \`jobs\``);

  const on = readOn(root['on'] ?? root['true'], at);
  const jobsValue = root['jobs'];
  if (!isObject(jobsValue) || Object.keys(jobsValue).length === 0) throw at.error(['jobs'], 'a workflow needs `jobs`, a mapping of job ids to jobs');

  const jobs = new Map<string, JobDefinition>();
  for (const [id, value] of Object.entries(jobsValue)) jobs.set(id, readJob(id, value, at, root['defaults']));
  for (const job of jobs.values()) {
    for (const need of job.needs) {
      if (!jobs.has(need)) throw at.error(['jobs', job.id, 'needs'], `needs ${quote(need)}, which is not a job of this workflow (jobs: ${[...jobs.keys()].join(', ')})`);
    }
  }
  return { file, name: typeof root['name'] === 'string' ? root['name'] : label, on, env: stringMap(root['env'], ['env'], at), jobs };
}

function readOn(value: Json | undefined, at: Locator): Map<string, unknown> {
  const on = new Map<string, unknown>();
  if (typeof value === 'string') on.set(value, null);
  else if (Array.isArray(value)) for (const event of value) on.set(String(event), null);
  else if (isObject(value)) for (const [event, config] of Object.entries(value)) on.set(event, config);
  else throw at.error(['on'], 'a workflow needs `on`, the events that trigger it');
  return on;
}

function readJob(id: string, value: Json, at: Locator, workflowDefaults: Json | undefined): JobDefinition {
  const where = ['jobs', id];
  if (!isObject(value)) throw at.error(where, 'a job is a mapping');
  if ('uses' in value) throw at.error([...where, 'uses'], 'reusable workflows (a job with `uses:`) are not supported by the local executor');
  for (const unsupported of ['container', 'services']) {
    if (unsupported in value) throw at.error([...where, unsupported], `\`${unsupported}\` is not supported by the local executor: steps run on this machine`);
  }
  const needsValue = value['needs'];
  const needs = needsValue === undefined || needsValue === null ? [] : Array.isArray(needsValue) ? needsValue.map(String) : [String(needsValue)];
  const strategy = value['strategy'];
  const stepsValue = value['steps'];
  if (!Array.isArray(stepsValue) || stepsValue.length === 0) throw at.error([...where, 'steps'], 'a job needs `steps`, a list');
  const defaults = (v: Json | undefined): Record<string, Json> => (isObject(v) && isObject(v['run']) ? v['run'] : {});
  const runDefaults = { ...defaults(workflowDefaults), ...defaults(value['defaults']) };
  const job: JobDefinition = {
    id,
    name: optionalString(value['name']),
    needs,
    if: optionalCondition(value['if']),
    env: stringMap(value['env'], [...where, 'env'], at),
    matrix: isObject(strategy) ? strategy['matrix'] : undefined,
    failFast: isObject(strategy) && strategy['fail-fast'] !== undefined ? strategy['fail-fast'] !== false : true,
    outputs: stringMap(value['outputs'], [...where, 'outputs'], at),
    steps: [],
    continueOnError: booleanish(value['continue-on-error']),
    timeoutMinutes: minutes(value['timeout-minutes'], [...where, 'timeout-minutes'], at),
    defaultShell: optionalString(runDefaults['shell']),
    defaultWorkingDirectory: optionalString(runDefaults['working-directory']),
    line: at.line(where),
  };
  if (job.defaultShell !== undefined) checkShell(job.defaultShell, [...where, 'defaults', 'run', 'shell'], at);
  const ids = new Set<string>();
  stepsValue.forEach((step, index) => {
    const definition = readStep(step, index, [...where, 'steps', index], at);
    if (definition.id !== undefined) {
      if (ids.has(definition.id)) throw at.error([...where, 'steps', index, 'id'], `the step id ${quote(definition.id)} is used twice in job ${id}`);
      ids.add(definition.id);
    }
    job.steps.push(definition);
  });
  return job;
}

function readStep(value: Json, index: number, where: (string | number)[], at: Locator): StepDefinition {
  if (!isObject(value)) throw at.error(where, 'a step is a mapping');
  const uses = optionalString(value['uses']);
  const run = value['run'] === undefined ? undefined : String(value['run']);
  if ((uses === undefined) === (run === undefined)) throw at.error(where, 'a step has either `uses` or `run`, and not both');
  let kind: UsesKind | undefined;
  if (uses !== undefined) {
    kind = classifyUses(uses);
    if (!kind) {
      throw at.error([...where, 'uses'], `${quote(uses)} is not an action the local executor runs or emulates; it runs ./actions/<name> and <owner>/mlops-actions/actions/<name>@<ref>, and emulates actions/checkout, setup-node, setup-python, upload-artifact, download-artifact and attest-build-provenance`);
    }
  }
  const shell = optionalString(value['shell']);
  if (shell !== undefined) checkShell(shell, [...where, 'shell'], at);
  const id = optionalString(value['id']);
  if (id !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) throw at.error([...where, 'id'], `${quote(id)} is not a step id: start with a letter or _, then letters, digits, - or _`);
  return {
    index,
    id,
    name: optionalString(value['name']),
    if: optionalCondition(value['if']),
    uses: kind,
    usesText: uses,
    with: stringMap(value['with'], [...where, 'with'], at),
    env: stringMap(value['env'], [...where, 'env'], at),
    run,
    shell,
    workingDirectory: optionalString(value['working-directory']),
    continueOnError: booleanish(value['continue-on-error']),
    timeoutMinutes: minutes(value['timeout-minutes'], [...where, 'timeout-minutes'], at),
    line: at.line(where),
  };
}

/** bash (GitHub's default on Linux) and sh: the shells a `run:` gets here. */
function checkShell(shell: string, where: (string | number)[], at: Locator): void {
  if (shell !== 'bash' && shell !== 'sh') throw at.error(where, `shell ${quote(shell)} is not supported by the local executor; use bash (the default) or sh`);
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: Json | undefined): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** `if: true` arrives as a boolean from YAML; conditions are text to the evaluator. */
function optionalCondition(value: Json | undefined): string | undefined {
  return value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
}

function booleanish(value: Json | undefined): string | boolean {
  return typeof value === 'string' ? value : value === true;
}

function minutes(value: Json | undefined, where: (string | number)[], at: Locator): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number) || number <= 0) throw at.error(where, `${quote(value)} is not a number of minutes`);
  return number;
}

/** env, with and outputs: scalars as strings, as the runner sees them. */
function stringMap(value: Json | undefined, where: (string | number)[], at: Locator): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw at.error(where, 'expected a mapping of names to values');
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && typeof item === 'object') throw at.error([...where, key], 'expected a string, number or boolean');
    map[key] = item === null ? '' : String(item);
  }
  return map;
}

/** Line numbers for error messages, from the YAML nodes. */
class Locator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly label: string,
  ) {}

  line(where: (string | number)[]): number {
    for (let depth = where.length; depth >= 0; depth--) {
      const node = this.doc.getIn(where.slice(0, depth), true);
      const range = (isScalar(node) || isMap(node) || (node && typeof node === 'object' && 'range' in node) ? (node as { range?: [number, number, number] }).range : undefined) ?? undefined;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return 1;
  }

  error(where: (string | number)[], message: string): ConfigurationError {
    const pathText = where.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('').replace(/^\./, '');
    return new ConfigurationError(`${this.label}:${this.line(where)}: ${pathText}: ${message}`);
  }
}
