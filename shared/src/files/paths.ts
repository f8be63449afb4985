import path from 'node:path';

/** A path with `/` separators, as reports, annotations and run records write them on every OS. */
export function toPosixPath(p: string): string {
  return p.split(path.sep).join('/');
}

/** `to` relative to the folder `from`, with `/` separators; '.' for the folder itself. */
export function relativePath(from: string, to: string): string {
  return toPosixPath(path.relative(from, to)) || '.';
}
