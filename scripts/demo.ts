/**
 * The demo: the example project's life in pull requests, each step a run of an action's bundle with the runner's
 * protocol (Node 24 when installed, INPUT_* variables, GITHUB_OUTPUT, the job summary, real webhook payloads), a
 * scratch git repository with a bare remote as the registry, and the local defaults (a cache folder, a local
 * artifact store, the PR comment written as a markdown file instead of posted):
 *
 *   PR 1 adds a small model (four features): the data passes its contract, the model is trained, and the gate,
 *        with no production model yet, checks the policy's bounds. Merged: promoted to staging, then production.
 *   PR 1 re-run with nothing changed: training is skipped, restored from the cache.
 *   PR 2 uses every feature: the production model is re-scored on the same test rows, the comment shows the change
 *        with its interval, and the model passes. Merged: promoted to staging, then production.
 *   PR 3 corrupts the data: validate-data stops it, pointing at the rows and the contract lines.
 *   PR 4 trains for 3 epochs only: the gate blocks it on the interval of the regression.
 *   A rollback gives production back to the version before.
 *
 * It ends with the registry's history and the paths of every comment and summary. Everything it writes stays in
 * one scratch folder under .tmp/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitRegistry, createGitRunner } from '../shared/src/registry';
import { EXAMPLE_TRAIN_STEP, EXAMPLE_VALIDATE_STEP, REPO_ROOT, checkoutExample, loadEvent, parseCommandLine, runAction, unescapeData, type ActionResult, type EventSpec } from '../tests/harness';

const MODEL = 'breast-cancer';
const scratch = path.join(REPO_ROOT, '.tmp', `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`);
const workspace = path.join(scratch, 'workspace');
const remote = path.join(scratch, 'registry.git');
const reports = path.join(scratch, 'reports');
const gitEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
};
const env = { ...gitEnv, MLOPS_CACHE_DIR: path.join(scratch, 'cache'), MLOPS_ARTIFACT_DIR: path.join(scratch, 'artifacts') };
const STORE = 'local:.mlops/artifacts';
const GATE = { policy: 'policy.yaml', 'model-name': MODEL, 'baseline-command': 'node evaluate.mjs', 'validation-report': 'validation.json', comment: 'never' };
const TRAIN = { ...EXAMPLE_TRAIN_STEP };

const written: string[] = [];
let failures = 0;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: workspace, env: { ...process.env, ...gitEnv }, encoding: 'utf8' }).trim();
}

/** The scratch project: the example's sources in a git repository whose `origin` is a bare repository. */
function setUp(): void {
  mkdirSync(reports, { recursive: true });
  checkoutExample(workspace);
  writeFileSync(path.join(workspace, '.gitignore'), ['model/', 'metrics.json', 'predictions.csv', 'run.json', 'profile.json', 'validation.json', 'gate.json', 'gate.md', '.mlops/', ''].join('\n'));
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'The example project');
  execFileSync('git', ['init', '-q', '--bare', remote]);
  git('remote', 'add', 'origin', remote);
  git('push', '-q', 'origin', 'main');
}

/** Opens pull request `number` from a branch with `change` applied to params.yaml or the data; returns its event. */
function openPullRequest(number: number, title: string, change: () => void): EventSpec {
  console.log(`\n══ PR ${number}: ${title}`);
  git('checkout', '-q', '-B', `pr-${number}`, 'main');
  change();
  git('commit', '-q', '-am', title);
  const sha = git('rev-parse', 'HEAD');
  return loadEvent('pull_request.opened', { number, pull_request: { number, title, head: { sha, ref: `pr-${number}` }, base: { ref: 'main' } } });
}

/** Merges the PR's branch into main and pushes: the push event the release steps run on. */
function merge(number: number): EventSpec {
  git('checkout', '-q', 'main');
  git('merge', '-q', '--no-ff', '-m', `Merge pull request #${number}`, `pr-${number}`);
  git('push', '-q', 'origin', 'main');
  const sha = git('rev-parse', 'HEAD');
  console.log(`\n── PR ${number} merged into main (${sha.slice(0, 7)})`);
  return loadEvent('push', { ref: 'refs/heads/main', after: sha, repository: { default_branch: 'main' } });
}

/** Leaves a PR that was not merged: back to main, its branch kept. */
function abandon(): void {
  git('checkout', '-q', '-f', 'main');
}

async function step(title: string, action: string, event: EventSpec, inputs: Record<string, string>, expectExit: number): Promise<ActionResult> {
  console.log(`\n━━ ${title}`);
  const result = await runAction(action, { cwd: workspace, inputs, env, event });
  printLog(result.stdout + result.stderr);
  console.log(`  exit code ${result.exitCode}`);
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  output ${name} = ${value.length > 120 ? `${value.slice(0, 117)}...` : value}`);
  // The gate's summary is its PR comment, kept by keepComment.
  if (result.summary && action !== 'evaluate-gate') keep(`${action}.md`, result.summary);
  if (result.exitCode !== expectExit) {
    failures++;
    console.log(`  ✗ expected exit code ${expectExit}`);
  }
  return result;
}

/** Keeps a report under reports/, numbered in the order written. */
function keep(name: string, text: string): string {
  const file = path.join(reports, `${String(written.length + 1).padStart(2, '0')}-${name}`);
  writeFileSync(file, text);
  written.push(file);
  return file;
}

/** The gate's markdown is the PR comment on GitHub; here it is a file. */
function keepComment(number: number): void {
  const gateReport = path.join(workspace, 'gate.md');
  if (!existsSync(gateReport)) return;
  const file = keep(`pr-${number}-comment.md`, '');
  copyFileSync(gateReport, file);
  console.log(`  the PR comment: ${path.relative(REPO_ROOT, file)}`);
}

/** The log as a reader sees it on GitHub: groups as headings, annotations as labelled lines, the rest indented. */
function printLog(log: string): void {
  for (const line of log.split('\n')) {
    if (line.trim() === '') continue;
    const command = parseCommandLine(line);
    if (!command) console.log(`    ${line}`);
    else if (command.command === 'group') console.log(`  ▸ ${command.data}`);
    else if (['error', 'warning', 'notice'].includes(command.command)) {
      const where = command.properties['file'] ? ` ${command.properties['file']}${command.properties['line'] ? `:${command.properties['line']}` : ''}` : '';
      console.log(`  ${command.command.toUpperCase()}${where}: ${unescapeData(command.data)}`);
    }
  }
}

function expect(condition: boolean, what: string): void {
  if (condition) return;
  failures++;
  console.log(`  ✗ expected ${what}`);
}

/** The pull request's checks: data, training, gate; returns the gate's step (undefined when validation stopped it). */
async function checks(number: number, event: EventSpec, expect: { validate?: number; gate?: number } = {}): Promise<ActionResult | undefined> {
  const validated = await step(`PR ${number}: validate the data against its contract`, 'validate-data', event, EXAMPLE_VALIDATE_STEP, expect.validate ?? 0);
  if (validated.exitCode !== 0) return undefined;
  await step(`PR ${number}: train the candidate`, 'train', event, TRAIN, 0);
  const gated = await step(`PR ${number}: gate the candidate against production`, 'evaluate-gate', event, GATE, expect.gate ?? 0);
  keepComment(number);
  return gated;
}

/** What the release workflow does on the merge: the model that passed is promoted to staging, then production. */
async function release(event: EventSpec): Promise<void> {
  await step('Release: promote the model that passed the gate to staging', 'promote', event, { 'model-name': MODEL, stage: 'staging', model: 'model', profile: 'profile.json', 'artifact-store': STORE }, 0);
  await step('Release: promote it from staging to production', 'promote', loadEvent('workflow_dispatch'), { 'model-name': MODEL, stage: 'production', 'require-stage': 'staging', model: 'model', 'artifact-store': STORE }, 0);
}

const editParams = (edit: (text: string) => string) => (): void => {
  const file = path.join(workspace, 'params.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
};

setUp();

const pr1 = openPullRequest(1, 'A first model on four features', editParams((text) => text.replace(/^features: all$/m, 'features: [mean_radius, mean_texture, mean_smoothness, mean_concavity]')));
const gate1 = await checks(1, pr1);
expect(gate1?.outputs['verdict'] === 'no-baseline', 'PR 1 to pass on the bounds with no production model');
const rerun = await step('PR 1 re-run, nothing changed: training is skipped', 'train', pr1, TRAIN, 0);
expect(rerun.outputs['cache-hit'] === 'true', 'a cache hit on the re-run');
await release(merge(1));

const pr2 = openPullRequest(2, 'Use every feature', editParams((text) => text.replace(/^features: .*$/m, 'features: all')));
const gate2 = await checks(2, pr2);
expect(gate2?.outputs['passed'] === 'true', 'PR 2 to pass the gate');
await release(merge(2));

const pr3 = openPullRequest(3, 'New data (with two bad rows)', () => {
  // Row 10 gets a negative radius, row 20 a diagnosis nobody knows.
  const data = path.join(workspace, 'data', 'breast_cancer.csv');
  const lines = readFileSync(data, 'utf8').split('\n');
  lines[10] = (lines[10] ?? '').replace(/^(\d+),[^,]+,/, '$1,-4.2,');
  lines[20] = (lines[20] ?? '').replace(/,(benign|malignant)(\r?)$/, ',unknown$2');
  writeFileSync(data, lines.join('\n'));
});
const gate3 = await checks(3, pr3, { validate: 1 });
expect(gate3 === undefined, 'validate-data to stop PR 3 before training');
abandon();

const pr4 = openPullRequest(4, 'Train for 3 epochs only', editParams((text) => text.replace(/epochs: \d+/, 'epochs: 3')));
const gate4 = await checks(4, pr4, { gate: 1 });
expect(gate4?.outputs['verdict'] === 'failed', 'the gate to block PR 4');
abandon();

const rollback = await step('Rollback: production goes back to the version before', 'promote', loadEvent('workflow_dispatch'), { 'model-name': MODEL, stage: 'production', rollback: 'true', 'artifact-store': STORE }, 0);
expect(rollback.outputs['version'] === 'v0.1.0', 'the rollback to give production back to v0.1.0');

const registry = await new GitRegistry({ git: createGitRunner(), cwd: workspace, remote: 'origin', env: gitEnv }).read();
console.log(`\n══ The registry (${path.relative(REPO_ROOT, remote)}): ${MODEL}`);
for (const version of registry.versions(MODEL)) console.log(`  ${version.tag}  ${version.payload?.modelDigest ?? ''}`);
for (const stage of registry.stages(MODEL)) {
  console.log(`  ${stage}: now ${registry.stage(MODEL, stage)?.version.version ?? '—'}`);
  for (const event of registry.history(MODEL, stage)) console.log(`    ${event.tag}  ${event.kind} ${event.version ?? ''}${event.reason ? `  (${event.reason})` : ''}`);
}
expect(registry.stage(MODEL, 'production')?.version.version === 'v0.1.0' && registry.stage(MODEL, 'staging')?.version.version === 'v0.1.1', 'production at v0.1.0 and staging at v0.1.1 in the end');

console.log(`\nThe PR comments and job summaries, as markdown:\n${written.map((file) => `  ${path.relative(REPO_ROOT, file)}`).join('\n')}`);
console.log(`The scratch folder (workspace, registry, cache, artifacts): ${path.relative(REPO_ROOT, scratch)}`);
if (failures > 0) {
  console.log(`\n${failures} step(s) did not go as the story says.`);
  process.exitCode = 1;
}
