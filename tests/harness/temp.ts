import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory under the system temp dir; `mlops-` prefixed so leftovers are easy to spot. */
export function makeTempDir(label: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `mlops-${label}-`));
}

/** Removes a temp dir unless MLOPS_TEST_KEEP=1, which keeps it for a post-mortem of a failing test. */
export async function removeTempDir(dir: string): Promise<void> {
  if (process.env['MLOPS_TEST_KEEP'] === '1') return;
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}
