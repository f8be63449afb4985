/**
 * The git the registry needs: an interface (so callers can log or fake it) and the real implementation, which
 * runs the `git` binary with execFile (no shell, so tag names and messages are never interpreted).
 */
import { execFile } from 'node:child_process';

export interface GitRunOptions {
  cwd: string;
  /** Added to the process environment. */
  env?: Record<string, string>;
}

export interface GitRunner {
  /** Runs `git <args>`; resolves to stdout. Rejects with a GitCommandError when git exits non-zero. */
  run(args: string[], options: GitRunOptions): Promise<string>;
}

export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed (exit ${exitCode ?? 'signal'}): ${gitErrorLine(stderr)}`);
  }
}

/** The line of git's stderr that says what went wrong: the first `fatal:` or `error:` line, else the last line. */
export function gitErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[lines.length - 1] ?? '';
}

/** The real git: execFile, no shell; 64 MiB of output is plenty for 100,000 tags. */
export function createGitRunner(executable = 'git'): GitRunner {
  return {
    run(args, { cwd, env }) {
      return new Promise((resolve, reject) => {
        execFile(
          executable,
          args,
          { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
          (error, stdout, stderr) => {
            if (!error) return resolve(stdout);
            const code = typeof error.code === 'number' ? error.code : null;
            reject(new GitCommandError(args, code, stdout, stderr));
          },
        );
      });
    },
  };
}

/** One tag as `git for-each-ref` shows it. */
export interface GitTag {
  /** The tag's name, without `refs/tags/`. */
  name: string;
  /** `tag` for an annotated tag; `commit` (or another type) for a lightweight one. */
  objectType: string;
  /** The tag object (annotated) or the object the ref points at (lightweight). */
  object: string;
  /** The commit an annotated tag points at; undefined for lightweight tags or tags of non-commits. */
  commit?: string;
  tagger?: { name: string; email: string; date: Date };
  /** The annotated tag's message (without a signature); '' for lightweight tags. */
  message: string;
}

export interface AnnotatedTag extends GitTag {
  objectType: 'tag';
  commit: string;
  tagger: { name: string; email: string; date: Date };
}

/**
 * Where the registry's tags are mirrored from the remote. A private namespace: fetching with force and prune
 * into it mirrors the remote exactly (tags deleted there disappear, tags changed there are replaced) and never
 * touches the user's own `refs/tags`.
 */
export const MIRROR_PREFIX = 'refs/registry-mirror/tags/';

const FIELDS = [
  '%(refname)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objecttype)',
  '%(*objectname)',
  '%(taggername)',
  '%(taggeremail)',
  '%(taggerdate:raw)',
  '%(contents)',
  '%(contents:signature)',
];

export interface RegistryGitOptions {
  git: GitRunner;
  /** The working copy (any clone of the project). */
  cwd: string;
  env?: Record<string, string>;
}

/**
 * Fetches every tag of `remote` into the mirror namespace: `+refs/tags/*:refs/registry-mirror/tags/*` with
 * `--prune`. Why not into refs/tags: a forced fetch there would clobber a local tag of the same name, a plain
 * one refuses ("would clobber existing tag") and leaves a mix, and `--prune-tags` would delete the user's
 * local tags. The mirror is ours alone, so forcing and pruning it is safe and it always equals the remote.
 */
export async function fetchTags(options: RegistryGitOptions, remote: string): Promise<void> {
  await options.git.run(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--prune', remote, `+refs/tags/*:${MIRROR_PREFIX}*`], {
    cwd: options.cwd,
    env: options.env ?? {},
  });
}

/**
 * Every tag under `prefix` (default: the mirror of the last fetch; pass `refs/tags/` for the local tags), with
 * object type, tagger, message and the tagged commit. Lightweight tags are returned too (with objectType
 * `commit`) so that counters can skip their names; `listAnnotatedTags` leaves them out, as GTO does.
 */
export async function listTags(options: RegistryGitOptions, prefix: string = MIRROR_PREFIX): Promise<GitTag[]> {
  const ref = prefix.replace(/\/$/, '');
  const out = await options.git.run(['for-each-ref', `--format=${FIELDS.join('%00')}%00`, ref], { cwd: options.cwd, env: options.env ?? {} });
  const values = out.split('\0');
  const tags: GitTag[] = [];
  for (let i = 0; i + FIELDS.length <= values.length; i += FIELDS.length) {
    const field = (k: number): string => values[i + k] ?? '';
    const refname = i === 0 ? field(0) : field(0).replace(/^\n/, '');
    if (!refname.startsWith(`${ref}/`)) continue;
    const name = refname.slice(ref.length + 1);
    const objectType = field(1);
    const tag: GitTag = { name, objectType, object: field(2), message: '' };
    if (objectType === 'tag') {
      if (field(3) === 'commit') tag.commit = field(4);
      const [seconds] = field(7).split(' ');
      tag.tagger = { name: field(5), email: field(6).replace(/^<|>$/g, ''), date: new Date(Number(seconds) * 1000) };
      const signature = field(9);
      const contents = field(8);
      tag.message = signature && contents.endsWith(signature) ? contents.slice(0, -signature.length) : contents;
    }
    tags.push(tag);
  }
  return tags;
}

/** The annotated tags pointing at a commit; lightweight tags (and tags of tags or trees) are ignored, as GTO does. */
export async function listAnnotatedTags(options: RegistryGitOptions, prefix: string = MIRROR_PREFIX): Promise<AnnotatedTag[]> {
  return (await listTags(options, prefix)).filter(isAnnotatedTag);
}

export function isAnnotatedTag(tag: GitTag): tag is AnnotatedTag {
  return tag.objectType === 'tag' && tag.commit !== undefined && tag.tagger !== undefined;
}
