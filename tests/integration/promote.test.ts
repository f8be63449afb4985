/**
 * The promote action as a user runs it: the bundle under Node 24 with the runner's protocol, a real git working
 * copy whose `origin` is a bare repository (the registry), the local artifact store, and the fake GitHub API for
 * the github-release store.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGateReport } from '../../shared/src/gate-report';
import { createGitRepo, loadEvent, runAction, startGitHubServer, type ActionResult, type EventSpec, type GitRepo } from '../harness';

const repos: GitRepo[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.close();
});

const TAGGER_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Promoter',
  GIT_AUTHOR_EMAIL: 'promoter@example.com',
  GIT_COMMITTER_NAME: 'Promoter',
  GIT_COMMITTER_EMAIL: 'promoter@example.com',
};

async function repo(): Promise<GitRepo> {
  const created = await createGitRepo({ files: { 'model/weights.bin': 'weights v1\n', 'model/config.json': '{"layers": 2}\n', 'README.md': '# project\n' } });
  repos.push(created);
  return created;
}

function sha256sumOfFolder(folder: string): string {
  const script = "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum | cut -d' ' -f1";
  return `sha256:${execFileSync('bash', ['-c', script], { cwd: folder, encoding: 'utf8' }).trim()}`;
}

function writeGate(dir: string, digest: string, passed = true, file = 'gate.json'): void {
  const gate = { schemaVersion: 1, passed, verdict: passed ? 'improved' : 'regressed', model: 'churn', candidate: { modelDigest: digest, runId: 'run-1' } };
  writeFileSync(path.join(dir, file), JSON.stringify(gate, null, 2));
}

function remoteTags(r: GitRepo): string[] {
  const out = execFileSync('git', ['ls-remote', '--tags', '--refs', r.remote], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((line) => line.split('\t')[1]?.replace('refs/tags/', '') ?? '').sort();
}

function promote(r: GitRepo, inputs: Record<string, string>, event: EventSpec = loadEvent('workflow_dispatch'), env: Record<string, string> = {}): Promise<ActionResult> {
  return runAction('promote', { cwd: r.dir, inputs: { 'model-name': 'churn', 'artifact-store': 'local:store', model: 'model', ...inputs }, event, env: { ...TAGGER_ENV, ...env } });
}

function errors(result: ActionResult): string[] {
  return result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
}

function expectOneLineFailure(result: ActionResult, message: RegExp): void {
  expect(result.exitCode, result.stdout + result.stderr).toBe(1);
  expect(errors(result)).toHaveLength(1);
  expect(errors(result)[0]).toMatch(message);
  expect(errors(result)[0]).not.toMatch(/\n/);
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

function tagMessage(r: GitRepo, tag: string): unknown {
  const text = execFileSync('git', ['--git-dir', r.remote, 'tag', '-l', '--format=%(contents)', tag], { encoding: 'utf8' });
  return JSON.parse(text);
}

describe('promote', () => {
  it('registers v0.1.0, assigns staging, stores the model under its digest, then production from staging', async () => {
    const r = await repo();
    const digest = sha256sumOfFolder(path.join(r.dir, 'model'));
    writeGate(r.dir, digest);

    const staging = await promote(r, { stage: 'staging' });
    expect(staging.exitCode, staging.stdout + staging.stderr).toBe(0);
    expect(staging.outputs).toMatchObject({ version: 'v0.1.0', tag: 'churn@v0.1.0', 'stage-tag': 'churn#staging#1', 'previous-version': '', 'model-digest': digest });
    expect(remoteTags(r)).toEqual(['churn#staging#1', 'churn@v0.1.0']);
    const head = (await r.git('rev-parse', 'HEAD')).trim();
    expect(tagMessage(r, 'churn@v0.1.0')).toMatchObject({ schemaVersion: 1, model: 'churn', version: 'v0.1.0', modelDigest: digest, commit: head, run: { runId: 'run-1' }, artifact: { store: 'local' } });
    expect(tagMessage(r, 'churn#staging#1')).toMatchObject({ kind: 'assignment', stage: 'staging', version: 'v0.1.0' });
    // The local store holds the model under its digest.
    const stored = path.join(r.dir, 'store', 'objects', 'sha256', digest.slice('sha256:'.length), 'model');
    expect(staging.outputs['artifact-url']).toBe(stored);
    expect(sha256sumOfFolder(stored)).toBe(digest);
    expect(JSON.parse(readFileSync(path.join(r.dir, 'store', 'models', 'churn', 'v0.1.0.json'), 'utf8'))).toMatchObject({ version: 'v0.1.0', model: { digest } });
    expect(staging.summary).toMatch(/### Promote: churn v0\\\.1\\\.0 → staging/);
    expect(staging.summary).toContain(digest);
    expect(staging.summary).toContain('https://github.com/octo-org/octo-repo/actions/runs/1658821493');

    const production = await promote(r, { stage: 'production', 'require-stage': 'staging' });
    expect(production.exitCode, production.stdout + production.stderr).toBe(0);
    expect(production.outputs).toMatchObject({ version: 'v0.1.0', 'stage-tag': 'churn#production#2', 'previous-version': '' });
    expect(remoteTags(r)).toEqual(['churn#production#2', 'churn#staging#1', 'churn@v0.1.0']);

    // A re-run writes nothing new and gives the same outputs.
    const again = await promote(r, { stage: 'production', 'require-stage': 'staging' });
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    expect(again.outputs).toMatchObject({ version: 'v0.1.0', 'stage-tag': 'churn#production#2', 'model-digest': digest });
    expect(remoteTags(r)).toEqual(['churn#production#2', 'churn#staging#1', 'churn@v0.1.0']);
  });

  it('reads the digest from the run record when model is not given, and refuses production before staging', async () => {
    const r = await repo();
    const trained = await runAction('train', { cwd: r.dir, inputs: { command: 'rm -rf model && mkdir model && echo trained > model/w', model: 'model', cache: 'false' }, event: loadEvent('workflow_dispatch') });
    expect(trained.exitCode, trained.stdout + trained.stderr).toBe(0);
    const digest = trained.outputs['model-digest'] as string;
    writeGate(r.dir, digest);

    const refused = await promote(r, { stage: 'production', 'require-stage': 'staging', model: '' });
    expectOneLineFailure(refused, /^require-stage: churn@v0\.1\.0 is not in "staging" now \(no version is\)/);
    expect(remoteTags(r)).toEqual([]);

    const result = await promote(r, { stage: 'staging', model: '', 'run-record': 'run.json' });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs['model-digest']).toBe(digest);
    expect(tagMessage(r, 'churn@v0.1.0')).toMatchObject({ run: { runId: trained.outputs['run-id'] } });
  });

  it('refuses a model whose digest is not the one the gate passed, writing nothing', async () => {
    const r = await repo();
    writeGate(r.dir, `sha256:${'0'.repeat(64)}`);
    const result = await promote(r, { stage: 'staging' });
    expectOneLineFailure(result, /^gate-report: the gate passed the model sha256:0{64}, but model "model" has digest sha256:[0-9a-f]{64}; promote only the exact artifact/);
    expect(remoteTags(r)).toEqual([]);
    expect(existsSync(path.join(r.dir, 'store'))).toBe(false);
  });

  it('refuses a model that failed the gate, writing nothing', async () => {
    const r = await repo();
    writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')), false);
    const result = await promote(r, { stage: 'staging' });
    expectOneLineFailure(result, /^gate-report: the model did not pass the gate \(verdict "regressed" in "gate\.json"\)/);
    expect(remoteTags(r)).toEqual([]);
    expect(existsSync(path.join(r.dir, 'store'))).toBe(false);
  });

  it('refuses a pull_request event, a push to another branch and a tag push, each in one line, writing nothing', async () => {
    const r = await repo();
    writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));
    const pr = await promote(r, { stage: 'staging' }, loadEvent('pull_request.synchronize'));
    expectOneLineFailure(pr, /^promote: refusing to write the registry on a "pull_request" event; promote runs on a push to the default branch, workflow_dispatch, release or deployment \(promote a pull request's model after the merge\)$/);
    const opened = await promote(r, { stage: 'staging' }, loadEvent('pull_request.opened'));
    expectOneLineFailure(opened, /^promote: refusing to write the registry on a "pull_request" event/);
    const branch = await promote(r, { stage: 'staging' }, loadEvent('push', { ref: 'refs/heads/feature' }));
    expectOneLineFailure(branch, /^promote: this push is to "refs\/heads\/feature", not to the default branch "master"; promote runs on a push to the default branch, workflow_dispatch, release or deployment$/);
    const tagPush = await promote(r, { stage: 'staging' }, loadEvent('push', { ref: 'refs/tags/v1.0.0' }));
    expectOneLineFailure(tagPush, /^promote: this push is to "refs\/tags\/v1\.0\.0", not to the default branch "master"/);
    // Refused before anything is read or written: no tag, no store, no mirror of the remote's tags.
    expect(remoteTags(r)).toEqual([]);
    expect(existsSync(path.join(r.dir, 'store'))).toBe(false);
    expect((await r.git('for-each-ref', 'refs/registry-mirror')).trim()).toBe('');
  });

  it('accepts a push to the default branch, workflow_dispatch, release and deployment events (real payloads)', async () => {
    const r = await repo();
    writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));
    const events: [string, EventSpec][] = [
      ['push', loadEvent('push')],
      ['workflow_dispatch', loadEvent('workflow_dispatch')],
      ['release', loadEvent('release.published')],
      ['deployment', loadEvent('deployment.created')],
    ];
    const stages = ['dev', 'staging', 'canary', 'production'];
    for (const [i, [name, event]] of events.entries()) {
      expect(event.name).toBe(name);
      const result = await promote(r, { stage: stages[i] ?? 'x' }, event);
      expect(result.exitCode, `${name}: ${result.stdout}${result.stderr}`).toBe(0);
      expect(result.outputs).toMatchObject({ version: 'v0.1.0', 'stage-tag': `churn#${stages[i]}#${i + 1}` });
    }
    expect(remoteTags(r)).toEqual(['churn#canary#3', 'churn#dev#1', 'churn#production#4', 'churn#staging#2', 'churn@v0.1.0']);
  });

  it('refuses a bad gate report in one line naming the input', async () => {
    const r = await repo();
    writeFileSync(path.join(r.dir, 'gate.json'), JSON.stringify({ schemaVersion: 1, passed: 'yes', verdict: 'improved', candidate: { modelDigest: 'sha256:x', runId: 'r' } }));
    expectOneLineFailure(await promote(r, { stage: 'staging' }), /^gate-report: "gate\.json" field "\/passed"/);
    expectOneLineFailure(await promote(r, { stage: 'staging', 'gate-report': 'missing.json' }), /^gate-report: the gate report "missing\.json" does not exist/);
    expect(remoteTags(r)).toEqual([]);
    expect(() => parseGateReport('{', 'gate.json')).toThrow(/^gate-report: the gate report "gate\.json" is not valid JSON/);
  });

  it('bumps from the latest version, refuses a taken version with another digest, and rolls back', async () => {
    const r = await repo();
    writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));
    expect((await promote(r, { stage: 'production', version: 'v1.0.0' })).outputs['version']).toBe('v1.0.0');

    await r.commit('Retrain', { 'model/weights.bin': 'weights v2\n' });
    const digest2 = sha256sumOfFolder(path.join(r.dir, 'model'));
    writeGate(r.dir, digest2);
    const taken = await promote(r, { stage: 'production', version: 'v1.0.0' });
    expectOneLineFailure(taken, /^version: churn@v1\.0\.0 is already registered with model digest sha256:[0-9a-f]{64}, not sha256:[0-9a-f]{64}; choose another version or bump/);
    const tagsBefore = remoteTags(r);

    const bumped = await promote(r, { stage: 'production', bump: 'minor' });
    expect(bumped.exitCode, bumped.stdout + bumped.stderr).toBe(0);
    expect(bumped.outputs).toMatchObject({ version: 'v1.1.0', 'previous-version': 'v1.0.0', 'model-digest': digest2 });
    expect(remoteTags(r)).toEqual([...tagsBefore, 'churn#production#2', 'churn@v1.1.0'].sort());

    // A re-run with bump finds the version already holding this digest instead of registering v1.2.0.
    const rerun = await promote(r, { stage: 'production', bump: 'minor' });
    expect(rerun.outputs['version']).toBe('v1.1.0');
    expect(remoteTags(r)).toEqual([...tagsBefore, 'churn#production#2', 'churn@v1.1.0'].sort());

    const back = await promote(r, { stage: 'production', rollback: 'true', model: '' });
    expect(back.exitCode, back.stdout + back.stderr).toBe(0);
    expect(back.outputs).toMatchObject({ version: 'v1.0.0', 'stage-tag': 'churn#production#3', 'previous-version': 'v1.1.0' });
    expect(tagMessage(r, 'churn#production#3')).toMatchObject({ version: 'v1.0.0', reason: expect.stringMatching(/^rollback of production from v1\.1\.0 to v1\.0\.0/) });
    expect(back.summary).toMatch(/### Rollback/);

    const forward = await promote(r, { stage: 'production', rollback: 'true', 'to-version': 'v1.1.0', model: '' });
    expect(forward.outputs).toMatchObject({ version: 'v1.1.0', 'stage-tag': 'churn#production#4', 'previous-version': 'v1.0.0' });
    const nothing = await promote(r, { stage: 'staging', rollback: 'true', model: '' });
    expectOneLineFailure(nothing, /^rollback: no version of "churn" is in "staging"/);
  });

  it('stores the model as a GitHub release with the token, masked', async () => {
    const server = await startGitHubServer();
    try {
      const r = await repo();
      writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));
      const token = 'ghs_promoteTestToken0000000000000000000';
      const result = await promote(r, { stage: 'staging', 'artifact-store': 'github-release', 'github-token': token }, loadEvent('workflow_dispatch'), { GITHUB_API_URL: server.apiUrl });
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.masks).toContain(token);
      expect(result.outputs['artifact-url']).toMatch(/releases\/tag\/churn%40v0\.1\.0$/);
      const releases = server.state.releases('octo-org/octo-repo');
      expect(releases.map((rel) => rel.json['tag_name'])).toEqual(['churn@v0.1.0']);
      expect(releases[0]?.assets.map((a) => a.json['name']).sort()).toEqual(['churn-v0.1.0.tar.gz', 'gate.json']);
      expect(tagMessage(r, 'churn@v0.1.0')).toMatchObject({ artifact: { store: 'github-release', url: 'https://github.com/octo-org/octo-repo/releases/tag/churn%40v0.1.0' } });
    } finally {
      await server.close();
    }
  });
});
