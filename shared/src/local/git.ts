/** The few git questions the local runner asks of the workspace's repository; git is run with argument arrays. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** git's stdout, trimmed, or undefined when git fails (not a repository, no such ref, no remote). */
export async function tryGit(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync('git', [...args], { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LANG: 'C' }, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** git's stdout, trimmed; rejects with git's own message. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', [...args], { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LANG: 'C' }, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const failure = error as Error & { stderr?: string };
    throw new Error(`git ${args.join(' ')}: ${failure.stderr?.trim() || failure.message}`, { cause: error });
  }
}

export interface RepositoryFacts {
  /** The top level of the working copy. */
  root: string;
  sha: string;
  parentSha: string | undefined;
  /** The checked-out branch; undefined on a detached HEAD. */
  branch: string | undefined;
  /** origin's default branch when known (refs/remotes/origin/HEAD), else the branch, else main. */
  defaultBranch: string;
  /** The sha of the default branch, when it exists locally or as origin/<branch>. */
  defaultBranchSha: string | undefined;
  originUrl: string | undefined;
  subject: string;
  authorName: string;
  authorEmail: string;
  committedAt: string;
}

/** What the event payload is made of; undefined when `dir` is not in a git working copy with a commit. */
export async function readRepositoryFacts(dir: string): Promise<RepositoryFacts | undefined> {
  const root = await tryGit(dir, ['rev-parse', '--show-toplevel']);
  if (root === undefined) return undefined;
  const head = await tryGit(dir, ['log', '-1', '--format=%H%x00%P%x00%s%x00%an%x00%ae%x00%cI']);
  if (!head) return undefined;
  const [sha = '', parents = '', subject = '', authorName = '', authorEmail = '', committedAt = ''] = head.split('\0');
  const branch = await tryGit(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  const originHead = await tryGit(dir, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  // A repository whose remote was never fetched has no origin/HEAD: main or master when checked out stands for
  // the default branch, as it does in nearly every repository.
  const defaultBranch = originHead?.replace(/^origin\//, '') || (branch === 'main' || branch === 'master' ? branch : undefined) || 'main';
  const defaultBranchSha = (await tryGit(dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${defaultBranch}`])) || (await tryGit(dir, ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${defaultBranch}`])) || undefined;
  return {
    root,
    sha,
    parentSha: parents.split(' ')[0] || undefined,
    branch: branch || undefined,
    defaultBranch,
    defaultBranchSha,
    originUrl: (await tryGit(dir, ['remote', 'get-url', 'origin'])) || undefined,
    subject,
    authorName,
    authorEmail,
    committedAt,
  };
}

/** owner/name from a GitHub remote URL (https, ssh or scp-like); undefined for any other remote. */
export function gitHubRepositoryOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const match = /github\.com[:/]+([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
