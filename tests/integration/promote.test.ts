/**
 * The promote action as a user runs it: the bundle under Node 24 with the runner's protocol, a real git working
 * copy whose `origin` is a bare repository (the registry), the local artifact store, and the fake GitHub API for
 * the github-release store.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseGateReport } from '../../shared/src/gate-report';
import { readProfile } from '../../shared/src/profile';
import { GitRegistry, createGitRunner } from '../../shared/src/registry';
import { GitHubReleaseStore, LocalArtifactStore } from '../../shared/src/registry/stores';
import { createGitHubClient } from '../../shared/src/runtime/github';
import { EXAMPLE_DIR, createGitRepo, loadEvent, runAction, startGitHubServer, type ActionResult, type EventSpec, type GitRepo } from '../harness';
import { silentLogger } from '../harness/logger';

const repos: GitRepo[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.close();
});

const SILENT = silentLogger;

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

function sha256sum(file: string): string {
  return `sha256:${execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]}`;
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
    // The path in the payload is the workspace-relative one, the same on every clone.
    expect((tagMessage(r, 'churn@v0.1.0') as { artifact: { path: string } }).artifact.path).toMatch(/^store\/objects\/sha256\/[0-9a-f]{64}\//);
    expect(tagMessage(r, 'churn#staging#1')).toMatchObject({ kind: 'assignment', stage: 'staging', version: 'v0.1.0' });
    // The local store holds the model under its digest.
    const stored = path.join(r.dir, 'store', 'objects', 'sha256', digest.slice('sha256:'.length), 'model');
    expect(staging.outputs['artifact-url']).toBe(stored);
    expect(sha256sumOfFolder(stored)).toBe(digest);
    expect(JSON.parse(readFileSync(path.join(r.dir, 'store', 'models', 'churn', 'v0.1.0.json'), 'utf8'))).toMatchObject({ version: 'v0.1.0', model: { digest } });
    expect(staging.summary).toMatch(/### Promote: churn v0\\\.1\\\.0 → staging/);
    expect(staging.summary).toContain(digest.replace(':', '\\:')); // in <code>, markdown punctuation is escaped
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

  it('records the profile, the test set and the run record by digest, and stores the profile where validate-data can fetch it', async () => {
    const r = await repo();
    mkdirSync(path.join(r.dir, 'data'));
    copyFileSync(path.join(EXAMPLE_DIR, 'data', 'breast_cancer.csv'), path.join(r.dir, 'data', 'train.csv'));
    const validated = await runAction('validate-data', { cwd: r.dir, inputs: { data: 'data/*.csv', 'infer-contract': 'contract.yaml' } });
    expect(validated.exitCode, validated.stdout + validated.stderr).toBe(0);
    const trained = await runAction('train', { cwd: r.dir, inputs: { command: 'rm -rf model && mkdir model && echo trained > model/w', model: 'model', cache: 'false' }, event: loadEvent('workflow_dispatch') });
    expect(trained.exitCode, trained.stdout + trained.stderr).toBe(0);
    const digest = trained.outputs['model-digest'] as string;
    const testSetDigest = sha256sum(path.join(r.dir, 'data', 'train.csv'));
    writeFileSync(path.join(r.dir, 'gate.json'), JSON.stringify({ schemaVersion: 1, passed: true, verdict: 'improved', candidate: { modelDigest: digest, runId: 'run-1', testSetDigest } }));

    const result = await promote(r, { stage: 'staging', model: '', profile: 'profile.json' });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    const profileDigest = sha256sum(path.join(r.dir, 'profile.json'));
    expect(tagMessage(r, 'churn@v0.1.0')).toMatchObject({
      modelDigest: digest,
      testSetDigest,
      profileDigest,
      run: { runId: trained.outputs['run-id'], recordDigest: sha256sum(path.join(r.dir, 'run.json')) },
    });
    const index = JSON.parse(readFileSync(path.join(r.dir, 'store', 'models', 'churn', 'v0.1.0.json'), 'utf8')) as { extras: { name: string; digest: string }[] };
    expect(index.extras.map((e) => [e.name, e.digest])).toEqual([
      ['gate.json', sha256sum(path.join(r.dir, 'gate.json'))],
      ['run.json', sha256sum(path.join(r.dir, 'run.json'))],
      ['profile.json', profileDigest],
    ]);

    // What validate-data's `reference: production` does: resolve production, fetch the profile by its digest.
    const registry = await new GitRegistry({ git: createGitRunner(), cwd: r.dir, env: TAGGER_ENV }).read();
    const production = registry.requirePayload(registry.version('churn', 'v0.1.0') ?? expect.fail('no v0.1.0'));
    const fetched = await new LocalArtifactStore(path.join(r.dir, 'store')).getFile('churn', production.version, 'profile.json', production.profileDigest ?? '', path.join(r.dir, 'fetched'));
    expect(readFileSync(fetched)).toEqual(readFileSync(path.join(r.dir, 'profile.json')));
    await expect(readProfile(fetched, 'reference')).resolves.toMatchObject({ schemaVersion: 1 });
  });

  it('refuses a profile that is missing or is not a profile, in one line, writing nothing', async () => {
    const r = await repo();
    writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));
    expectOneLineFailure(await promote(r, { stage: 'staging', profile: 'missing.json' }), /^profile: "missing\.json" does not exist or cannot be read; give the profile\.json validate-data wrote, or leave profile empty$/);
    expectOneLineFailure(await promote(r, { stage: 'staging', profile: 'gate.json' }), /^profile: "gate\.json" /);
    writeFileSync(path.join(r.dir, 'broken.json'), '{"schemaVersion": 1,');
    expectOneLineFailure(await promote(r, { stage: 'staging', profile: 'broken.json' }), /^profile: "broken\.json" is not valid JSON/);
    expect(remoteTags(r)).toEqual([]);
    expect(existsSync(path.join(r.dir, 'store'))).toBe(false);
  });

  it('reads past tags that are not ours and a corrupt payload: bumps and counts over them, warns, and refuses to use the corrupt version', async () => {
    const r = await repo();
    const tag = (...args: string[]) => r.git('tag', ...args);
    await tag('-a', '-m', 'Release 1.2.3', 'v1.2.3');
    await tag('model-prod');
    await tag('churn#prod#7'); // lightweight: ignored, as GTO ignores it, but its N is taken
    await tag('-a', '-m', 'Registering artifact churn version v0.3.0', 'churn@v0.3.0'); // gto register's plain message
    await tag('-a', '-m', JSON.stringify({ schemaVersion: 1, model: 'churn', version: 'v0.4.0' }), 'churn@v0.4.0'); // ours, corrupt
    await r.git('push', '--quiet', '--tags', 'origin');
    const before = remoteTags(r);
    writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));

    const corrupt = await promote(r, { stage: 'staging', version: 'v0.4.0' });
    expectOneLineFailure(corrupt, /^registry tag: "churn@v0\.4\.0" /);
    const plain = await promote(r, { stage: 'staging', version: 'v0.3.0' });
    expectOneLineFailure(plain, /^registry tag "churn@v0\.3\.0" has no mlops-actions payload: its message is plain text/);
    expect(remoteTags(r)).toEqual(before);
    expect(existsSync(path.join(r.dir, 'store'))).toBe(false);

    const result = await promote(r, { stage: 'staging' });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ version: 'v0.4.1', 'stage-tag': 'churn#staging#8' });
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual([expect.stringMatching(/^registry tag: "churn@v0\.4\.0" /)]);
    expect(remoteTags(r)).toEqual([...before, 'churn#staging#8', 'churn@v0.4.1'].sort());

    // Rolling back to the corrupt version is refused in one line too.
    const back = await promote(r, { stage: 'staging', rollback: 'true', 'to-version': 'v0.4.0', model: '' });
    expectOneLineFailure(back, /^registry tag: "churn@v0\.4\.0" /);
  });

  it('a re-run completes a promotion killed after its tag was pushed, and writes no second tag', async () => {
    const r = await repo();
    const digest = sha256sumOfFolder(path.join(r.dir, 'model'));
    writeGate(r.dir, digest);
    expect((await promote(r, { stage: 'staging' })).exitCode).toBe(0);
    // As if killed after the version tag and before the store's index and the stage tag.
    rmSync(path.join(r.dir, 'store', 'models'), { recursive: true });
    execFileSync('git', ['--git-dir', r.remote, 'tag', '-d', 'churn#staging#1'], { stdio: 'ignore' });
    await r.git('tag', '-d', 'churn#staging#1');
    const rerun = await promote(r, { stage: 'staging' });
    expect(rerun.exitCode, rerun.stdout + rerun.stderr).toBe(0);
    expect(rerun.outputs).toMatchObject({ version: 'v0.1.0', 'model-digest': digest });
    expect(remoteTags(r)).toEqual([rerun.outputs['stage-tag'], 'churn@v0.1.0'].sort());
    expect(JSON.parse(readFileSync(path.join(r.dir, 'store', 'models', 'churn', 'v0.1.0.json'), 'utf8'))).toMatchObject({ model: { digest } });
    expect(rerun.summary).toContain('registered before');
  });

  it('refuses bad input in one line naming the input, writing nothing', async () => {
    const r = await repo();
    writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'model-name': '', stage: 'staging' }, /^model-name: /],
      [{ 'model-name': 'my model', stage: 'staging' }, /^model-name: "my model" /],
      [{ stage: '' }, /^stage: /],
      [{ stage: '-prod' }, /^stage: "-prod" /],
      [{ stage: 'staging', version: '1.0' }, /^version: "1\.0" /],
      [{ stage: 'staging', bump: 'huge' }, /^bump: "huge" is not a bump; expected patch, minor or major$/],
      [{ stage: 'staging', version: 'v1.0.0', bump: 'minor' }, /^version and bump: give one of them, not both/],
      [{ stage: 'staging', 'artifact-store': 's3://bucket' }, /^artifact-store: "s3:\/\/bucket" is not an artifact store; expected `github-release` or `local:<dir>`$/],
      [{ stage: 'staging', 'to-version': 'v1.0.0' }, /^to-version: "v1\.0\.0" is only read with rollback: true/],
      [{ stage: 'production', 'require-stage': 'production' }, /^require-stage: "production" is the stage being assigned/],
      [{ stage: 'staging', rollback: 'yes please' }, /^rollback: /],
      [{ stage: 'staging', rollback: 'true', version: 'v1.0.0' }, /^rollback: a rollback registers nothing, so version cannot be given/],
      [{ stage: 'staging', model: 'no-such-model' }, /^model: "no-such-model" does not exist$/],
      [{ stage: 'staging', model: '', 'run-record': 'missing.json' }, /^run-record: /],
    ];
    for (const [inputs, message] of cases) {
      const result = await promote(r, inputs);
      expectOneLineFailure(result, message);
    }
    expect(remoteTags(r)).toEqual([]);
    expect(existsSync(path.join(r.dir, 'store'))).toBe(false);
    expect(existsSync(path.join(r.dir, '.mlops'))).toBe(false);
  });

  it('stores the model as a GitHub release with the token, masked', async () => {
    const server = await startGitHubServer();
    try {
      const r = await repo();
      writeGate(r.dir, sha256sumOfFolder(path.join(r.dir, 'model')));
      mkdirSync(path.join(r.dir, 'data'));
      copyFileSync(path.join(EXAMPLE_DIR, 'data', 'breast_cancer.csv'), path.join(r.dir, 'data', 'train.csv'));
      expect((await runAction('validate-data', { cwd: r.dir, inputs: { data: 'data/*.csv', 'infer-contract': 'contract.yaml' } })).exitCode).toBe(0);
      const token = 'ghs_promoteTestToken0000000000000000000';
      const result = await promote(r, { stage: 'staging', 'artifact-store': 'github-release', 'github-token': token, profile: 'profile.json' }, loadEvent('workflow_dispatch'), { GITHUB_API_URL: server.apiUrl });
      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.masks).toContain(token);
      // The registry remote is a local path: git gets no token for it (only an https remote on GITHUB_SERVER_URL does).
      expect(result.stdout).not.toContain('with the github-token input');
      expect(result.masks).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
      expect(result.outputs['artifact-url']).toMatch(/releases\/tag\/churn%40v0\.1\.0$/);
      const releases = server.state.releases('octo-org/octo-repo');
      expect(releases.map((rel) => rel.json['tag_name'])).toEqual(['churn@v0.1.0']);
      expect(releases[0]?.assets.map((a) => a.json['name']).sort()).toEqual(['churn-v0.1.0.tar.gz', 'gate.json', 'profile.json']);
      const profileDigest = sha256sum(path.join(r.dir, 'profile.json'));
      expect(releases[0]?.assets.find((a) => a.json['name'] === 'profile.json')?.json['label']).toBe(profileDigest);
      expect(tagMessage(r, 'churn@v0.1.0')).toMatchObject({ profileDigest, artifact: { store: 'github-release', url: 'https://github.com/octo-org/octo-repo/releases/tag/churn%40v0.1.0' } });
      // Fetched back from the release by the digest the payload names, as validate-data's reference: production does.
      const client = createGitHubClient(token, { apiUrl: server.apiUrl, logger: SILENT, retries: 0 });
      const fetched = await new GitHubReleaseStore({ client, owner: 'octo-org', repo: 'octo-repo', tempDir: r.dir }).getFile('churn', 'v0.1.0', 'profile.json', profileDigest, path.join(r.dir, 'fetched'));
      expect(readFileSync(fetched)).toEqual(readFileSync(path.join(r.dir, 'profile.json')));
    } finally {
      await server.close();
    }
  });
});
