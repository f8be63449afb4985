import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ConfigurationError, quote } from '../errors';
import { compareBytes } from '../hashing/digest';
import { toPosixPath } from './paths';

export interface ExpandOptions {
  /** The input the patterns came from, named in errors. */
  label: string;
  /** Patterns never to match, besides the `!` lines. */
  ignore?: readonly string[];
  /** The end of the "matches no file" message: why an empty match is an error here. */
  why?: string;
  /** For a default pattern the user did not write: matching nothing is then no mistake of theirs. */
  allowNoMatch?: boolean;
}

/**
 * Files matched by an input's globs (one a line, relative to `cwd`, `!` excludes), as `/`-separated relative
 * paths sorted by their bytes. A pattern that matches nothing is the user's mistake: silently matching nothing
 * would hide a typo.
 */
export async function expandGlobs(patterns: readonly string[], cwd: string, options: ExpandOptions): Promise<string[]> {
  const include = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('!'));
  const exclude = patterns.map((p) => p.trim()).filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const globOptions = { cwd, onlyFiles: true, dot: true, followSymbolicLinks: true, ignore: ['**/.git/**', ...(options.ignore ?? []), ...exclude] };
  const found = new Set<string>();
  for (const pattern of include) {
    const matches = await glob([pattern], globOptions);
    if (matches.length === 0 && !options.allowNoMatch) {
      throw new ConfigurationError(`${options.label}: ${quote(pattern)} matches no file under ${quote(cwd)}${options.why ? `; ${options.why}` : ''}`);
    }
    for (const match of matches) found.add(toPosixPath(match));
  }
  return onePathPerFile([...found].sort(compareBytes), cwd);
}

/**
 * The paths with one per file: symbolic links are followed, so a link to a folder (or one back to a parent) can
 * name a file twice, and reading it twice would double its rows. The first path in order is kept.
 */
async function onePathPerFile(paths: string[], cwd: string): Promise<string[]> {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const file of paths) {
    const real = await realpath(path.resolve(cwd, file)).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    kept.push(file);
  }
  return kept;
}
