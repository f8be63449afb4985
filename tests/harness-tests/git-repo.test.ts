import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGitRepo, GIT_IDENTITY } from '../harness/git-repo';

describe('createGitRepo', () => {
  it('makes a repository on main with a bare origin, reproducible commits, and pushes tags', async () => {
    const repo = await createGitRepo({ files: { 'README.md': '# demo\n', 'data/train.csv': 'x,y\n1,0\n' } });
    try {
      expect((await repo.git('rev-parse', '--abbrev-ref', 'HEAD')).trim()).toBe('main');
      expect((await repo.git('remote', 'get-url', 'origin')).trim()).toBe(repo.remote);
      expect(await readFile(path.join(repo.dir, 'data/train.csv'), 'utf8')).toBe('x,y\n1,0\n');
      expect((await repo.git('ls-remote', 'origin', 'refs/heads/main')).split('\t')[0]).toBe((await repo.git('rev-parse', 'HEAD')).trim());

      const sha = await repo.commit('Add model', { 'model.bin': Buffer.from([0, 255]) });
      expect(sha).toMatch(/^[0-9a-f]{40}$/);
      expect((await repo.git('log', '-1', '--format=%an <%ae>|%cn|%aI|%s')).trim()).toBe(`${GIT_IDENTITY.name} <${GIT_IDENTITY.email}>|${GIT_IDENTITY.name}|2024-05-01T09:01:00+00:00|Add model`);
      await repo.git('tag', '-a', 'churn@v1.0.0', '-m', 'Registering');
      await repo.push();
      expect(await repo.git('ls-remote', '--tags', 'origin')).toContain('refs/tags/churn@v1.0.0');
      expect((await repo.git('ls-remote', 'origin', 'refs/heads/main')).split('\t')[0]).toBe(sha);
    } finally {
      await repo.close();
    }
    expect(existsSync(repo.dir)).toBe(false);
    expect(existsSync(repo.remote)).toBe(false);
  });

  it('gives the same commit ids for the same content, whoever runs it', async () => {
    const a = await createGitRepo({ files: { 'a.txt': 'same' } });
    const b = await createGitRepo({ files: { 'a.txt': 'same' } });
    try {
      expect(await a.git('rev-parse', 'HEAD')).toBe(await b.git('rev-parse', 'HEAD'));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('copies a folder in, and reports git failures with git\'s message', async () => {
    const source = await mkdtemp(path.join(os.tmpdir(), 'mlops-source-'));
    await writeFile(path.join(source, 'params.yaml'), 'lr: 0.1\n');
    const repo = await createGitRepo({ copyFrom: source });
    try {
      expect((await repo.git('ls-files')).trim()).toBe('params.yaml');
      await expect(repo.git('checkout', 'no-such-branch')).rejects.toThrow(/git checkout no-such-branch failed .*pathspec 'no-such-branch'/);
    } finally {
      await repo.close();
      await rm(source, { recursive: true, force: true });
    }
  });
});
