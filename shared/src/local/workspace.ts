/**
 * The local defaults of a workspace: everything the runner keeps lives under `<workspace>/.mlops/` (the train
 * cache, uploaded artifacts, the promote store, a registry remote when the repository has none), which git is
 * told to ignore, so a local run leaves the working tree as `git status` saw it.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError, quote } from '../errors';
import { git, gitHubRepositoryOf, readRepositoryFacts, tryGit, type RepositoryFacts } from './git';

export const LOCAL_DIR = '.mlops';

export interface LocalWorkspace {
  /** Absolute. */
  dir: string;
  /** <dir>/.mlops */
  localDir: string;
  /** MLOPS_CACHE_DIR: train's cache. */
  cacheDir: string;
  /** MLOPS_ARTIFACT_DIR: workflow artifacts (`artifact-name`, upload-artifact). */
  artifactDir: string;
  facts: RepositoryFacts;
  /** owner/name: origin's when it is on GitHub, else local/<folder>. */
  repository: string;
  actor: string;
}

export async function openLocalWorkspace(dir: string, label = '--workspace'): Promise<LocalWorkspace> {
  const absolute = path.resolve(dir);
  if (!existsSync(absolute)) throw new ConfigurationError(`${label}: ${quote(dir)} does not exist`);
  const facts = await readRepositoryFacts(absolute);
  if (!facts) {
    throw new ConfigurationError(`${label}: ${quote(absolute)} is not in a git repository with a commit; the local runner makes the event from the repository's head (run \`git init\` and commit first)`);
  }
  const localDir = path.join(absolute, LOCAL_DIR);
  await mkdir(localDir, { recursive: true });
  await ignoreLocalDir(absolute, localDir);
  return {
    dir: absolute,
    localDir,
    cacheDir: path.join(localDir, 'cache'),
    artifactDir: path.join(localDir, 'workflow-artifacts'),
    facts,
    repository: gitHubRepositoryOf(facts.originUrl) ?? `local/${path.basename(facts.root)}`,
    actor: os.userInfo().username || 'local',
  };
}

/** Adds .mlops/ to the repository's info/exclude (not .gitignore, which is the user's and committed). */
async function ignoreLocalDir(workspace: string, localDir: string): Promise<void> {
  const excludeFile = await tryGit(workspace, ['rev-parse', '--path-format=absolute', '--git-path', 'info/exclude']);
  const root = await tryGit(workspace, ['rev-parse', '--show-toplevel']);
  if (!excludeFile || !root) return;
  const pattern = `/${path.relative(root, localDir).split(path.sep).join('/')}/`;
  const current = existsSync(excludeFile) ? await readFile(excludeFile, 'utf8') : '';
  if (current.split(/\r?\n/).includes(pattern)) return;
  await mkdir(path.dirname(excludeFile), { recursive: true });
  await appendFile(excludeFile, `${current === '' || current.endsWith('\n') ? '' : '\n'}# the local runner's caches and stores (mlops-actions)\n${pattern}\n`);
}

/**
 * The registry is a git remote. A repository without `origin` gets a bare one under .mlops/ so tags have
 * somewhere to go; returns a sentence saying so, or undefined when origin was there already.
 */
export async function ensureOrigin(workspace: LocalWorkspace): Promise<string | undefined> {
  if (await tryGit(workspace.dir, ['remote', 'get-url', 'origin'])) return undefined;
  const bare = path.join(workspace.localDir, 'registry.git');
  if (!existsSync(bare)) await git(workspace.dir, ['init', '--quiet', '--bare', bare]);
  await git(workspace.dir, ['remote', 'add', 'origin', bare]);
  workspace.facts.originUrl = bare;
  return `The repository had no remote: made the bare repository ${path.relative(workspace.dir, bare)} and added it as origin, which holds the registry's tags.`;
}
