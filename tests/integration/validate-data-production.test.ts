/**
 * validate-data's `reference: production`: the profile that promote stored with the version in production is the
 * drift reference. The flow as a user runs it on the example project, every step a bundle under Node 24: validate
 * the data (profile.json), train, gate, promote with the profile, then validate new data against production.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_TRAIN_STEP, EXAMPLE_VALIDATE_STEP, checkoutExample, createGitRepo, loadEvent, runAction, type ActionResult, type GitRepo } from '../harness';

const MODEL = 'breast-cancer';
const GIT_ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_COMMITTER_NAME: 'Promoter', GIT_COMMITTER_EMAIL: 'promoter@example.com' };
const STORE = 'local:.mlops/artifacts';

const repos: GitRepo[] = [];
const scratch: string[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.close();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function exampleRepo(): Promise<GitRepo> {
  const source = mkdtempSync(path.join(os.tmpdir(), 'vd-production-'));
  scratch.push(source);
  checkoutExample(path.join(source, 'project'));
  const repo = await createGitRepo({ copyFrom: path.join(source, 'project') });
  repos.push(repo);
  return repo;
}

function validate(repo: GitRepo, inputs: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('validate-data', { cwd: repo.dir, inputs: { ...EXAMPLE_VALIDATE_STEP, ...inputs }, env: GIT_ENV });
}

async function expectSuccess(run: Promise<ActionResult>): Promise<ActionResult> {
  const result = await run;
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
  return result;
}

/** The release path: the validated data's profile goes into the registry with the model that passed the gate. */
async function promoteWithProfile(repo: GitRepo): Promise<void> {
  await expectSuccess(validate(repo, { profile: 'reference/profile.json' }));
  await expectSuccess(runAction('train', { cwd: repo.dir, inputs: { ...EXAMPLE_TRAIN_STEP, cache: 'false' } }));
  await expectSuccess(runAction('evaluate-gate', { cwd: repo.dir, inputs: { policy: 'policy.yaml', 'model-name': MODEL, comment: 'never' }, env: GIT_ENV }));
  await repo.push();
  await expectSuccess(
    runAction('promote', {
      cwd: repo.dir,
      inputs: { 'model-name': MODEL, stage: 'production', model: 'model', profile: 'reference/profile.json', 'artifact-store': STORE },
      event: loadEvent('workflow_dispatch'),
      env: GIT_ENV,
    }),
  );
}

function report(repo: GitRepo): { reference: string | null; driftedColumns: string[]; drift: Array<{ column: string }> } {
  return JSON.parse(readFileSync(path.join(repo.dir, 'validation.json'), 'utf8'));
}

describe('validate-data reference: production', () => {
  it('measures drift against the profile registered with the production version, and finds a shifted column', async () => {
    const repo = await exampleRepo();
    await promoteWithProfile(repo);

    const same = await expectSuccess(validate(repo, { reference: 'production', 'model-name': MODEL }));
    expect(same.groups).toContain(`Fetch the profile of ${MODEL}@v0.1.0 from ${STORE.replace('local:', 'local:' + repo.dir + '/')}`);
    expect(report(repo).reference).toBe(`production (${MODEL}@v0.1.0)`);
    expect(report(repo).drift.length).toBeGreaterThan(0);
    expect(same.outputs['drifted-columns']).toBe('[]');

    // New data: every mean_radius 30 % larger.
    const file = path.join(repo.dir, 'data', 'breast_cancer.csv');
    const [header, ...rows] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const column = (header as string).split(',').indexOf('mean_radius');
    writeFileSync(file, `${[header, ...rows.map((row) => row.split(',').map((value, j) => (j === column ? String(Number(value) * 1.3) : value)).join(','))].join('\n')}\n`);
    const shifted = await validate(repo, { reference: 'production', 'model-name': MODEL, 'fail-on': 'never' });
    expect(shifted.exitCode, shifted.stdout).toBe(0);
    expect(JSON.parse(shifted.outputs['drifted-columns'] ?? '[]')).toContain('mean_radius');
  });

  it('with nothing in production yet, says so and measures no drift; without a model name, one line', async () => {
    const repo = await exampleRepo();
    await repo.push();
    const first = await expectSuccess(validate(repo, { reference: 'production', 'model-name': MODEL }));
    expect(first.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toContain(`reference: no version of ${MODEL} is in production yet, so drift was not measured (a first run)`);
    expect(report(repo).reference).toBeNull();

    const unnamed = await validate(repo, { reference: 'production' });
    expect(unnamed.exitCode).toBe(1);
    expect(unnamed.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      'model-name: the input is required with reference: production; give the registered model name whose production profile is the reference',
    ]);
  });
});
