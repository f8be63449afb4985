// ml-pull-request.yml, as a user copies it, run end to end by the local executor on the example project: the
// sharded validation, the merge of the shards, training and the gate, with the fake GitHub server taking the
// sticky comment, and the bare remote as the registry. A template that lints but would break fails here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowRun } from '../../shared/src/local/workflow/executor';
import { ACTIONS_BOT } from '../harness/github-server';
import { edit, filesOf, MODEL, templateProject, type PullRequest, type TemplateProject } from './template-project';

let project: TemplateProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const MARKER = `<!-- mlops-actions:evaluate-gate model=${MODEL} -->`;
const JOB_ORDER = ['Validate data (shard 1 of 2)', 'Validate data (shard 2 of 2)', 'Validate data (merged)', 'Train the candidate', 'Gate against production'];
const CANDIDATE = `mlops-candidate-${MODEL}`;

/** What the run did, on one line per job, for failure messages that say more than "expected failure". */
function summary(run: WorkflowRun): string {
  return run.jobs.map((job) => `${job.name}: ${job.result}${job.steps.filter((s) => s.outcome === 'failure').map((s) => ` [${s.name}: ${s.annotations.map((a) => a.message).join('; ') || s.error || s.log.slice(-300)}]`).join('')}`).join('\n');
}

function comments(pull: PullRequest): Record<string, unknown>[] {
  return project?.server.state.comments(project.repo, pull.number) ?? [];
}

/** A change that leaves the model as good as it was: the gate passes it against production. */
const tinyChange = (dir: string): void => edit(dir, 'params.yaml', /l2: 0\.001/, 'l2: 0.0011');

describe('ml-pull-request.yml run end to end by the local executor', () => {
  it('validates in shards, merges, trains and gates a first model: one sticky comment with the report, and the candidate uploaded', async () => {
    project = await templateProject();
    const pull = project.push(1, 'first-model', 'A first model', tinyChange);
    const run = await project.runPullRequest(pull);

    expect(run.conclusion, summary(run)).toBe('success');
    expect(run.jobs.map((job) => job.name)).toEqual(JOB_ORDER);
    expect(run.jobs.map((job) => job.result)).toEqual(JOB_ORDER.map(() => 'success'));
    expect(run.job('validate').outputs).toEqual({ passed: 'true', 'drifted-columns': '[]' });
    const digest = run.job('train').outputs['model-digest'];
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    // Nothing is in production yet: the gate checked the policy's bounds only, and passed.
    const gate = run.job('gate').step('gate');
    expect(gate.outputs).toMatchObject({ passed: 'true', verdict: 'no-baseline', report: 'gate.json', markdown: 'gate.md' });

    // The sticky comment, on the seeded pull request, by the token's identity, for this head.
    const posted = comments(pull);
    expect(posted).toHaveLength(1);
    const body = String(posted[0]?.['body']);
    expect(gate.outputs['comment-url']).toBe(posted[0]?.['html_url']);
    expect((posted[0]?.['user'] as { login: string }).login).toBe(ACTIONS_BOT.login);
    expect(body.split('\n').slice(0, 2)).toEqual([MARKER, `<!-- mlops-actions:evaluate-gate commit=${pull.headSha} -->`]);
    expect(body).toMatch(/### ✅ Model gate passed for <code>breast\\-cancer<\/code>/);
    expect(body).toContain('#### Data validation ✅ passed');

    // The candidate ml-release.yml promotes: exactly the model the gate passed, with its gate.json and profile.
    const candidate = path.join(run.artifactsDir, CANDIDATE);
    const files = [...filesOf(candidate).keys()];
    expect(files).toEqual(expect.arrayContaining(['run.json', 'gate.json', 'gate.md', 'profile.json', 'metrics.json', 'predictions.csv']));
    expect(files.some((file) => file.startsWith('model/'))).toBe(true);
    const gateJson = JSON.parse(readFileSync(path.join(candidate, 'gate.json'), 'utf8')) as { passed: boolean; candidate: { modelDigest: string } };
    expect(gateJson).toMatchObject({ passed: true, candidate: { modelDigest: digest } });
    expect(JSON.parse(readFileSync(path.join(candidate, 'run.json'), 'utf8'))).toMatchObject({ model: { digest } });
    // The shards' profiles and the train artifact are there for the later jobs, as on GitHub.
    expect(existsSync(path.join(run.artifactsDir, 'mlops-profile-shard-1', 'shard-1.profile.json'))).toBe(true);
    expect(existsSync(path.join(run.artifactsDir, 'mlops-profile-shard-2', 'shard-2.profile.json'))).toBe(true);
  }, 120_000);

  it('with a model in production, gates against it; a worse push to the same pull request fails the gate, updates the one comment and uploads no candidate', async () => {
    project = await templateProject();
    // The first model goes to production through the release template, as after a merge.
    const first = project.push(1, 'first-model', 'A first model', tinyChange);
    project.publish(await project.runPullRequest(first), first);
    project.merge(first);
    const release = await project.runRelease();
    expect(release.conclusion, summary(release)).toBe('success');
    expect((await project.registry()).stage(MODEL, 'production')?.version.version).toBe('v0.1.0');

    // A pull request as good as production passes, compared with it on the same test rows.
    const pull = project.push(2, 'tune', 'Tune the penalty', (dir) => edit(dir, 'params.yaml', /l2: 0\.0011/, 'l2: 0.0012'));
    const good = await project.runPullRequest(pull);
    expect(good.conclusion, summary(good)).toBe('success');
    expect(good.job('gate').step('gate').outputs).toMatchObject({ passed: 'true' });
    expect(good.job('gate').step('gate').outputs['verdict']).not.toBe('no-baseline');
    expect(comments(pull)).toHaveLength(1);
    const commentId = comments(pull)[0]?.['id'];
    expect(String(comments(pull)[0]?.['body'])).toContain('### ✅ Model gate passed');

    // Then 3 epochs only: the data and the training are fine, the gate is not.
    const worse = project.push(2, 'tune', 'Train for 3 epochs only', (dir) => edit(dir, 'params.yaml', /epochs: \d+/, 'epochs: 3'));
    const run = await project.runPullRequest(worse);
    expect(run.conclusion).toBe('failure');
    expect(run.jobs.map((job) => [job.name, job.result])).toEqual([
      ['Validate data (shard 1 of 2)', 'success'],
      ['Validate data (shard 2 of 2)', 'success'],
      ['Validate data (merged)', 'success'],
      ['Train the candidate', 'success'],
      ['Gate against production', 'failure'],
    ]);
    const gate = run.job('gate');
    expect(gate.step('gate').outcome).toBe('failure');
    expect(gate.step('gate').outputs).toMatchObject({ passed: 'false', verdict: 'failed' });
    // The upload step's `if: steps.gate.outputs.passed == 'true'` (and the failure before it) keep the candidate out.
    expect(gate.steps.at(-1)?.outcome).toBe('skipped');
    expect(existsSync(path.join(run.artifactsDir, CANDIDATE))).toBe(false);

    // Still one comment, the same one, now the failing report for the new head.
    const after = comments(worse);
    expect(after).toHaveLength(1);
    expect(after[0]?.['id']).toBe(commentId);
    const body = String(after[0]?.['body']);
    expect(body.split('\n').slice(0, 2)).toEqual([MARKER, `<!-- mlops-actions:evaluate-gate commit=${worse.headSha} -->`]);
    expect(body).toContain('### ❌ Model gate failed');
    // The first pull request's comment was left alone.
    expect(comments(first)).toHaveLength(1);
  }, 180_000);

  it('stops a pull request with corrupted data at validation, pointing at the row; train and gate are skipped and nothing is posted', async () => {
    project = await templateProject();
    const pull = project.push(3, 'corrupt', 'Corrupt a value', (dir) => edit(dir, 'data/breast_cancer.csv', /\n(\d+),[^,]+,/, '\n$1,-4.2,'));
    const run = await project.runPullRequest(pull);

    expect(run.conclusion).toBe('failure');
    expect(run.jobs.map((job) => [job.name, job.result])).toEqual([
      ['Validate data (shard 1 of 2)', 'failure'],
      // fail-fast: false, so the other shard still runs, and passes (the bad row is in the first half).
      ['Validate data (shard 2 of 2)', 'success'],
      ['Validate data (merged)', 'skipped'],
      ['Train the candidate', 'skipped'],
      ['Gate against production', 'skipped'],
    ]);
    const annotations = run.job('Validate data (shard 1 of 2)').steps.flatMap((step) => step.annotations);
    expect(annotations).toContainEqual(expect.objectContaining({ level: 'error', properties: expect.objectContaining({ file: 'data/breast_cancer.csv', line: '2' }) }));
    expect(comments(pull)).toHaveLength(0);
    expect(existsSync(path.join(run.artifactsDir, `mlops-train-${MODEL}`))).toBe(false);
    expect(existsSync(path.join(run.artifactsDir, CANDIDATE))).toBe(false);
  }, 120_000);
});
