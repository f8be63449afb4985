/**
 * A real git working copy with a bare repository as `origin`, for the registry (tags pushed to a remote)
 * and for anything that reads history. Commits are reproducible: a fixed author and committer, and dates
 * that advance one minute per commit from a fixed start.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, removeTempDir } from './temp';

const execFileAsync = promisify(execFile);

export interface GitRepoOptions {
  /** Files of the first commit, by path relative to the repository root. */
  files?: Record<string, string | Buffer>;
  /** A folder whose content is copied into the repository before the first commit (files override it). */
  copyFrom?: string;
}

export interface GitRepo {
  /** The working copy; use it as runAction's cwd. */
  dir: string;
  /** The bare repository `origin` points at. */
  remote: string;
  /** Runs git in `dir` with the fixed identity; returns stdout. Rejects with git's stderr on failure. */
  git(...args: string[]): Promise<string>;
  /** Writes `files`, stages everything and commits (empty commits allowed); returns the new commit's sha. */
  commit(message: string, files?: Record<string, string | Buffer>): Promise<string>;
  /** Pushes HEAD to origin's main, with tags. */
  push(): Promise<void>;
  close(): Promise<void>;
}

export const GIT_IDENTITY = { name: 'Mona Lisa Octocat', email: 'mona@example.com' } as const;
const FIRST_COMMIT_SECONDS = Date.parse('2024-05-01T09:00:00Z') / 1000;

/**
 * The environment of the harness's own git calls: no system or user config (so nobody's ~/.gitconfig
 * changes the result), the fixed identity and a commit date. The repository itself gets no identity in its
 * config, as a fresh checkout on a runner has none: an action that commits or tags must set its own.
 */
function gitEnv(commitIndex: number): Record<string, string> {
  const date = `@${FIRST_COMMIT_SECONDS + commitIndex * 60} +0000`;
  const env: Record<string, string> = {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: GIT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: GIT_IDENTITY.email,
    GIT_COMMITTER_NAME: GIT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: GIT_IDENTITY.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
  };
  for (const key of ['PATH', 'HOME', 'TMPDIR']) if (process.env[key]) env[key] = process.env[key] as string;
  return env;
}

async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.resolve(dir, relative);
    if (!target.startsWith(dir + path.sep)) throw new Error(`createGitRepo: ${relative} is outside the repository`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

export async function createGitRepo(options: GitRepoOptions = {}): Promise<GitRepo> {
  const root = await makeTempDir('git');
  const dir = path.join(root, 'work');
  const remote = path.join(root, 'remote.git');
  let commits = 0;

  const run = async (cwd: string, args: string[]): Promise<string> => {
    try {
      const { stdout } = await execFileAsync('git', args, { cwd, env: gitEnv(commits), maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    } catch (error) {
      const failure = error as Error & { stderr?: string };
      throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${failure.stderr?.trim() || failure.message}`, { cause: error });
    }
  };

  try {
    await mkdir(dir);
    await run(root, ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
    await run(root, ['init', '--quiet', '--initial-branch=main', dir]);
    await run(dir, ['remote', 'add', 'origin', remote]);
    if (options.copyFrom) await cp(options.copyFrom, dir, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
  } catch (error) {
    await removeTempDir(root);
    throw error;
  }

  const repo: GitRepo = {
    dir,
    remote,
    git: (...args) => run(dir, args),
    async commit(message, files = {}) {
      await writeFiles(dir, files);
      await run(dir, ['add', '--all']);
      await run(dir, ['commit', '--quiet', '--allow-empty', '--no-verify', '-m', message]);
      commits++;
      return (await run(dir, ['rev-parse', 'HEAD'])).trim();
    },
    async push() {
      await run(dir, ['push', '--quiet', '--tags', 'origin', 'HEAD:refs/heads/main']);
    },
    close: () => removeTempDir(root),
  };

  try {
    await repo.commit('Initial commit', options.files);
    await run(dir, ['push', '--quiet', '--set-upstream', 'origin', 'main']);
  } catch (error) {
    await removeTempDir(root);
    throw error;
  }
  return repo;
}
