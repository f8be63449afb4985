/**
 * Promotions racing for the same next version, as concurrent workflow runs do: several bundles, each in its own
 * clone of one bare remote with a different model, all bumping from the same registry into one local store. No
 * version may be lost or doubled, and no promotion may leave its model under a version it did not win.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitRepo, loadEvent, runAction, type GitRepo } from '../harness';

const execFileAsync = promisify(execFile);
const repos: GitRepo[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.close();
});

const ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_COMMITTER_NAME: 'Promoter',
  GIT_COMMITTER_EMAIL: 'promoter@example.com',
};

function sha256sumOfFolder(folder: string): string {
  const script = "find . -type f | sed 's|^\\./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum | cut -d' ' -f1";
  return `sha256:${execFileSync('bash', ['-c', script], { cwd: folder, encoding: 'utf8' }).trim()}`;
}

function tagPayload(remote: string, tag: string): { modelDigest: string; version: string; artifact: { path: string } } {
  return JSON.parse(execFileSync('git', ['--git-dir', remote, 'tag', '-l', '--format=%(contents)', tag], { encoding: 'utf8' })) as never;
}

describe('promote: racing promotions', () => {
  it('8 concurrent bumps from 8 clones register v0.1.0…v0.1.7 once each, and the store holds each version\'s own model', async () => {
    const repo = await createGitRepo({ files: { 'README.md': '# project\n' } });
    repos.push(repo);
    const store = path.join(path.dirname(repo.remote), 'shared-store');
    const runs = 8;
    const clones: { dir: string; digest: string }[] = [];
    for (let i = 0; i < runs; i++) {
      const dir = path.join(path.dirname(repo.remote), `runner-${i}`);
      await execFileAsync('git', ['clone', '--quiet', repo.remote, dir], { env: { ...process.env, ...ENV } });
      mkdirSync(path.join(dir, 'model'));
      writeFileSync(path.join(dir, 'model', 'weights.bin'), `weights of run ${i}\n`);
      const digest = sha256sumOfFolder(path.join(dir, 'model'));
      writeFileSync(path.join(dir, 'gate.json'), JSON.stringify({ schemaVersion: 1, passed: true, verdict: 'improved', candidate: { modelDigest: digest, runId: `run-${i}` } }));
      clones.push({ dir, digest });
    }

    const results = await Promise.all(
      clones.map(({ dir }) =>
        runAction('promote', { cwd: dir, inputs: { 'model-name': 'churn', stage: 'staging', model: 'model', 'artifact-store': `local:${store}` }, event: loadEvent('workflow_dispatch'), env: ENV }),
      ),
    );
    for (const result of results) expect(result.exitCode, result.stdout + result.stderr).toBe(0);

    // Every run got its own version; together they are v0.1.0…v0.1.7, each registered once, with that run's model.
    const versions = results.map((r) => r.outputs['version']);
    expect([...versions].sort()).toEqual(Array.from({ length: runs }, (_, i) => `v0.1.${i}`));
    results.forEach((result, i) => expect(result.outputs['model-digest']).toBe(clones[i]?.digest));
    const tags = execFileSync('git', ['ls-remote', '--tags', '--refs', repo.remote], { encoding: 'utf8' }).trim().split('\n').map((line) => line.split('\t')[1]?.replace('refs/tags/', ''));
    expect(tags.filter((t) => t?.startsWith('churn@')).sort()).toEqual(Array.from({ length: runs }, (_, i) => `churn@v0.1.${i}`));
    expect(tags.filter((t) => t?.includes('#staging#')).sort()).toEqual(Array.from({ length: runs }, (_, i) => `churn#staging#${i + 1}`).sort());

    // The store: exactly one index per registered version, naming the digest its tag names; and every stored
    // object is the bytes of its digest. A loser of the race left nothing under the winner's version.
    const indexes = readdirSync(path.join(store, 'models', 'churn')).sort();
    expect(indexes).toEqual(Array.from({ length: runs }, (_, i) => `v0.1.${i}.json`));
    for (let i = 0; i < runs; i++) {
      const version = `v0.1.${i}`;
      const payload = tagPayload(repo.remote, `churn@${version}`);
      const index = JSON.parse(readFileSync(path.join(store, 'models', 'churn', `${version}.json`), 'utf8')) as { model: { digest: string; path: string } };
      expect(index.model.digest).toBe(payload.modelDigest);
      expect(sha256sumOfFolder(path.join(store, index.model.path))).toBe(payload.modelDigest);
      expect(payload.artifact.path).toBe(path.join(store, index.model.path));
      const owner = results.findIndex((r) => r.outputs['version'] === version);
      expect(payload.modelDigest).toBe(clones[owner]?.digest);
    }
    for (const hex of readdirSync(path.join(store, 'objects', 'sha256'))) {
      if (hex.startsWith('.tmp-')) continue;
      const [entry] = readdirSync(path.join(store, 'objects', 'sha256', hex));
      const object = path.join(store, 'objects', 'sha256', hex, entry ?? '');
      const digest = statSync(object).isDirectory() ? sha256sumOfFolder(object) : `sha256:${execFileSync('sha256sum', [object], { encoding: 'utf8' }).split(' ')[0]}`;
      expect(digest).toBe(`sha256:${hex}`);
    }
  });
});
