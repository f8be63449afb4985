// ml-release.yml run end to end by the local executor, after a real ml-pull-request.yml run: the pull request's
// run is recorded on the fake GitHub server with exactly the artifacts it uploaded (zipped as GitHub serves them),
// the branch is merged, and the release, on the push of the merge commit, asks the API for that run, downloads its
// candidate and promotes it through staging to production in the bare remote's tags.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowRun } from '../../shared/src/local/workflow/executor';
import { writeZip } from '../harness/zip-writer';
import { edit, filesOf, MODEL, PR_WORKFLOW, remoteTags, templateProject, type TemplateProject } from './template-project';

let project: TemplateProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const CANDIDATE = `mlops-candidate-${MODEL}`;
const RELEASE_ORDER = ['find-candidate', 'staging', 'smoke-test', 'production'];

function summary(run: WorkflowRun): string {
  return run.jobs.map((job) => `${job.name}: ${job.result}${job.steps.filter((s) => s.outcome === 'failure').map((s) => ` [${s.name}: ${s.annotations.map((a) => a.message).join('; ') || s.error || s.log.slice(-300)}]`).join('')}`).join('\n');
}

describe('ml-release.yml run end to end by the local executor', () => {
  it('promotes exactly the candidate the merged head passed the gate with: staging, smoke test, production, with its provenance', async () => {
    project = await templateProject();
    const pull = project.push(1, 'first-model', 'A first model', (dir) => edit(dir, 'params.yaml', /l2: 0\.001/, 'l2: 0.0011'));
    const pr = await project.runPullRequest(pull);
    expect(pr.conclusion, summary(pr)).toBe('success');
    const gated = JSON.parse(readFileSync(path.join(pr.artifactsDir, CANDIDATE, 'gate.json'), 'utf8')) as { passed: boolean; candidate: { modelDigest: string } };
    expect(gated.passed).toBe(true);
    const digest = gated.candidate.modelDigest;
    expect(digest).toBe(pr.job('train').outputs['model-digest']);
    const recorded = project.publish(pr, pull);
    const mergeSha = project.merge(pull);

    const run = await project.runRelease();
    expect(run.conclusion, summary(run)).toBe('success');
    expect(run.event).toMatchObject({ name: 'push', sha: mergeSha, ref: 'refs/heads/main' });
    // The environment-gated jobs ran one after another, in needs order.
    expect(run.jobs.map((job) => job.id)).toEqual(RELEASE_ORDER);
    expect(run.jobs.map((job) => job.result)).toEqual(RELEASE_ORDER.map(() => 'success'));

    // find-candidate asked the API: no merge-queue run, the merged pull request of the pushed commit, its head's run.
    expect(run.job('find-candidate').outputs).toEqual({ 'run-id': String(recorded.json['id']), 'pull-request': '1' });
    const paths = project.server.calls.map((call) => `${call.path}${call.query['event'] ? `?event=${call.query['event']}&head_sha=${call.query['head_sha']}` : ''}`);
    const api = `/repos/${project.repo}`;
    expect(paths).toEqual(
      expect.arrayContaining([
        `${api}/actions/workflows/${PR_WORKFLOW}/runs?event=merge_group&head_sha=${mergeSha}`,
        `${api}/commits/${mergeSha}/pulls`,
        `${api}/actions/workflows/${PR_WORKFLOW}/runs?event=pull_request&head_sha=${pull.headSha}`,
        `${api}/actions/runs/${recorded.json['id']}/artifacts`,
      ]),
    );
    // Each job that needs the candidate downloaded the pull request run's zip (staging, smoke test, production).
    const candidateId = recorded.artifacts.find((a) => a.json['name'] === CANDIDATE)?.json['id'];
    expect(project.server.calls.filter((call) => call.path === `${api}/actions/artifacts/${candidateId}/zip`).map((call) => call.status)).toEqual([302, 302, 302]);

    // Staging registered the gated digest, and the attestation's subject is that version with that digest.
    const staging = run.job('staging');
    expect(staging.outputs).toEqual({ version: 'v0.1.0', 'model-digest': digest });
    const bundle = staging.steps.at(-1)?.outputs['bundle-path'] ?? '';
    expect(bundle).toBe(path.join(run.runDir, 'attestations', `${MODEL}@v0.1.0.intoto.json`));
    const statement = JSON.parse(readFileSync(bundle, 'utf8')) as { subject: unknown[]; predicate: { buildDefinition: { resolvedDependencies: { digest: { gitCommit: string } }[] } } };
    expect(statement.subject).toEqual([{ name: `${MODEL}@v0.1.0`, digest: { sha256: digest.slice('sha256:'.length) } }]);
    expect(statement.predicate.buildDefinition.resolvedDependencies[0]?.digest.gitCommit).toBe(mergeSha);
    expect(run.job('smoke-test').step('Score the staged model').log).toContain(`Smoke test of ${MODEL}@v0.1.0`);

    // The bare remote's tags: the version, staging, then production, all of the gated model.
    expect(remoteTags(project.scratch)).toEqual([`${MODEL}#production#2`, `${MODEL}#staging#1`, `${MODEL}@v0.1.0`]);
    const registry = await project.registry();
    const version = registry.version(MODEL, 'v0.1.0');
    expect(version?.payload?.modelDigest).toBe(digest);
    expect(version?.commit).toBe(mergeSha);
    expect(registry.stage(MODEL, 'staging')?.version.version).toBe('v0.1.0');
    expect(registry.stage(MODEL, 'production')?.version.version).toBe('v0.1.0');
    expect(registry.history(MODEL, 'staging').map((event) => event.counter)).toEqual([1]);
    expect(registry.history(MODEL, 'production').map((event) => event.counter)).toEqual([2]);
  }, 180_000);

  it('promotes nothing when the merged head has no passing candidate, saying so in one line', async () => {
    project = await templateProject();
    const pull = project.push(3, 'corrupt', 'Corrupt a value', (dir) => edit(dir, 'data/breast_cancer.csv', /\n(\d+),[^,]+,/, '\n$1,-4.2,'));
    const pr = await project.runPullRequest(pull);
    expect(pr.conclusion).toBe('failure');
    project.publish(pr, pull);
    const mergeSha = project.merge(pull);

    const run = await project.runRelease();
    const find = run.job('find-candidate').step('find');
    expect(find.outcome).toBe('success');
    expect(find.log.trim()).toBe(`No ${CANDIDATE} was gated for ${mergeSha} (no ML change, or the gate failed): nothing to promote.`);
    expect(run.job('find-candidate').outputs).toEqual({ 'run-id': '', 'pull-request': '' });
    // A push to main without a candidate is not an error (most pushes change no ML path): the promotions are skipped.
    expect(run.jobs.map((job) => [job.id, job.result])).toEqual([
      ['find-candidate', 'success'],
      ['staging', 'skipped'],
      ['smoke-test', 'skipped'],
      ['production', 'skipped'],
    ]);
    expect(run.conclusion).toBe('success');
    expect(remoteTags(project.scratch)).toEqual([]);
  }, 120_000);

  it('fails at staging, in one line, when the candidate artifact was altered after the gate (promote checks the digest)', async () => {
    project = await templateProject();
    const pull = project.push(1, 'first-model', 'A first model', (dir) => edit(dir, 'params.yaml', /l2: 0\.001/, 'l2: 0.0011'));
    const pr = await project.runPullRequest(pull);
    expect(pr.conclusion, summary(pr)).toBe('success');
    // The run as recorded, but its candidate's model changed: gate.json no longer describes it.
    const recorded = project.server.state.addWorkflowRun(project.repo, { workflow: PR_WORKFLOW, head_sha: pull.headSha, head_branch: pull.branch, event: 'pull_request' });
    const files = filesOf(path.join(pr.artifactsDir, CANDIDATE));
    const modelFile = [...files.keys()].find((file) => file.startsWith('model/')) ?? '';
    files.set(modelFile, Buffer.concat([files.get(modelFile) ?? Buffer.alloc(0), Buffer.from('\n')]));
    project.server.state.addRunArtifact(project.repo, recorded, CANDIDATE, writeZip(files));
    project.merge(pull);

    const run = await project.runRelease();
    expect(run.conclusion).toBe('failure');
    expect(run.jobs.map((job) => [job.id, job.result])).toEqual([
      ['find-candidate', 'success'],
      ['staging', 'failure'],
      ['smoke-test', 'skipped'],
      ['production', 'skipped'],
    ]);
    const promote = run.job('staging').step('promote');
    const errors = promote.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).not.toContain('\n');
    expect(errors[0]?.message).toContain(`the gate passed the model ${pr.job('train').outputs['model-digest']}, but model "model" has digest sha256:`);
    expect(existsSync(path.join(run.runDir, 'attestations'))).toBe(false);
    expect(remoteTags(project.scratch)).toEqual([]);
  }, 120_000);

  it('catches a template that lints but would break: a pull request workflow that uploads the candidate without profile.json', async () => {
    // Still valid YAML, a valid workflow and valid inputs: only running the chain shows the release cannot promote.
    project = await templateProject({ alter: (file, text) => (file === PR_WORKFLOW ? text.replace(/^\s+profile\.json\n(?=\s+metrics\.json)/m, '') : text) });
    const pull = project.push(1, 'first-model', 'A first model', (dir) => edit(dir, 'params.yaml', /l2: 0\.001/, 'l2: 0.0011'));
    const pr = await project.runPullRequest(pull);
    expect(pr.conclusion, summary(pr)).toBe('success');
    expect(filesOf(path.join(pr.artifactsDir, CANDIDATE)).has('profile.json')).toBe(false);
    project.publish(pr, pull);
    project.merge(pull);

    const run = await project.runRelease();
    expect(run.conclusion).toBe('failure');
    expect(run.job('staging').result).toBe('failure');
    expect(run.job('staging').step('promote').annotations.filter((a) => a.level === 'error').map((a) => a.message).join('\n')).toMatch(/profile\.json/);
    expect(run.job('production').result).toBe('skipped');
    expect(remoteTags(project.scratch)).toEqual([]);
  }, 120_000);
});
