/**
 * A scratch git repository for the local runner's tests: the example project (or nothing) committed on main,
 * with or without an origin, as a user's clone would be. Git runs with no user config and a fixed identity.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkoutExample } from '../harness/example-project';
import { makeTempDir, removeTempDir } from '../harness/temp';

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Mona',
  GIT_AUTHOR_EMAIL: 'mona@example.com',
  GIT_COMMITTER_NAME: 'Mona',
  GIT_COMMITTER_EMAIL: 'mona@example.com',
};

export interface Scratch {
  dir: string;
  git(...args: string[]): string;
  close(): Promise<void>;
}

export async function scratchRepo(options: { example?: boolean; files?: Record<string, string>; origin?: boolean } = {}): Promise<Scratch> {
  const root = await makeTempDir('local-runner');
  const dir = path.join(root, 'work');
  mkdirSync(dir);
  if (options.example ?? true) checkoutExample(dir);
  for (const [file, content] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '--allow-empty', '-m', 'Initial commit');
  if (options.origin) {
    execFileSync('git', ['init', '--quiet', '--bare', path.join(root, 'origin.git')], { env: GIT_ENV });
    git('remote', 'add', 'origin', path.join(root, 'origin.git'));
  }
  return { dir, git, close: () => removeTempDir(root) };
}
