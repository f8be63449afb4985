/**
 * `npm run demo`, the README's main command, tells its story: PR 1 passes on the bounds and is promoted, a re-run
 * is skipped from the cache, PR 2 improves on production and is promoted, validate-data stops PR 3, the gate blocks
 * PR 4, a rollback gives production back; and everything it writes stays in its scratch folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../harness';

/** The text of one step of the demo's output: from its `━━ title` line to the next heading. */
function section(out: string, title: string): string {
  const start = out.indexOf(`━━ ${title}`);
  expect(start, `a step "${title}"`).toBeGreaterThanOrEqual(0);
  const rest = out.slice(start + 3);
  const end = rest.search(/\n(━━|══)/);
  return end < 0 ? rest : rest.slice(0, end);
}

it('plays the pull requests, the releases and the rollback, and leaves everything in its scratch folder', () => {
  const before = new Set(readdirSync(REPO_ROOT));
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'demo.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  const out = result.stdout;
  expect(out).not.toMatch(/did not go as the story says|✗/);

  expect(section(out, 'PR 1: validate the data against its contract')).toMatch(/\$ mlops-actions validate-data --with 'data=data\/\*\.csv' --with contract=contract\.yaml --event pull_request/);
  expect(section(out, 'PR 1: gate the candidate against production')).toMatch(/No version of breast-cancer is in production yet[\s\S]*Outputs:\n {4}passed = true\n {4}verdict = no-baseline/);
  expect(section(out, 'PR 1 re-run, nothing changed')).toMatch(/training skipped[\s\S]*cache-hit = true/);
  expect(section(out, 'Release: promote it from staging to production')).toMatch(/breast-cancer#production#2: breast-cancer@v0\.1\.0 is in production/);

  const gate2 = section(out, 'PR 2: gate the candidate against production');
  expect(gate2).toMatch(/The baseline is breast-cancer@v0\.1\.0/);
  expect(gate2).toMatch(/Re-score the production model \(baseline-command\)/);
  expect(gate2).toMatch(/Outputs:\n {4}passed = true\n {4}verdict = improved/);

  const data3 = section(out, 'PR 3: validate the data against its contract');
  expect(data3).toMatch(/error: data\/breast_cancer\.csv:11: columns\.mean_radius\.min failed: column "mean_radius"[\s\S]*error: contract\.yaml:\d+: columns\.mean_radius\.min/);
  expect(data3).toMatch(/Outputs:\n {4}passed = false/);
  expect(data3).toMatch(/validate-data: failed/);
  expect(out).not.toMatch(/━━ PR 3: train the candidate/);

  const gate4 = section(out, 'PR 4: gate the candidate against production');
  expect(gate4).toMatch(/FAIL {2}test\.accuracy: regressed/);
  expect(gate4).toMatch(/error: The candidate failed the gate: 3 of 3 checks failed[\s\S]*Outputs:\n {4}passed = false\n {4}verdict = failed/);

  expect(section(out, 'Rollback: production goes back to the version before')).toMatch(/breast-cancer@v0\.1\.0 is in production \(was v0\.1\.1\)/);
  expect(out).toMatch(/ {2}production: now v0\.1\.0\n {4}breast-cancer#production#2 {2}assign v0\.1\.0\n {4}breast-cancer#production#4 {2}assign v0\.1\.1\n {4}breast-cancer#production#5 {2}assign v0\.1\.0 {2}\(rollback of production from v0\.1\.1 to v0\.1\.0/);
  expect(out).toMatch(/ {2}staging: now v0\.1\.1/);

  const scratch = /The scratch folder \(workspace, registry, cache and artifact store under workspace\/\.mlops\): (\S+)/.exec(out)?.[1] ?? '';
  expect(scratch).toMatch(/^\.tmp\/demo-/);
  const reports = [...out.matchAll(/^ {2}(\.tmp\/demo-\S+\.md)$/gm)].map((m) => m[1] ?? '');
  expect(reports.map((file) => path.basename(file).replace(/^\d+-/, ''))).toEqual([
    'validate-data.md', 'train.md', 'pr-1-comment.md', 'train.md', 'promote.md', 'promote.md',
    'validate-data.md', 'train.md', 'pr-2-comment.md', 'promote.md', 'promote.md',
    'validate-data.md',
    'validate-data.md', 'train.md', 'pr-4-comment.md',
    'promote.md',
  ]);
  for (const file of reports) expect(file.startsWith(`${scratch}/`)).toBe(true);
  const comment2 = readFileSync(path.join(REPO_ROOT, reports[8] ?? ''), 'utf8');
  expect(comment2).toMatch(/\| Metric \| Production \| Candidate \| Change \| 95 % interval of the difference \|/);
  expect(comment2).toMatch(/improved/);
  expect(existsSync(path.join(REPO_ROOT, scratch, 'registry.git'))).toBe(true);
  // Nothing written outside the scratch folder (under .tmp/) at the top of the repository.
  expect(readdirSync(REPO_ROOT).filter((name) => !before.has(name))).toEqual([]);
  rmSync(path.join(REPO_ROOT, scratch), { recursive: true, force: true });
}, 180_000);
