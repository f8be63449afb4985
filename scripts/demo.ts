/**
 * The demo: the example project's life in pull requests, each step typed as a user would, with the local runner
 * (`mlops-actions <action> --with … --event …`, bin/mlops-actions.mjs): the action's bundle runs with the runner's
 * protocol, an event made from the scratch repository, and the local defaults (a cache folder, a local artifact
 * store, the registry in the repository's bare `origin`, the job summary and PR comment written as markdown files):
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
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GitRegistry, createGitRunner } from '../shared/src/registry';
import { EXAMPLE_TRAIN_STEP, EXAMPLE_VALIDATE_STEP, REPO_ROOT, checkoutExample } from '../tests/harness';

type EventName = 'pull_request' | 'push' | 'workflow_dispatch';

/** What a step printed and left: its exit code, the outputs the CLI listed, and the job summary it wrote. */
interface StepResult {
  exitCode: number | null;
  outputs: Record<string, string>;
  summary?: string;
}

const CLI = path.join(REPO_ROOT, 'bin', 'mlops-actions.mjs');

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

/** Opens pull request `number`: a branch with `change` applied to params.yaml or the data, checked out. */
function openPullRequest(number: number, title: string, change: () => void): void {
  console.log(`\n══ PR ${number}: ${title}`);
  git('checkout', '-q', '-B', `pr-${number}`, 'main');
  change();
  git('commit', '-q', '-am', title);
}

/** Merges the PR's branch into main and pushes: the release steps run on that push. */
function merge(number: number): void {
  git('checkout', '-q', 'main');
  git('merge', '-q', '--no-ff', '-m', `Merge pull request #${number}`, `pr-${number}`);
  git('push', '-q', 'origin', 'main');
  console.log(`\n── PR ${number} merged into main (${git('rev-parse', '--short', 'HEAD')})`);
}

/** Leaves a PR that was not merged: back to main, its branch kept. */
function abandon(): void {
  git('checkout', '-q', '-f', 'main');
}

/** Runs `mlops-actions <action> --with … --event … --workspace …` as typed, showing its log indented. */
async function step(title: string, action: string, event: EventName, inputs: Record<string, string>, expectExit: number, pullRequest?: number): Promise<StepResult> {
  console.log(`\n━━ ${title}`);
  const args = [
    CLI,
    action,
    ...Object.entries(inputs).flatMap(([key, value]) => ['--with', `${key}=${value}`]),
    '--event',
    event,
    ...(pullRequest !== undefined ? ['--pull-request', String(pullRequest)] : []),
    '--workspace',
    workspace,
  ];
  console.log(`  $ mlops-actions ${args.slice(1, -2).map(shellWord).join(' ')}`);
  const child = spawn(process.execPath, args, { cwd: workspace, env: { ...process.env, ...gitEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const show = (chunk: Buffer): void => {
    text += chunk.toString();
  };
  child.stdout.on('data', show);
  child.stderr.on('data', show);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  for (const line of text.trimEnd().split('\n')) console.log(`  ${line}`);
  const result: StepResult = { exitCode, outputs: outputsOf(text) };
  const summary = /^Job summary: (.+)$/m.exec(text)?.[1];
  // The gate's summary is its PR comment, kept by keepComment.
  if (summary && action !== 'evaluate-gate') keep(`${action}.md`, readFileSync(path.resolve(workspace, summary), 'utf8'));
  if (exitCode !== expectExit) {
    failures++;
    console.log(`  ✗ expected exit code ${expectExit}`);
  }
  return result;
}

/** An argument as it would be typed in bash: plain, '…', or $'…' for one with a line break. */
function shellWord(arg: string): string {
  if (arg.includes('\n')) return `$'${arg.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  return /[\s*$"'\\]/.test(arg) ? `'${arg.replace(/'/g, "'\\''")}'` : arg;
}

/** The `name = value` lines the CLI prints under `Outputs:`. */
function outputsOf(text: string): Record<string, string> {
  const block = /^Outputs:\n((?: {2}\S+ = .*\n?)*)/m.exec(text)?.[1] ?? '';
  return Object.fromEntries(block.split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf(' = ');
    return [line.slice(0, at).trim(), line.slice(at + 3)];
  }));
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

function expect(condition: boolean, what: string): void {
  if (condition) return;
  failures++;
  console.log(`  ✗ expected ${what}`);
}

/** The pull request's checks: data, training, gate; returns the gate's step (undefined when validation stopped it). */
async function checks(number: number, expect: { validate?: number; gate?: number } = {}): Promise<StepResult | undefined> {
  const validated = await step(`PR ${number}: validate the data against its contract`, 'validate-data', 'pull_request', EXAMPLE_VALIDATE_STEP, expect.validate ?? 0, number);
  if (validated.exitCode !== 0) return undefined;
  await step(`PR ${number}: train the candidate`, 'train', 'pull_request', TRAIN, 0, number);
  const gated = await step(`PR ${number}: gate the candidate against production`, 'evaluate-gate', 'pull_request', GATE, expect.gate ?? 0, number);
  keepComment(number);
  return gated;
}

/** What the release workflow does on the merge: the model that passed is promoted to staging, then production. */
async function release(): Promise<void> {
  await step('Release: promote the model that passed the gate to staging', 'promote', 'push', { 'model-name': MODEL, stage: 'staging', model: 'model', profile: 'profile.json', 'artifact-store': STORE }, 0);
  await step('Release: promote it from staging to production', 'promote', 'workflow_dispatch', { 'model-name': MODEL, stage: 'production', 'require-stage': 'staging', model: 'model', 'artifact-store': STORE }, 0);
}

const editParams = (edit: (text: string) => string) => (): void => {
  const file = path.join(workspace, 'params.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
};

setUp();

openPullRequest(1, 'A first model on four features', editParams((text) => text.replace(/^features: all$/m, 'features: [mean_radius, mean_texture, mean_smoothness, mean_concavity]')));
const gate1 = await checks(1);
expect(gate1?.outputs['verdict'] === 'no-baseline', 'PR 1 to pass on the bounds with no production model');
const rerun = await step('PR 1 re-run, nothing changed: training is skipped', 'train', 'pull_request', TRAIN, 0, 1);
expect(rerun.outputs['cache-hit'] === 'true', 'a cache hit on the re-run');
merge(1);
await release();

openPullRequest(2, 'Use every feature', editParams((text) => text.replace(/^features: .*$/m, 'features: all')));
const gate2 = await checks(2);
expect(gate2?.outputs['passed'] === 'true', 'PR 2 to pass the gate');
merge(2);
await release();

openPullRequest(3, 'New data (with two bad rows)', () => {
  // Row 10 gets a negative radius, row 20 a diagnosis nobody knows.
  const data = path.join(workspace, 'data', 'breast_cancer.csv');
  const lines = readFileSync(data, 'utf8').split('\n');
  lines[10] = (lines[10] ?? '').replace(/^(\d+),[^,]+,/, '$1,-4.2,');
  lines[20] = (lines[20] ?? '').replace(/,(benign|malignant)(\r?)$/, ',unknown$2');
  writeFileSync(data, lines.join('\n'));
});
const gate3 = await checks(3, { validate: 1 });
expect(gate3 === undefined, 'validate-data to stop PR 3 before training');
abandon();

openPullRequest(4, 'Train for 3 epochs only', editParams((text) => text.replace(/epochs: \d+/, 'epochs: 3')));
const gate4 = await checks(4, { gate: 1 });
expect(gate4?.outputs['verdict'] === 'failed', 'the gate to block PR 4');
abandon();

const rollback = await step('Rollback: production goes back to the version before', 'promote', 'workflow_dispatch', { 'model-name': MODEL, stage: 'production', rollback: 'true', 'artifact-store': STORE }, 0);
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
console.log(`The scratch folder (workspace, registry, cache and artifact store under workspace/.mlops): ${path.relative(REPO_ROOT, scratch)}`);
if (failures > 0) {
  console.log(`\n${failures} step(s) did not go as the story says.`);
  process.exitCode = 1;
}
