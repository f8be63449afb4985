import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/src/errors';
import { runWorkflow, type WorkflowRunOptions } from '../../shared/src/local/workflow/executor';
import { REPO_ROOT } from '../harness/node';
import { scratchRepo, type Scratch } from './scratch';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const ACTIONS_ROOT = path.join(REPO_ROOT, 'actions');
let scratch: Scratch | undefined;

afterEach(async () => {
  await scratch?.close();
  scratch = undefined;
});

async function run(fixture: string, options: Partial<WorkflowRunOptions> = {}, files: Record<string, string> = {}) {
  await scratch?.close();
  scratch = await scratchRepo({ example: false, files: { 'README.md': '# scratch\n', ...files } });
  const lines: string[] = [];
  const result = await runWorkflow({ workflow: path.join(FIXTURES, fixture), workspace: scratch.dir, actionsRoot: ACTIONS_ROOT, onLog: (line) => lines.push(line), ...options });
  return { result, log: lines.join('\n'), dir: scratch.dir };
}

describe('runWorkflow', () => {
  it('runs jobs in needs order and passes outputs from steps to jobs to later jobs', async () => {
    const { result, dir } = await run('needs-outputs.yml');
    expect(result.conclusion).toBe('success');
    expect(result.jobs.map((job) => job.id)).toEqual(['prepare', 'build', 'report']);
    expect(readFileSync(path.join(dir, 'order.txt'), 'utf8')).toBe('prepare\nbuild\nreport\n');
    expect(result.job('prepare').outputs).toEqual({ greeting: 'hello\nworld', count: '21' });
    expect(result.job('build').outputs).toEqual({ size: '42' });
    expect(result.job('report').steps[0]?.log).toBe('greeting=hello\nworld size=42 build=success\n');
  });

  it('expands a matrix with exclude and include, names each combination, and merges its outputs', async () => {
    const { result } = await run('matrix.yml');
    expect(result.conclusion).toBe('success');
    const train = result.jobs.filter((job) => job.id === 'train');
    expect(train.map((job) => job.name)).toEqual(['train (logistic, 2)', 'train (forest, 2, wide)', 'train (forest, 4, wide)', 'train (boosted, 8)']);
    expect(train.map((job) => job.step('fit').outputs['name'])).toEqual(['logistic-2', 'forest-2-wide', 'forest-4-wide', 'boosted-8']);
    expect(train[1]?.matrix).toEqual({ model: 'forest', depth: 2, extra: 'wide' });
    expect(result.job('fan-in').steps[0]?.log).toBe('last=boosted-8 result=success\n');
  });

  it('skips steps after a failure, runs if: failure() and always(), honours continue-on-error, and skips jobs that need a failed one', async () => {
    const { result, log } = await run('failure.yml');
    expect(result.conclusion).toBe('failure');
    const flaky = result.job('flaky');
    expect(flaky.result).toBe('failure');
    expect(flaky.step('allowed')).toMatchObject({ outcome: 'failure', conclusion: 'success', exitCode: 3 });
    expect(flaky.step('after-allowed').log).toBe('outcome=failure conclusion=success\n');
    expect(flaky.step('breaks')).toMatchObject({ outcome: 'failure', conclusion: 'failure', exitCode: 2 });
    expect(flaky.step('breaks').annotations).toEqual([{ level: 'error', message: 'bad row', properties: { file: 'data/a.csv', line: '4' } }]);
    expect(flaky.step('skipped').outcome).toBe('skipped');
    expect(flaky.step('on-failure').log).toBe('breaks was failure\n');
    expect(flaky.step('always').outcome).toBe('success');
    expect(result.job('downstream').result).toBe('skipped');
    // failure() in a job looks at every ancestor: flaky failed, so cleanup runs although downstream was skipped.
    expect(result.job('cleanup').result).toBe('success');
    expect(result.job('cleanup').steps[0]?.log).toBe('flaky=skipped\n');
    expect(log).toMatch(/^ {4}error: data\/a\.csv:4: bad row$/m);
    expect(log).toMatch(/^ {2}! Run exit 3: exit code 3 \(continue-on-error\)$/m);
    expect(log).toMatch(/^━━ downstream: skipped/m);
  });

  it('evaluates expressions: env at three levels, inputs with their defaults, github, secrets, vars, the functions and operators; run: gets them pasted in', async () => {
    const { result, dir } = await run('expressions.yml', { vars: { REGION: 'eu' }, token: 'ghs_dummy' }, { 'sub/.keep': '' });
    expect(result.conclusion).toBe('success');
    const show = result.job('show');
    expect(show.name).toBe('Show staging');
    const sha = scratch?.git('rev-parse', 'HEAD');
    expect(show.step('facts').outputs).toEqual({
      level: `step job_only=from-workflow-seen-by-job shared=from-workflow title=${path.basename(dir)}`,
      stage: 'staging',
      event: `workflow_dispatch sha=${sha}`,
      token: 'ghs_dummy other= var=eu',
    });
    expect(show.step('functions').outputs).toEqual({
      format: 'a/2 {x}',
      join: 'a+b+c',
      json: 'false',
      contains: 'true true',
      starts: 'true ends=true',
      compare: 'true',
      or: 'no reason',
      exported: 'later',
    });
    expect(show.step('production-only').outcome).toBe('skipped');
    expect(show.step('textual').outputs).toEqual({ quoted: 'staging' });
  });

  it('takes workflow_dispatch inputs, and refuses one the workflow does not declare', async () => {
    const { result } = await run('expressions.yml', { inputs: { stage: 'production' } }, { 'sub/.keep': '' });
    expect(result.job('show').step('production-only').outcome).toBe('success');
    await expect(run('expressions.yml', { inputs: { stag: 'x' } })).rejects.toThrow(/--input: expressions\.yml declares no workflow_dispatch input "stag"; it declares: stage, reason/);
  });
});

describe('runWorkflow with our actions', () => {
  it('runs our bundles by ./actions/<name> and owner/mlops-actions/actions/<name>@ref, and emulates checkout, setup-node, artifacts and provenance', async () => {
    await scratch?.close();
    scratch = await scratchRepo({ example: true });
    const lines: string[] = [];
    const result = await runWorkflow({ workflow: path.join(FIXTURES, 'our-actions.yml'), workspace: scratch.dir, actionsRoot: ACTIONS_ROOT, event: 'push', onLog: (line) => lines.push(line) });
    const log = lines.join('\n');
    expect(result.conclusion, log).toBe('success');
    expect(result.job('validate').step('validate').outputs['passed']).toBe('true');
    const digest = result.job('train').step('train').outputs['model-digest'];
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.job('train').outputs['digest']).toBe(digest);
    expect(log).toContain('actions/checkout (emulated): the workspace is the checkout');
    expect(log).toContain('actions/setup-node (emulated)');
    expect(log).toMatch(/▸ Train/);
    // train's artifact-name went to the run's artifact folder, where download-artifact found it.
    expect(readFileSync(path.join(scratch.dir, 'downloaded', 'run.json'), 'utf8')).toContain(digest);
    const statement = JSON.parse(readFileSync(result.job('release').step('attest').outputs['bundle-path'] as string, 'utf8')) as { subject: { name: string; digest: { sha256: string } }[] };
    const { createHash } = await import('node:crypto');
    expect(statement.subject).toEqual([{ name: 'metrics.json', digest: { sha256: createHash('sha256').update(readFileSync(path.join(scratch.dir, 'metrics.json'))).digest('hex') } }]);
    expect(result.job('release').steps.at(-1)?.log).toBe(`digest ${digest}\n`);
  });

  it('skips the release job on a pull request', async () => {
    await scratch?.close();
    scratch = await scratchRepo({ example: true });
    const result = await runWorkflow({ workflow: path.join(FIXTURES, 'our-actions.yml'), workspace: scratch.dir, actionsRoot: ACTIONS_ROOT });
    expect(result.event.name).toBe('pull_request');
    expect(result.job('release').result).toBe('skipped');
    expect(result.conclusion).toBe('success');
  });
});

describe('runWorkflow refuses what it cannot run, before running anything', () => {
  async function refusal(workflow: string): Promise<ConfigurationError> {
    await scratch?.close();
    scratch = await scratchRepo({ example: false, files: { '.github/workflows/w.yml': workflow } });
    const error = await runWorkflow({ workflow: path.join(scratch.dir, '.github/workflows/w.yml'), workspace: scratch.dir, actionsRoot: ACTIONS_ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }

  it('names the file, line and key of an action it neither runs nor emulates', async () => {
    const error = await refusal('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n      - uses: docker/login-action@v3\n');
    expect(error.message).toMatch(/^w\.yml:7: jobs\.a\.steps\[1\]\.uses: "docker\/login-action@v3" is not an action the local executor runs or emulates/);
  });

  it('names a with: key our action does not declare, with the inputs it does', async () => {
    const error = await refusal('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./actions/train\n        with:\n          comand: node train.mjs\n');
    expect(error.message).toMatch(/^w\.yml:6: jobs\.a\.steps\[0\]\.with: actions\/train\/action\.yml declares no input "comand"; it declares: command, working-directory/);
  });

  it('names an unknown need and a cycle', async () => {
    expect((await refusal('on: push\njobs:\n  a:\n    needs: b\n    steps:\n      - run: "true"\n')).message).toMatch(/^w\.yml:4: jobs\.a\.needs: needs "b", which is not a job of this workflow/);
    expect((await refusal('on: push\njobs:\n  a:\n    needs: b\n    steps:\n      - run: "true"\n  b:\n    needs: a\n    steps:\n      - run: "true"\n')).message).toMatch(/the jobs need each other in a cycle: a → b → a/);
  });

  it('refuses an event the workflow does not run on, and a bad expression with its line', async () => {
    await scratch?.close();
    scratch = await scratchRepo({ example: false, files: { 'w.yml': 'on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ github.sha ==  }}\n' } });
    const workflow = path.join(scratch.dir, 'w.yml');
    await expect(runWorkflow({ workflow, workspace: scratch.dir, actionsRoot: ACTIONS_ROOT, event: 'pull_request' })).rejects.toThrow(/^--event: w\.yml does not run on pull_request; its events: push$/);
    await expect(runWorkflow({ workflow, workspace: scratch.dir, actionsRoot: ACTIONS_ROOT })).rejects.toThrow(/^w\.yml:5: jobs\.a\.steps\[0\]\.run: .*ends too early/);
  });
});

describe('runWorkflow timeouts', () => {
  it('cancels a step after timeout-minutes and fails it', async () => {
    const { result } = await run('timeout.yml');
    const step = result.job('slow').step('sleep');
    expect(step).toMatchObject({ outcome: 'failure', timedOut: true });
    expect(result.job('slow').step('after').outcome).toBe('skipped');
    expect(result.conclusion).toBe('failure');
  });
});

describe('runWorkflow job selection and job-level settings', () => {
  it('runs only the chosen job and what it needs; GITHUB_PATH reaches later steps; a job that may fail does not fail the workflow', async () => {
    const { result } = await run('job-selection.yml', { job: 'experimental' });
    expect(result.jobs.map((job) => job.id)).toEqual(['setup', 'experimental']);
    const experimental = result.job('experimental');
    expect(experimental.steps[1]?.log).toBe('from-path\n');
    expect(experimental.result).toBe('failure');
    expect(result.conclusion).toBe('success');
    await expect(run('job-selection.yml', { job: 'nope' })).rejects.toThrow(/^--job: "nope" is not a job of job-selection\.yml \(jobs: setup, experimental, unrelated\)$/);
  });
});
