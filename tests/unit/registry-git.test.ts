import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, ServiceError } from '../../shared/src/errors';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { digestPath } from '../../shared/src/hashing/digest';
import { createGitRunner, listAnnotatedTags, listTags } from '../../shared/src/registry/git';
import { LocalArtifactStore } from '../../shared/src/registry/stores';
import { bumpVersion, compareVersions } from '../../shared/src/registry/tags';
import { GitRegistry } from '../../shared/src/registry/client';
import type { RegistryPayload } from '../../shared/src/registry/registry';
import { GIT_IDENTITY, createGitRepo, type GitRepo } from '../harness/git-repo';

const execFileAsync = promisify(execFile);
const ENV = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LANG: 'C' };
const TAGGER = { name: 'Promote Bot', email: 'bot@example.com' };
const git = createGitRunner();

function payload(model: string, version: string, commit: string, digestChar = 'a'): RegistryPayload {
  return {
    schemaVersion: 1,
    model,
    version,
    modelDigest: `sha256:${digestChar.repeat(64)}`,
    metrics: { accuracy: 0.91, 'f1.macro': 0.88 },
    testSetDigest: `sha256:${'b'.repeat(64)}`,
    profileDigest: null,
    run: { runId: 'run-42', gitSha: commit },
    artifact: { store: 'local', path: `.registry/${version}` },
    commit,
    workflowRunUrl: 'https://github.com/o/r/actions/runs/1',
  };
}

let repos: GitRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.map((r) => r.close()));
  repos = [];
});

async function setup(): Promise<{ repo: GitRepo; registry: GitRegistry; commit: string }> {
  const repo = await createGitRepo({ files: { 'README.md': 'model\n' } });
  repos.push(repo);
  const commit = (await repo.git('rev-parse', 'HEAD')).trim();
  return { repo, commit, registry: new GitRegistry({ git, cwd: repo.dir, env: ENV, tagger: TAGGER }) };
}

async function clone(repo: GitRepo, name: string): Promise<string> {
  const dir = path.join(path.dirname(repo.remote), name);
  await execFileAsync('git', ['clone', '--quiet', repo.remote, dir], { env: { ...process.env, ...ENV } });
  return dir;
}

describe('git: listing tags', () => {
  it('lists annotated tags with tagger, message and commit; lightweight ones only in listTags', async () => {
    const { repo, commit } = await setup();
    await repo.git('tag', '-a', '-m', 'first\n\nsecond paragraph', 'm#prod#1', commit);
    await repo.git('tag', 'm#prod#2', commit);
    const options = { git, cwd: repo.dir, env: ENV };
    const all = await listTags(options, 'refs/tags/');
    expect(all.map((t) => [t.name, t.objectType])).toEqual([
      ['m#prod#1', 'tag'],
      ['m#prod#2', 'commit'],
    ]);
    const [annotated, ...rest] = await listAnnotatedTags(options, 'refs/tags/');
    expect(rest).toEqual([]);
    expect(annotated).toMatchObject({ name: 'm#prod#1', commit, message: 'first\n\nsecond paragraph\n', tagger: { name: GIT_IDENTITY.name, email: GIT_IDENTITY.email } });
    expect(annotated?.tagger.date).toBeInstanceOf(Date);
  });
});

describe('GitRegistry', () => {
  it('registers, assigns, reads back from another clone, and is idempotent for the same digest', async () => {
    const { repo, registry, commit } = await setup();
    const first = await registry.registerVersion('churn', 'v1.0.0', payload('churn', 'v1.0.0', commit), commit);
    expect(first).toMatchObject({ tag: 'churn@v1.0.0', created: true });
    const again = await registry.registerVersion('churn', 'v1.0.0', payload('churn', 'v1.0.0', commit), commit);
    expect(again).toMatchObject({ created: false });
    await expect(registry.registerVersion('churn', 'v1.0.0', payload('churn', 'v1.0.0', commit, 'c'), commit)).rejects.toThrow(
      `version "v1.0.0" of model "churn" is already registered (tag "churn@v1.0.0") with model digest sha256:${'a'.repeat(64)}, not sha256:${'c'.repeat(64)}: choose another version or bump`,
    );
    const staging = await registry.assignStage('churn', 'staging', 'v1.0.0');
    expect(staging).toMatchObject({ tag: 'churn#staging#1', counter: 1 });
    expect(staging.previousVersion).toBeUndefined();
    const commit2 = await repo.commit('second', { 'model.txt': '2' });
    await repo.push();
    await registry.registerVersion('churn', 'v1.1.0', payload('churn', 'v1.1.0', commit2, 'd'), commit2);
    await registry.assignStage('churn', 'prod', 'v1.0.0');
    const prod2 = await registry.assignStage('churn', 'prod', 'v1.1.0');
    expect(prod2).toMatchObject({ tag: 'churn#prod#3', previousVersion: 'v1.0.0' });
    const rollback = await registry.assignStage('churn', 'prod', 'v1.0.0', 'rollback: accuracy fell');
    expect(rollback).toMatchObject({ tag: 'churn#prod#4', previousVersion: 'v1.1.0' });

    const other = new GitRegistry({ git, cwd: await clone(repo, 'reader'), env: ENV });
    const read = await other.read();
    expect(read.problems).toEqual([]);
    expect(read.latestVersion('churn')?.version).toBe('v1.1.0');
    expect(read.stage('churn', 'prod')?.version.payload?.modelDigest).toBe(`sha256:${'a'.repeat(64)}`);
    expect(read.stage('churn', 'staging')?.version.version).toBe('v1.0.0');
    expect(read.history('churn', 'prod').map((e) => [e.tag, e.version, e.by.email, e.reason])).toEqual([
      ['churn#prod#2', 'v1.0.0', 'bot@example.com', undefined],
      ['churn#prod#3', 'v1.1.0', 'bot@example.com', undefined],
      ['churn#prod#4', 'v1.0.0', 'bot@example.com', 'rollback: accuracy fell'],
    ]);
  });

  it('refuses bad input in one line and writes nothing', async () => {
    const { repo, registry, commit } = await setup();
    await expect(registry.assignStage('churn', 'prod', 'v9.9.9')).rejects.toThrow('version "v9.9.9" of model "churn" is not registered on "origin": expected one of (none yet)');
    await expect(registry.registerVersion('churn', 'v1.0.0', { ...payload('churn', 'v1.0.0', commit), modelDigest: 'oops' }, commit)).rejects.toThrow(
      /^registry payload: "churn@v1.0.0" field "\/modelDigest" must match pattern/,
    );
    await expect(registry.registerVersion('churn', 'v1.0.0', payload('other', 'v1.0.0', commit), commit)).rejects.toThrow(ConfigurationError);
    await expect(registry.registerVersion('churn', '1.0.0', payload('churn', '1.0.0', commit), commit)).rejects.toThrow(/expected 'v' and a SemVer version/);
    expect((await repo.git('ls-remote', '--tags', 'origin')).trim()).toBe('');
  });

  it('reads the remote as it is: a tag deleted there disappears from the mirror; the user\'s local tags are untouched', async () => {
    const { repo, registry, commit } = await setup();
    await registry.registerVersion('m', 'v1.0.0', payload('m', 'v1.0.0', commit), commit);
    await repo.git('tag', 'my-local-marker');
    await repo.git('push', '--quiet', 'origin', ':refs/tags/m@v1.0.0');
    const read = await registry.read();
    expect(read.versions('m')).toEqual([]);
    expect(await repo.git('tag', '--list')).toContain('my-local-marker');
  });

  it('reads from a shallow clone (a runner\'s default checkout) whose history lacks the tagged commits', async () => {
    const { repo, registry, commit } = await setup();
    await registry.registerVersion('m', 'v1.0.0', payload('m', 'v1.0.0', commit), commit);
    await registry.assignStage('m', 'prod', 'v1.0.0');
    for (let i = 0; i < 3; i++) await repo.commit(`later ${i}`, { 'f.txt': String(i) });
    await repo.push();
    const dir = path.join(path.dirname(repo.remote), 'shallow');
    await execFileAsync('git', ['clone', '--quiet', '--depth', '1', '--no-tags', `file://${repo.remote}`, dir], { env: { ...process.env, ...ENV } });
    const shallow = new GitRegistry({ git, cwd: dir, env: ENV, tagger: TAGGER });
    expect((await shallow.read()).stage('m', 'prod')?.version.version).toBe('v1.0.0');
    expect(await shallow.assignStage('m', 'staging', 'v1.0.0')).toMatchObject({ tag: 'm#staging#2' });
  });

  it('a remote that cannot be reached is a one-line ServiceError naming it', async () => {
    const { repo } = await setup();
    const missing = path.join(path.dirname(repo.remote), 'missing.git');
    const registry = new GitRegistry({ git, cwd: repo.dir, env: ENV, remote: missing });
    const error = await registry.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toMatch(/^registry: cannot fetch the tags of ".*missing\.git": fatal: .*$/);
  });

  it('reports a corrupt payload naming the tag, and a GTO plain message as text', async () => {
    const { repo, registry, commit } = await setup();
    const tagAs = (name: string, message: string) => repo.git('tag', '-a', '-m', message, name, commit);
    await tagAs('m@v1.0.0', '{"schemaVersion": 1, "model": "m"}');
    await tagAs('m@v1.0.1', 'Registering artifact m version v1.0.1');
    await repo.push();
    const read = await registry.read();
    expect(read.problems).toEqual([{ tag: 'm@v1.0.0', message: 'registry tag: "m@v1.0.0" the document lacks the required field "version"' }]);
    expect(read.version('m', 'v1.0.1')?.message).toBe('Registering artifact m version v1.0.1\n');
  });
});

describe('races', () => {
  it('20 concurrent assignments from 20 clones: #1..#20 each exactly once', async () => {
    const { repo, registry, commit } = await setup();
    await registry.registerVersion('m', 'v1.0.0', payload('m', 'v1.0.0', commit), commit);
    const dirs = await Promise.all(Array.from({ length: 20 }, (_, i) => clone(repo, `clone-${i}`)));
    const results = await Promise.all(
      dirs.map((cwd, i) => new GitRegistry({ git, cwd, env: ENV, tagger: { name: `runner ${i}`, email: `r${i}@example.com` } }).assignStage('m', 'prod', 'v1.0.0', `run ${i}`)),
    );
    const counters = results.map((r) => r.counter).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const remoteTags = (await repo.git('ls-remote', '--tags', '--refs', 'origin')).trim().split('\n').map((line) => line.split('\t')[1]);
    expect(remoteTags.filter((t) => t?.includes('#prod#')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `refs/tags/m#prod#${i + 1}`).sort());
    const history = (await registry.read()).history('m', 'prod');
    expect(new Set(history.map((e) => e.reason)).size).toBe(20);
  });

  it('20 concurrent bumping registrations into one local store: v1.0.0…v1.0.19 once each, every index its own tag\'s model', async () => {
    // The order promote uses: content-addressed objects (they name no version), then the version tag, then the
    // store's index of that version. A loser of the race re-reads and takes the next version.
    const { repo, commit } = await setup();
    const storeDir = path.join(path.dirname(repo.remote), 'store');
    const dirs = await Promise.all(Array.from({ length: 20 }, (_, i) => clone(repo, `bump-${i}`)));
    const results = await Promise.all(
      dirs.map(async (cwd, i) => {
        const modelPath = path.join(cwd, 'model.bin');
        await writeFile(modelPath, `model ${i}\n`);
        const digest = await digestPath(modelPath);
        const store = new LocalArtifactStore(storeDir);
        const prepared = await store.prepare({ name: 'm', version: 'v0.0.0', path: modelPath, digest }, []);
        const registry = new GitRegistry({ git, cwd, env: ENV, tagger: TAGGER });
        const registered = await registry.registerNextVersion(
          'm',
          (current) => {
            const latest = current.versions('m', { includeDeregistered: true })[0]?.version;
            return latest ? bumpVersion(latest, 'patch') : 'v1.0.0';
          },
          (version) => ({ ...payload('m', version, commit), modelDigest: digest, artifact: { store: 'local', path: prepared.location } }),
          commit,
        );
        await store.put({ name: 'm', version: registered.version, path: modelPath, digest }, []);
        return { ...registered, digest };
      }),
    );
    expect(results.map((r) => r.version).sort(compareVersions)).toEqual(Array.from({ length: 20 }, (_, i) => `v1.0.${i}`).sort(compareVersions));
    expect(results.every((r) => r.created)).toBe(true);
    const read = await new GitRegistry({ git, cwd: repo.dir, env: ENV }).read();
    expect(read.versions('m')).toHaveLength(20);
    for (const result of results) {
      expect(read.version('m', result.version)?.payload?.modelDigest).toBe(result.digest);
      const index = JSON.parse(await readFile(path.join(storeDir, 'models', 'm', `${result.version}.json`), 'utf8')) as { model: { digest: string } };
      expect(index.model.digest).toBe(result.digest);
    }
    expect((await readdir(path.join(storeDir, 'models', 'm'))).sort()).toEqual(results.map((r) => `${r.version}.json`).sort());
  });

  it('2 concurrent registrations of one version with different digests: one wins, the other gets a clear error', async () => {
    const { repo, commit } = await setup();
    const dirs = await Promise.all([clone(repo, 'a'), clone(repo, 'b')]);
    const outcomes = await Promise.allSettled(
      dirs.map((cwd, i) => new GitRegistry({ git, cwd, env: ENV, tagger: TAGGER }).registerVersion('m', 'v1.0.0', payload('m', 'v1.0.0', commit, i === 0 ? 'a' : 'c'), commit)),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ConfigurationError);
    expect(String((lost[0]?.reason as Error).message)).toMatch(/^version "v1.0.0" of model "m" is already registered \(tag "m@v1.0.0"\) with model digest sha256:[ac]{64}, not sha256:[ac]{64}: choose another version or bump$/);
  });
});
