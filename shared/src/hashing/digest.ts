import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ProgressReporter } from '../progress';
import type { Logger } from '../ports';

/**
 * Content digests of models and inputs, `sha256:<hex>`.
 *
 * - A file: the SHA-256 of its bytes, so `sha256sum model.pkl` gives the same hex.
 * - A folder: the SHA-256 of its manifest, the `sha256sum` listing of every regular file under it, one line
 *   `<hex>  <path>\n` per file, paths relative to the folder with `/` separators, sorted by their UTF-8 bytes.
 *   The same digest comes from `cd model && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n'
 *   sha256sum | sha256sum`. Empty folders, permissions and timestamps do not count; symbolic links are
 *   followed.
 */

const CHUNK_BYTES = 1 << 20;

export interface DigestOptions {
  logger?: Logger;
  /** What to call the work in progress lines. */
  label?: string;
}

export async function digestPath(target: string, options: DigestOptions = {}): Promise<string> {
  const info = await stat(target);
  if (info.isFile()) {
    const progress = options.logger ? new ProgressReporter(`Hashing ${options.label ?? target}`, info.size, options.logger) : undefined;
    return `sha256:${await sha256File(target, progress)}`;
  }
  const files = await listFiles(target);
  return `sha256:${sha256Text(await manifest(target, files, options))}`;
}

/** The `sha256sum`-style manifest of `files` (relative paths under `root`, already sorted). */
export async function manifest(root: string, files: string[], options: DigestOptions = {}): Promise<string> {
  let progress: ProgressReporter | undefined;
  if (options.logger) {
    const sizes = await Promise.all(files.map(async (file) => (await stat(path.join(root, file))).size));
    progress = new ProgressReporter(`Hashing ${options.label ?? root}`, sizes.reduce((a, b) => a + b, 0), options.logger);
  }
  const digests = await mapConcurrent(files, availableParallelism() * 2, (file) => sha256File(path.join(root, file), progress));
  return files.map((file, index) => `${digests[index]}  ${file}\n`).join('');
}

/** Every regular file under `root` (following symbolic links), as `/`-separated relative paths in byte order. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      let kind: 'file' | 'dir' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
      if (entry.isSymbolicLink()) {
        const target = await stat(path.join(root, child));
        kind = target.isFile() ? 'file' : target.isDirectory() ? 'dir' : 'other';
      }
      if (kind === 'file') found.push(child);
      else if (kind === 'dir') await walk(child);
    }
  };
  await walk('');
  return found.sort(compareBytes);
}

export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sha256Text(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function sha256File(file: string, progress?: ProgressReporter): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      progress?.add(bytesRead);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Maps with at most `limit` promises in flight, keeping the order of `items`. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
