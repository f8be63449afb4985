/** `npm run demo`, the README's main command, tells its story: trained, skipped, retrained, failed. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../harness';

it('runs the story on the example project and leaves everything in its scratch folder', () => {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'demo.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  const out = result.stdout;
  expect(out).toMatch(/━━ PR opened: the data passes its contract[\s\S]*output passed = true/);
  expect(out).toMatch(/━━ PR opened: train the candidate[\s\S]*output cache-hit = false/);
  expect(out).toMatch(/━━ PR re-run, nothing changed[\s\S]*Restored run [0-9a-f-]+: training skipped\.[\s\S]*output cache-hit = true/);
  expect(out).toMatch(/━━ PR changes train\.epochs to 40[\s\S]*epoch 40\/40[\s\S]*output cache-hit = false/);
  expect(out).toMatch(/ERROR: The training command failed with exit code 3; no model is reported\n {2}exit code 3/);
  expect(out).toMatch(/━━ PR corrupts the data: validate-data stops it[\s\S]*ERROR data\/breast_cancer\.csv:11: column "mean_radius"[\s\S]*ERROR contract\.yaml:\d+: columns\.mean_radius\.min[\s\S]*ERROR data\/breast_cancer\.csv:21: column "diagnosis"[\s\S]*exit code 1\n {2}output passed = false/);
  expect(out).not.toMatch(/did not go as the story says/);

  const scratch = /The scratch folder \(workspace, cache, run\.json\): (\S+)/.exec(out)?.[1] ?? '';
  expect(scratch).toMatch(/^\.tmp\/demo-/);
  const summaries = [...out.matchAll(/^ {2}(\.tmp\/demo-\S+\.md)$/gm)].map((m) => m[1] ?? '');
  expect(summaries.map((file) => path.basename(file))).toEqual(['1-validate-data.md', '2-train.md', '3-train.md', '4-train.md', '5-validate-data.md']);
  for (const file of summaries) {
    expect(file.startsWith(scratch)).toBe(true);
    expect(readFileSync(path.join(REPO_ROOT, file), 'utf8')).toMatch(file.endsWith('train.md') ? /### Train/ : /### Data validation/);
  }
  expect(existsSync(path.join(REPO_ROOT, scratch, 'workspace', 'run.json'))).toBe(true);
  rmSync(path.join(REPO_ROOT, scratch), { recursive: true, force: true });
});
